package dev.preflight.it.spring;

import dev.preflight.testing.ChildProcess;
import dev.preflight.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real Spring Boot fat jar whose only database settings are Boot's {@code spring.datasource.*}, started with the bare
 * agent ({@code -javaagent:preflight-agent.jar}, no argument, no PREFLIGHT_* variable): the agent migrates the database
 * Boot itself then uses, found where Boot finds it.
 */
class AgentReadsBootDatasourceTest {

    private static final String PASSWORD = "s3cret-boot-pw";

    @RegisterExtension
    final TestDatabase db = TestDatabase.perTest();
    @TempDir
    Path work;

    @Test
    void theActiveProfilesFileGivesTheUrl() throws Exception {
        ChildProcess.Result r = BootApps.start(BootApps.AGENT_APP, work, true)
                .env("SPRING_PROFILES_ACTIVE", "it")
                .env("APP_DB_URL", db.urlWithoutParameters())
                .env("SPRING_DATASOURCE_PASSWORD", PASSWORD) // trust authentication ignores it; it must not show
                .run();

        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains("AGENT APP SAW [apple, pear] IN " + db.name()), r::toString);
        String output = r.stdout() + r.stderr();
        assertTrue(output.contains("Spring Boot application (profiles [it]), repo main: url " + db.urlWithoutParameters()
                + " from spring.datasource.url (classpath:application-it.yml), user postgres from"
                + " spring.datasource.username (classpath:application.yml), password from spring.datasource.password"
                + " (env SPRING_DATASOURCE_PASSWORD)"), r::toString);
        assertFalse(output.contains(PASSWORD), "the password never shows");
        assertEquals(List.of("1", "2"), db.queryColumn("select version from preflight_schema_history order by 1"));
    }

    @Test
    void springDatasourceUrlInTheEnvironmentWinsOverTheFiles() throws Exception {
        ChildProcess.Result r = BootApps.start(BootApps.AGENT_APP, work, true)
                .env("SPRING_PROFILES_ACTIVE", "it")
                .env("APP_DB_URL", "jdbc:postgresql://127.0.0.1:1/the-profiles-url")
                .env("SPRING_DATASOURCE_URL", db.urlWithoutParameters())
                .run();

        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains("AGENT APP SAW [apple, pear] IN " + db.name()), r::toString);
        assertTrue((r.stdout() + r.stderr()).contains("from spring.datasource.url (env SPRING_DATASOURCE_URL)"),
                r::toString);
        assertEquals("2", db.queryValue("select count(*) from preflight_schema_history"));
    }

    @Test
    void aConfigFolderBesideTheApplicationBeatsTheJar() throws Exception {
        Files.createDirectories(work.resolve("config"));
        Files.writeString(work.resolve("config/application.yml"),
                "spring.datasource.url: " + db.urlWithoutParameters() + "\n");

        ChildProcess.Result r = BootApps.start(BootApps.AGENT_APP, work, true).run();

        assertEquals(0, r.exitCode(), r::toString);
        assertTrue((r.stdout() + r.stderr()).contains("from spring.datasource.url (file config/application.yml)"),
                r::toString);
        assertTrue(r.stdout().contains("AGENT APP SAW [apple, pear] IN " + db.name()), r::toString);
    }

    @Test
    void preflightsOwnUrlWinsAndBootsIsNotRead() throws Exception {
        ChildProcess.Result r = BootApps.start(BootApps.AGENT_APP, work, true)
                .env("PREFLIGHT_URL", db.url())
                .env("SPRING_DATASOURCE_URL", db.urlWithoutParameters())
                .run();

        assertEquals(0, r.exitCode(), r::toString);
        assertFalse((r.stdout() + r.stderr()).contains("Spring Boot application (profiles"), r::toString);
        assertEquals("2", db.queryValue("select count(*) from preflight_schema_history"));
    }
}
