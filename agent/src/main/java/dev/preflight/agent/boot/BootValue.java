package dev.preflight.agent.boot;

/**
 * One property as Spring Boot would see it: its text and where it was found, e.g. {@code env SPRING_DATASOURCE_URL} or
 * {@code classpath:application-prod.yml}. {@link #toString()} shows only the origin: the text may be a password.
 */
record BootValue(String text, String origin) {

    @Override
    public String toString() {
        return origin;
    }
}
