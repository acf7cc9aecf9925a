package dev.preflight.fw;

import dev.preflight.testing.ChildJvm;
import dev.preflight.testing.ChildProcess;
import dev.preflight.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Quarkus REST application (Agroal, smallrye-health) as quarkus-maven-plugin packs it, a fast-jar whose
 * {@code quarkus-run.jar} starts Quarkus's launcher, started with the bare agent (configured through the
 * environment): the agent hooks the application's main behind the launcher, finds the migrations in the
 * application's jar through Quarkus's class loader, and leaves Quarkus's logging as Quarkus sets it up.
 */
class QuarkusAppTest {

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    @Test
    void migrationsFromTheApplicationRunBeforeItsFirstLineAndQuarkusKeepsItsLogging() throws Exception {
        int port = ChildProcess.freePort();
        int healthPort = ChildProcess.freePort();
        try (ChildJvm.Running app = ChildJvm.jar(FrameworkApps.require(FrameworkApps.QUARKUS)).agent("")
                .systemProperty("quarkus.datasource.jdbc.url", db.url())
                .systemProperty("quarkus.http.port", Integer.toString(port))
                .env("PREFLIGHT_URL", db.url()).env("PREFLIGHT_HEALTH_PORT", Integer.toString(healthPort)).start()) {
            app.awaitOutput("Listening on");

            String out = app.stdout() + app.stderr();
            assertTrue(out.contains("QUARKUS APP FIRST LINE history=present greetings=[hello from the quarkus jar]"),
                    app::toString);
            assertTrue(out.indexOf("migrate main: 2 migrations") < out.indexOf("QUARKUS APP FIRST LINE"), app::toString);
            assertTrue(out.contains("before io.quarkus.runner.GeneratedMain#main (Quarkus application main of"
                    + " quarkus-run.jar"), app::toString);
            // Quarkus's own format (application.properties), for Quarkus's lines, the application's and Preflight's.
            assertTrue(out.contains("QUARKUS-FORMAT") && out.contains(
                    "INFO  [dev.preflight.fw.quarkus.Greetings] QUARKUS APP LOGS THROUGH JBOSS LOGGING"), app::toString);
            assertTrue(out.contains("INFO  [dev.preflight.engine.Migrator] migrate main: applied 1"
                    + " create_quarkus_greeting"), app::toString);
            assertFalse(out.contains("LogManager"), "nothing set up java.util.logging before Quarkus: " + app);
            assertFalse(out.contains("ERROR"), app::toString);

            HttpResponse<String> ready = FrameworkApps.get(port, "/q/health/ready");
            assertEquals(200, ready.statusCode(), ready.body());
            assertTrue(ready.body().contains("\"status\": \"UP\""), ready.body());
            assertEquals("hello from the quarkus jar", FrameworkApps.get(port, "/greetings").body());
            assertEquals(200, FrameworkApps.get(healthPort, "/ready").statusCode());
        }
        assertEquals(List.of("1", "2"), db.queryColumn("select version from preflight_schema_history order by 1"));
    }
}
