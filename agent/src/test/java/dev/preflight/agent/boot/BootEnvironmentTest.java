package dev.preflight.agent.boot;

import dev.preflight.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Spring Boot's property sources and their order, as the agent reads them (Boot's "Externalized Configuration"). */
class BootEnvironmentTest {

    private static final String URL = "spring.datasource.url";

    @TempDir
    Path dir;

    @Test
    void eachSourceBeatsTheOnesBelowItInBootsOrder() {
        BootFiles app = new BootFiles(dir)
                .inJar("application.yml", "spring:\n  datasource:\n    url: jar\n  profiles:\n    active: prod\n")
                .inJar("config/application.yml", "spring.datasource.url: jar-config\n")
                .inJar("application-prod.yml", "spring.datasource.url: jar-prod\n")
                .outside("application.yml", "spring.datasource.url: outside\n")
                .outside("config/application.properties", "spring.datasource.url=outside-config\n")
                .outside("config/extra/application.yml", "spring.datasource.url: outside-config-extra\n")
                .outside("config/application-prod.yml", "spring.datasource.url: outside-prod\n");

        assertEquals("outside-prod (file config/application-prod.yml)", value(app.load(Map.of(), Map.of()), URL));
        app.outside("config/application-prod.yml", "other: x\n");
        assertEquals("outside-config-extra (file config/extra/application.yml)",
                value(app.load(Map.of(), Map.of()), URL));
        Map<String, String> env = Map.of("SPRING_DATASOURCE_URL", "env");
        assertEquals("env (env SPRING_DATASOURCE_URL)", value(app.load(env, Map.of()), URL));
        Map<String, String> system = Map.of(URL, "system");
        assertEquals("system (-Dspring.datasource.url)", value(app.load(env, system), URL));
        Map<String, String> json = Map.of("SPRING_DATASOURCE_URL", "env",
                "SPRING_APPLICATION_JSON", "{\"spring\":{\"datasource\":{\"url\":\"json\"}}}");
        assertEquals("json (env SPRING_APPLICATION_JSON)", value(app.load(json, system), URL));
        assertEquals("args (command line --spring.datasource.url)",
                value(app.load(json, system, "app.jar", "--spring.datasource.url=args"), URL));
    }

    @Test
    void insideTheJarAProfileFileBeatsThePlainOneAndOutsideBeatsBoth() {
        BootFiles app = new BootFiles(dir)
                .inJar("application.yml", "spring.datasource.url: jar\n")
                .inJar("application-prod.yml", "spring.datasource.url: jar-prod\n");
        assertEquals("jar-prod", app.load(Map.of("SPRING_PROFILES_ACTIVE", "prod"), Map.of()).get(URL).get().text());
        app.outside("application.yml", "spring.datasource.url: outside\n");
        assertEquals("outside", app.load(Map.of("SPRING_PROFILES_ACTIVE", "prod"), Map.of()).get(URL).get().text());
    }

    @Test
    void propertiesBeatYamlInOneFolderAndTheLastActiveProfileWins() {
        BootFiles app = new BootFiles(dir)
                .inJar("application.yml", "spring.datasource.url: yml\n")
                .inJar("application.properties", "spring.datasource.url=properties\n")
                .inJar("application-a.yml", "spring.datasource.url: a\n")
                .inJar("application-b.yml", "spring.datasource.url: b\n");

        assertEquals("properties", app.load(Map.of(), Map.of()).get(URL).get().text());
        BootEnvironment ab = app.load(Map.of(), Map.of("spring.profiles.active", "a,b"));
        assertEquals(List.of("a", "b"), ab.profiles());
        assertEquals("b", ab.get(URL).get().text());
        assertEquals("a", app.load(Map.of(), Map.of("spring.profiles.active", "b,a")).get(URL).get().text());
    }

    @Test
    void profilesComeFromTheFilesGroupsIncludesAndTheDefault() {
        BootFiles app = new BootFiles(dir)
                .inJar("application.yml", """
                        spring:
                          profiles:
                            active: [prod]
                            include: common
                            group:
                              prod: [proddb, prodmq]
                        """)
                .inJar("application-default.yml", "spring.datasource.url: default\n")
                .inJar("application-proddb.yml", "spring.datasource.url: proddb\n");

        BootEnvironment boot = app.load(Map.of(), Map.of());
        assertEquals(List.of("common", "prod", "proddb", "prodmq"), boot.profiles());
        assertEquals("proddb", boot.get(URL).get().text());
        assertEquals(List.of("common"), app.load(Map.of("SPRING_PROFILES_ACTIVE", ""), Map.of()).profiles(),
                "an empty variable sets no active profile, as in Boot; the file's include stays");
        app.inJar("application.yml", "other: x\n");
        assertEquals(List.of("default"), app.load(Map.of(), Map.of()).profiles());
        assertEquals("default", app.load(Map.of(), Map.of()).get(URL).get().text());
    }

