package dev.preflight.it.spring;

import dev.preflight.it.spring.BootApps.Response;
import dev.preflight.testing.ChildProcess;
import dev.preflight.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A Boot application with both the agent and the starter: the agent migrates before main, the starter only reports. */
class AgentAndStarterTest {

    @RegisterExtension
    final TestDatabase db = TestDatabase.perTest();
    @TempDir
    Path work;

    @Test
    void migrationsRunOnceAndTheStarterReportsTheAgentsWork() throws Exception {
        int port = ChildProcess.freePort();
        String base = "http://127.0.0.1:" + port + "/actuator";
        try (ChildProcess.Running app = BootApps.start(BootApps.STARTER_APP, work, true, "--server.port=" + port)
                .env("SPRING_PROFILES_ACTIVE", "it")
                .env("APP_DB_URL", db.urlWithoutParameters())
                .start()) {
            app.awaitStdout("STARTER APP READY");
            String output = app.stdout() + app.stderr();
            assertTrue(output.contains("migrate main: 2 migrations in"), output);
            assertTrue(output.contains("The Preflight agent ran start-up in this JVM (startup=migrate): not run again,"
                    + " only reported"), output);
            assertEquals(1, count(output, "migrate main: 2 migrations in"), "one migrate: the agent's");
            assertFalse(output.contains("migrate main: nothing to do"), "the starter did not migrate again");

            assertEquals(200, BootApps.get(base + "/health/readiness").status());
            Response health = BootApps.get(base + "/health");
            assertTrue(health.body().contains("\"phase\":\"agent\""), health.body());
            assertTrue(BootApps.get(base + "/preflight").body()
                    .startsWith("{\"repo\":\"main\",\"currentVersion\":\"2\",\"pending\":0,"));
        }
        assertEquals(List.of("1", "2"), db.queryColumn("select version from preflight_schema_history order by 1"));
        assertFalse(db.queryValue("select count(*) from preflight_schema_history").equals("4"));
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            n++;
        }
        return n;
    }
}
