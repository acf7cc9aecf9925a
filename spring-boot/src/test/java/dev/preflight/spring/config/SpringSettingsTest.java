package dev.preflight.spring.config;

import dev.preflight.ConfigException;
import dev.preflight.PreflightConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.FileSystemResource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** preflight.* in a Spring Boot Environment: Boot's precedence and relaxed names, Preflight's keys and messages. */
class SpringSettingsTest {

    @TempDir
    Path dir;

    @Test
    void yamlWithRelaxedNamesListsAndRepos() throws IOException {
        StandardEnvironment environment = environment("""
                preflight:
                  repos: [main, audit]
                  lockWait: 10m
                  data_locations: db/data
                  locations:
                    - classpath:db/a
                    - classpath:db/b
                  health:
                    port: 8081
                  spring:
                    background: true
                  audit:
                    url: jdbc:postgresql://db/audit
                """, Map.of());

        PreflightConfig config = SpringSettings.read(environment);

        assertEquals(List.of("main", "audit"), config.repoNames());
        assertEquals(Optional.of(Duration.ofMinutes(10)), config.defaultRepo().lockWait());
        assertEquals(List.of("db/data"), config.defaultRepo().dataLocations());
        assertEquals(List.of("classpath:db/a", "classpath:db/b"), config.defaultRepo().locations());
        assertEquals(8081, config.healthPort().getAsInt());
        assertTrue(config.springBackground());
        assertEquals("jdbc:postgresql://db/audit", config.repo("audit").url());
        assertFalse(config.defaultRepo().hasUrl(), "the first repo takes the application's DataSource");
    }

    @Test
    void theEnvironmentBeatsTheFileUnderPreflightsOwnNames() throws IOException {
        StandardEnvironment environment = environment("preflight.data-locations: db/from-file\npreflight.lint: warn\n",
                Map.of("PREFLIGHT_DATA_LOCATIONS", "db/from-env", "PREFLIGHT_LINT", "error",
                        "PREFLIGHT_CLASSPATH", "app.jar"));

        PreflightConfig config = SpringSettings.read(environment);

        assertEquals(List.of("db/from-env"), config.defaultRepo().dataLocations());
        assertEquals("error", String.valueOf(config.defaultRepo().lint()).toLowerCase());
    }

    @Test
    void anUnknownKeyNamesItsFileAndLineWithADidYouMean() throws IOException {
        StandardEnvironment environment = environment("preflight:\n  lock-timeout: 5s\n  lock-wiat: 10m\n", Map.of());

        ConfigException e = assertThrows(ConfigException.class, () -> SpringSettings.read(environment));

        assertTrue(e.getMessage().contains("Unknown key `preflight.lock-wiat` in class path resource")
                || e.getMessage().contains("Unknown key `preflight.lock-wiat` in file"), e.getMessage());
        assertTrue(e.getMessage().contains("application.yml]"), e.getMessage());
        assertTrue(e.getMessage().contains(" - 3:"), e.getMessage());
        assertTrue(e.getMessage().endsWith("did you mean `preflight.lock-wait`?"), e.getMessage());
    }

    @Test
    void aBadValueNamesWhereItWasAndHidesAPassword() throws IOException {
        StandardEnvironment environment = environment("preflight:\n  lock-timeout: five\n  password: s3cret\n"
                + "  user: app\n", Map.of());

        ConfigException e = assertThrows(ConfigException.class, () -> SpringSettings.read(environment));

        assertTrue(e.getMessage().startsWith("Invalid lock-timeout `five` (from "), e.getMessage());
        assertTrue(e.getMessage().contains("application.yml] - 2:17"), e.getMessage());
        assertFalse(e.getMessage().contains("s3cret"));
    }

    @Test
    void unknownEnvironmentVariablesAreLeftToOtherTools() throws IOException {
        StandardEnvironment environment = environment("", Map.of("PREFLIGHT_TEST_JDBC_URL", "x", "PREFLIGHT_FOO", "y"));

        assertEquals(List.of("main"), SpringSettings.read(environment).repoNames());
    }

    private StandardEnvironment environment(String yaml, Map<String, String> env) throws IOException {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().addLast(new SystemEnvironmentPropertySource("systemEnvironment",
                Map.copyOf(env)));
        if (!yaml.isEmpty()) {
            Path file = Files.writeString(dir.resolve("application.yml"), yaml);
            new YamlPropertySourceLoader().load("application.yml", new FileSystemResource(file))
                    .forEach(environment.getPropertySources()::addLast);
        } else {
            environment.getPropertySources().addLast(new MapPropertySource("empty", Map.of()));
        }
        ConfigurationPropertySources.attach(environment);
        return environment;
    }
}
