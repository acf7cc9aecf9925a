package dev.preflight.config;

/**
 * Where a setting came from, lowest precedence first: a later source wins over an earlier one.
 * {@link #label()} is what {@code describe()} prints next to each value.
 *
 * <pre>{@code
 * Source.ENV.compareTo(Source.FILE) > 0    // the environment beats the config file
 * }</pre>
 */
public enum Source {
    DEFAULT("default"),
    /** The application's own configuration (Spring Boot's datasource), for the first repo only: {@link ApplicationSetting}. */
    APPLICATION("application"),
    CLASSPATH("classpath"),
    FILE("file"),
    ENV("env"),
    SYSTEM("system"),
    ARGUMENT("argument");

    private final String label;

    Source(String label) {
        this.label = label;
    }

    /** {@code default}, {@code application}, {@code classpath}, {@code file}, {@code env}, {@code system} or {@code argument}. */
    public String label() {
        return label;
    }
}
