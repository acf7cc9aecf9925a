package dev.preflight.config;

import java.util.Objects;

/**
 * A setting found in the application's own configuration system rather than in Preflight's sources
 * ({@link Source#APPLICATION}). Two uses: the agent reads a Spring Boot application's {@code spring.datasource.url},
 * {@code username} and {@code password} (and Flyway's locations and schema) as settings of the first repo, below every
 * Preflight source, so a Preflight key that is set always wins and repos after the first never see them
 * ({@code PreflightConfig.load(loader, arguments, settings)}); the {@code spring-boot} module hands over the
 * {@code preflight.*} properties of Boot's Environment as the whole configuration
 * ({@code PreflightConfig.fromApplication(settings)}), so errors name Boot's property and origin.
 *
 * <pre>{@code
 * new ApplicationSetting("url", "jdbc:postgresql://db/app", "spring.datasource.url", "env SPRING_DATASOURCE_URL")
 * // describe(): url=jdbc:postgresql://db/app (application, from spring.datasource.url)
 * }</pre>
 *
 * @param key      a key of {@link ConfigKeys} without prefix, repo-prefixed where it is one repo's:
 *                 {@code url}, {@code audit.lock-wait}, ...
 * @param value    the value as Preflight reads it (a list comma-separated)
 * @param property the application's own name for it, e.g. {@code spring.datasource.username}, {@code preflight.lock-wait}
 * @param origin   where exactly, for messages: {@code classpath:application-prod.yml}, {@code env SPRING_DATASOURCE_URL}
 */
public record ApplicationSetting(String key, String value, String property, String origin) {

    public ApplicationSetting {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(property, "property");
        Objects.requireNonNull(origin, "origin");
    }

    @Override
    public String toString() {
        // The value may be a password.
        return property + " (" + origin + ")";
    }
}
