package dev.preflight;

import dev.preflight.config.ApplicationSetting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Settings of the application's own configuration (the agent's reading of Spring Boot's datasource). */
class ApplicationSettingsTest {

    private static final String SECRET = "B00t-pw!";
    private static final List<ApplicationSetting> BOOT = List.of(
            new ApplicationSetting("url", "jdbc:postgresql://boot-db/app", "spring.datasource.url",
                    "classpath:application-prod.yml"),
            new ApplicationSetting("user", "boot_user", "spring.datasource.username", "classpath:application.yml"),
            new ApplicationSetting("password", SECRET, "spring.datasource.password", "env SPRING_DATASOURCE_PASSWORD"),
            new ApplicationSetting("locations", "classpath:db/migration,classpath:db/more", "spring.flyway.locations",
                    "classpath:application.yml"));

    @TempDir
    Path dir;

    @Test
    void theyConfigureTheFirstRepoWhenPreflightSaysNothing() {
        PreflightConfig config = load(Map.of(), null, BOOT);
        RepoConfig main = config.defaultRepo();

        assertEquals("jdbc:postgresql://boot-db/app", main.url());
        assertEquals(Optional.of("boot_user"), main.user());
        assertEquals(Optional.of(SECRET), main.password());
        assertEquals(List.of("classpath:db/migration", "classpath:db/more"), main.locations());
        String described = config.describe();
        assertTrue(described.contains("url=jdbc:postgresql://boot-db/app (application, from spring.datasource.url)"),
                described);
        assertTrue(described.contains("password=***** (application, from spring.datasource.password)"), described);
        assertFalse(described.contains(SECRET), described);
    }

    @Test
    void everyPreflightSourceBeatsThem() throws IOException {
        Path classes = Files.createDirectories(dir.resolve("classes"));
        Files.writeString(classes.resolve("preflight.properties"), "user=from_properties\n");
        ClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, null);

        RepoConfig main = load(Map.of("PREFLIGHT_PASSWORD", "env_pw"), loader, BOOT).defaultRepo();

        assertEquals("jdbc:postgresql://boot-db/app", main.url(), "nothing else set it");
        assertEquals(Optional.of("from_properties"), main.user());
        assertEquals(Optional.of("env_pw"), main.password());
        RepoConfig fromDatabaseUrl = load(Map.of("DATABASE_URL", "postgres://u:p@h/db"), null, BOOT).defaultRepo();
        assertEquals("jdbc:postgresql://h/db", fromDatabaseUrl.url());
        assertEquals(Optional.of("u"), fromDatabaseUrl.user(), "DATABASE_URL's own credentials beat the application's");
    }

    @Test
    void reposAfterTheFirstNeverSeeThem() {
        PreflightConfig config = load(Map.of("PREFLIGHT_REPOS", "main,audit"), null, BOOT);

        assertEquals("jdbc:postgresql://boot-db/app", config.repo("main").url());
        assertFalse(config.repo("audit").hasUrl());
        assertEquals(Optional.empty(), config.repo("audit").user());
        assertEquals(List.of("db/audit/migrations"), config.repo("audit").locations());
    }

    @Test
    void anInvalidValueNamesThePropertyAndWhereItWasWithoutThePassword() {
        List<ApplicationSetting> noScheme = List.of(
                new ApplicationSetting("url", "db.example.com/app?password=" + SECRET, "spring.datasource.url",
                        "file ./config/application.yml"),
                new ApplicationSetting("password", SECRET, "spring.datasource.password", "file ./config/application.yml"));

        ConfigException e = assertThrows(ConfigException.class, () -> load(Map.of(), null, noScheme));

        assertTrue(e.getMessage().contains("spring.datasource.url"), e.getMessage());
        assertTrue(e.getMessage().contains("file ./config/application.yml"), e.getMessage());
        assertFalse(e.getMessage().contains(SECRET), e.getMessage());
    }

    @Test
    void onlyRepoKeysCanStandInForTheFirstRepo() {
        List<ApplicationSetting> port = List.of(
                new ApplicationSetting("health.port", "8081", "server.port", "classpath:application.yml"));
        assertThrows(IllegalArgumentException.class, () -> load(Map.of(), null, port));
    }

    // ---- the whole configuration from the application's (the spring-boot module's reading of Boot's Environment) ----

    @Test
    void fromApplicationTakesExactlyTheGivenSettings() {
        PreflightConfig config = PreflightConfig.fromApplication(List.of(
                new ApplicationSetting("repos", "main,audit", "preflight.repos", "class path resource [application.yml]"),
                new ApplicationSetting("lock-wait", "10m", "preflight.lock-wait", "class path resource [application.yml]"),
                new ApplicationSetting("audit.url", "jdbc:postgresql://h/audit", "preflight.audit.url",
                        "env PREFLIGHT_AUDIT_URL")));

        assertEquals(List.of("main", "audit"), config.repoNames());
        assertEquals(Optional.of(java.time.Duration.ofMinutes(10)), config.repo("audit").lockWait());
        assertEquals("jdbc:postgresql://h/audit", config.repo("audit").url());
        assertFalse(config.defaultRepo().hasUrl());
        assertTrue(config.describe().contains("lock-wait=10m (application)"), config.describe());
    }

    @Test
    void fromApplicationNamesThePropertyAndItsOriginInErrors() {
        ConfigException e = assertThrows(ConfigException.class, () -> PreflightConfig.fromApplication(List.of(
                new ApplicationSetting("lock-wiat", "10m", "preflight.lock-wiat", "class path resource [application.yml] - 3:5"),
                new ApplicationSetting("lock-timeout", "5", "preflight.lock-timeout", "env PREFLIGHT_LOCK_TIMEOUT"))));

        assertTrue(e.getMessage().contains("Unknown key `preflight.lock-wiat` in class path resource [application.yml]"
                + " - 3:5: did you mean `preflight.lock-wait`?"), e.getMessage());
        assertTrue(e.getMessage().contains("Invalid lock-timeout `5` (from env PREFLIGHT_LOCK_TIMEOUT)"), e.getMessage());
    }

    private static PreflightConfig load(Map<String, String> env, ClassLoader loader, List<ApplicationSetting> app) {
        return PreflightConfig.load(loader, env, new Properties(), Map.of(), app);
    }
}
