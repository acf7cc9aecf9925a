package dev.preflight.agent.boot;

import dev.preflight.PreflightConfig;
import dev.preflight.RepoConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpringBootDatasourceTest {

    private static final String YAML = """
            spring:
              datasource:
                url: jdbc:postgresql://boot-db:5432/app
                username: boot
                password: b00t-secret
              flyway:
                locations: classpath:db/{vendor}
                default-schema: app
            """;

    @TempDir
    Path dir;

    @Test
    void bootsDatasourceBecomesTheFirstRepo() {
        BootFiles app = new BootFiles(dir).inJar("application.yml", YAML);

        PreflightConfig config = apply(app, app.loader(), Map.of(), Map.of());

        RepoConfig main = config.defaultRepo();
        assertEquals("jdbc:postgresql://boot-db:5432/app", main.url());
        assertEquals(Optional.of("boot"), main.user());
        assertEquals(Optional.of("b00t-secret"), main.password());
        assertEquals(List.of("classpath:db/postgresql"), main.locations());
        assertEquals("app", main.schema());
        assertEquals("preflight_schema_history", main.table());
        assertTrue(config.describe().contains("(application, from spring.datasource.url)"), config.describe());
        assertFalse(config.describe().contains("b00t-secret"));
    }

    @Test
    void preflightsOwnSettingsWin() {
        BootFiles app = new BootFiles(dir).inJar("application.yml", YAML);

        RepoConfig main = apply(app, app.loader(), Map.of("user", "own", "locations", "db/own"), Map.of())
                .defaultRepo();

        assertEquals("jdbc:postgresql://boot-db:5432/app", main.url());
        assertEquals(Optional.of("own"), main.user());
        assertEquals(Optional.of("b00t-secret"), main.password(), "Preflight has none of its own");
        assertEquals(List.of("db/own"), main.locations());
    }

    @Test
    void theEnvironmentOverridesTheFileAsInBoot() {
        BootFiles app = new BootFiles(dir).inJar("application.yml", YAML);

        RepoConfig main = apply(app, app.loader(), Map.of(),
                Map.of("SPRING_DATASOURCE_URL", "jdbc:postgresql://env-db/app")).defaultRepo();

        assertEquals("jdbc:postgresql://env-db/app", main.url());
        assertEquals(Optional.of("boot"), main.user());
    }

    @Test
    void aPreflightUrlMeansBootsFilesAreNotEvenRead() {
        BootFiles app = new BootFiles(dir).inJar("application.yml", "spring: [broken\n");
        PreflightConfig own = PreflightConfig.fromProperties(Map.of("url", "jdbc:postgresql://own/app"));

        assertSame(own, SpringBootDatasource.apply(own, app.loader(), Map.of(), Map.of(), new Properties(), List.of(),
                app.work));
    }

    @Test
    void anApplicationWithoutSpringBootIsLeftAlone() {
        BootFiles app = new BootFiles(dir).inJar("application.yml", YAML);
        PreflightConfig none = PreflightConfig.fromProperties(Map.of());

        assertSame(none, SpringBootDatasource.apply(none, app.plainLoader(), Map.of(), Map.of(), new Properties(),
                List.of(), app.work));
    }

    @Test
    void anotherDatabaseIsNotUsed() {
        BootFiles app = new BootFiles(dir).inJar("application.properties", "spring.datasource.url=jdbc:h2:mem:app\n");

        assertFalse(apply(app, app.loader(), Map.of(), Map.of()).defaultRepo().hasUrl());
    }

    private static PreflightConfig apply(BootFiles app, ClassLoader loader, Map<String, String> arguments,
                                         Map<String, String> env) {
        PreflightConfig config = PreflightConfig.load(loader, arguments);
        return SpringBootDatasource.apply(config, loader, arguments, env, new Properties(), List.of("app.jar"),
                app.work);
    }
}