    @Test
    void documentsApplyOnlyForTheirProfilesAndCloudPlatform() {
        BootFiles app = new BootFiles(dir)
                .inJar("application.yml", """
                        spring.datasource.url: base
                        ---
                        spring.config.activate.on-profile: "prod & !eu"
                        spring.datasource.url: prod-not-eu
                        ---
                        spring:
                          config.activate.on-cloud-platform: kubernetes
                          datasource.username: k8s
                        """)
                .inJar("application.properties", """
                        spring.datasource.password=base
                        #---
                        spring.config.activate.on-profile=eu
                        spring.datasource.password=eu
                        """);

        BootEnvironment plain = app.load(Map.of(), Map.of());
        assertEquals("base", plain.get(URL).get().text());
        assertEquals("base", plain.get("spring.datasource.password").get().text());
        assertTrue(plain.get("spring.datasource.username").isEmpty());
        BootEnvironment prod = app.load(Map.of("SPRING_PROFILES_ACTIVE", "prod",
                "KUBERNETES_SERVICE_HOST", "10.0.0.1", "KUBERNETES_SERVICE_PORT", "443"), Map.of());
        assertEquals("prod-not-eu (classpath:application.yml (document 2))", value(prod, URL));
        assertEquals("k8s", prod.get("spring.datasource.username").get().text());
        BootEnvironment prodEu = app.load(Map.of("SPRING_PROFILES_ACTIVE", "prod,eu"), Map.of());
        assertEquals("base", prodEu.get(URL).get().text());
        assertEquals("eu", prodEu.get("spring.datasource.password").get().text());
    }

    @Test
    void namesAreRelaxedAsBootRelaxesThem() {
        BootFiles app = new BootFiles(dir).inJar("application.yml", """
                spring:
                  flyway:
                    defaultSchema: camel
                    locations:
                      - classpath:db/a
                      - classpath:db/b
                  datasource:
                    USERNAME: upper
                """);
        BootEnvironment boot = app.load(Map.of(), Map.of());
        assertEquals("camel", boot.get("spring.flyway.default-schema").get().text());
        assertEquals("upper", boot.get("spring.datasource.username").get().text());
        assertEquals("classpath:db/a,classpath:db/b", boot.list("spring.flyway.locations").get().text());

        BootEnvironment fromEnv = app.load(Map.of("SPRING_FLYWAY_DEFAULTSCHEMA", "env",
                "SPRING_FLYWAY_LOCATIONS_0_", "filesystem:/m"), Map.of());
        assertEquals("env", fromEnv.get("spring.flyway.default-schema").get().text());
        assertEquals("filesystem:/m", fromEnv.list("spring.flyway.locations").get().text(),
                "a list comes whole from the highest source that has it");
        assertEquals("legacy", app.load(Map.of("SPRING_FLYWAY_DEFAULT_SCHEMA", "legacy"), Map.of())
                .get("spring.flyway.default-schema").get().text());
    }

    @Test
    void placeholdersAreResolvedFromEverySourceWithDefaults() {
        BootFiles app = new BootFiles(dir).inJar("application.yml", """
                db:
                  name: app
                spring:
                  datasource:
                    url: jdbc:postgresql://${DB_HOST:localhost}:${DB_PORT:5432}/${db.name}
                    username: ${DB_USER:${db.name}_user}
                    password: \\${not-a-placeholder}
                """);
        BootEnvironment boot = app.load(Map.of("DB_HOST", "db.internal"), Map.of());
        assertEquals("jdbc:postgresql://db.internal:5432/app", boot.get(URL).get().text());
        assertEquals("app_user", boot.get("spring.datasource.username").get().text());
        assertEquals("${not-a-placeholder}", boot.get("spring.datasource.password").get().text());
    }

    @Test
    void aPlaceholderSetNowhereIsAnErrorNamingItAndTheProperty() {
        BootFiles app = new BootFiles(dir).inJar("application.yml", "spring.datasource.url: jdbc:postgresql://${DB_HOST}/app\n");
        ConfigException e = assertThrows(ConfigException.class, () -> app.load(Map.of(), Map.of()).get(URL));
        assertTrue(e.getMessage().startsWith("spring.datasource.url (classpath:application.yml) uses ${DB_HOST},"
                + " which is set nowhere"), e.getMessage());
    }

    @Test
    void configNameAndLocationsMoveTheFiles() {
        BootFiles app = new BootFiles(dir)
                .inJar("application.yml", "spring.datasource.url: application\n")
                .inJar("service.yml", "spring.datasource.url: service\n")
                .outside("etc/app.yml", "spring.datasource.url: etc\n")
                .outside("etc/app-prod.yml", "spring.datasource.url: etc-prod\n")
                .outside("more/service.properties", "spring.datasource.url=more\n");

        assertEquals("service", app.load(Map.of("SPRING_CONFIG_NAME", "service"), Map.of()).get(URL).get().text());
        assertEquals("etc (file etc/app.yml)", value(app.load(Map.of(),
                Map.of("spring.config.location", "optional:file:etc/app.yml")), URL));
        assertEquals("etc-prod", app.load(Map.of("SPRING_PROFILES_ACTIVE", "prod"),
                Map.of("spring.config.location", "etc/app.yml")).get(URL).get().text());
        assertEquals("more", app.load(Map.of(), Map.of("spring.config.name", "service",
                "spring.config.additional-location", "optional:file:more/")).get(URL).get().text());
    }

    @Test
    void aBrokenYamlFileIsAnErrorNamingIt() {
        BootFiles app = new BootFiles(dir).outside("config/application.yml", "spring:\n  datasource: [\n");
        ConfigException e = assertThrows(ConfigException.class, () -> app.load(Map.of(), Map.of()));
        assertTrue(e.getMessage().startsWith("Cannot read file config/application.yml as YAML"), e.getMessage());
    }

    private static String value(BootEnvironment boot, String name) {
        BootValue value = boot.get(name).orElseThrow();
        return value.text() + " (" + value.origin() + ")";
    }
}
