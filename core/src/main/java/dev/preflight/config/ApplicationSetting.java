package dev.preflight.config;

import java.util.Objects;

/**
 * A setting of the first repository found in the application's own configuration rather than in Preflight's: the agent
 * reads Spring Boot's {@code spring.datasource.url}, {@code username}, {@code password} (and Flyway's locations and
 * schema) this way when Preflight has no url. It ranks below every Preflight source ({@link Source#APPLICATION}), so a
 * Preflight key that is set, even {@code preflight.properties}, always wins; repos after the first never see it.
 *
 * <pre>{@code
 * new ApplicationSetting("url", "jdbc:postgresql://db/app", "spring.datasource.url", "env SPRING_DATASOURCE_URL")
 * // describe(): url=jdbc:postgresql://db/app (application, from spring.datasource.url)
 * }</pre>
 *
 * @param key      a repo key of {@link ConfigKeys}, without prefix: {@code url}, {@code user}, {@code locations}, ...
 * @param value    the value as Preflight reads it (a list comma-separated)
 * @param property the application's own name for it, e.g. {@code spring.datasource.username}
 * @param origin   where exactly, for messages: {@code classpath:application-prod.yml}, {@code env SPRING_DATASOURCE_URL}
 */
public record ApplicationSetting(String key, String value, String property, String origin) {

    public ApplicationSetting {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(property, "property");
        Objects.requireNonNull(origin, "origin");
        if (ConfigKeys.find(key).filter(k -> k.scope() == ConfigKey.Scope.REPO).isEmpty()) {
            throw new IllegalArgumentException("`" + key + "` is not a repo key");
        }
    }

    @Override
    public String toString() {
        // The value may be a password.
        return property + " (" + origin + ")";
    }
}
