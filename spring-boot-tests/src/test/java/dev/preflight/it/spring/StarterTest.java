package dev.preflight.it.spring;

import dev.preflight.it.spring.BootApps.Response;
import dev.preflight.testing.ChildProcess;
import dev.preflight.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real Spring Boot web application with the starter, actuator and Prometheus, in its own process: readiness through a
 * slow migration, the {@code /actuator/preflight} endpoint, the Prometheus scrape, and writes only once enabled.
 */
class StarterTest {

    @RegisterExtension
    final TestDatabase db = TestDatabase.perTest();
    @TempDir
    Path work;

    @Test
    void readinessIsDownWhileASlowMigrationRunsAndUpAfterWithTheEndpointAndTheMetrics() throws Exception {
        int port = ChildProcess.freePort();
        String base = "http://127.0.0.1:" + port + "/actuator";
        try (Connection test = db.connect(); Statement s = test.createStatement()) {
            // V3 waits for this lock: the migration runs for as long as the test says.
            s.execute("select pg_advisory_lock(4242)");
            try (ChildProcess.Running app = starter(port)
                    .env("PREFLIGHT_SPRING_BACKGROUND", "true")
                    .env("PREFLIGHT_LOCATIONS", "classpath:db/migrations,classpath:db/slow")
                    .env("PREFLIGHT_LOCK_TIMEOUT", "10m")
                    .start()) {
                Response health = BootApps.await(base + "/health",
                        r -> r.body().contains("\"current\":\"3 wait for the test\""), app);
                assertTrue(health.body().contains("\"phase\":\"running\""), health::toString);

                Response readiness = BootApps.get(base + "/health/readiness");
                assertEquals(503, readiness.status(), readiness::toString);
                assertEquals("{\"status\":\"DOWN\"}", readiness.body());
                assertEquals(200, BootApps.get(base + "/health/liveness").status(), "alive while it migrates");
                Response status = BootApps.get(base + "/preflight");
                assertEquals(200, status.status(), status::toString);
                assertTrue(status.body().startsWith("{\"repo\":\"main\",\"currentVersion\":\"2\",\"pending\":1,"
                        + "\"pendingData\":0,\"migrations\":[{\"status\":\"up\",\"id\":\"1\",\"version\":\"1\","
                        + "\"name\":\"create item\",\"kind\":\"schema\",\"appliedAt\":"), status.body());
                assertTrue(status.body().contains("{\"status\":\"down\",\"id\":\"3\",\"version\":\"3\","
                        + "\"name\":\"wait for the test\",\"kind\":\"schema\",\"appliedAt\":null"), status.body());

                s.execute("select pg_advisory_unlock(4242)");

                BootApps.await(base + "/health/readiness", r -> r.status() == 200, app);
                assertTrue(BootApps.get(base + "/preflight").body()
                        .startsWith("{\"repo\":\"main\",\"currentVersion\":\"3\",\"pending\":0,"));
                String metrics = BootApps.get(base + "/prometheus").body();
                for (String line : List.of(
                        "preflight_migrations_pending{repo=\"main\"} 0.0",
                        "preflight_migrations_applied{repo=\"main\"} 3.0",
                        "preflight_migration_duration_seconds_count{operation=\"migrate\",repo=\"main\"} 3",
                        "preflight_lock_wait_seconds_count{repo=\"main\"} 1",
                        "preflight_migration_failures_total{operation=\"migrate\",repo=\"main\"} 0.0")) {
                    assertTrue(metrics.contains(line), () -> line + " not in\n" + metrics);
                }

                Response refused = BootApps.post(base + "/preflight/main/rollback", "{\"step\":1}");
                assertFalse(refused.status() / 100 == 2, refused::toString);
                assertEquals("3", db.queryValue("select count(*) from preflight_schema_history"),
                        "nothing rolled back while writes are not enabled");
            }
        }
    }

    @Test
    void writeOperationsWorkOnceEnabledByName() throws Exception {
        int port = ChildProcess.freePort();
        String base = "http://127.0.0.1:" + port + "/actuator/preflight/main";
        try (ChildProcess.Running app = starter(port, "--management.endpoint.preflight.access=unrestricted").start()) {
            app.awaitStdout("STARTER APP READY");
            assertEquals(List.of("1", "2"), db.queryColumn("select version from preflight_schema_history order by 1"),
                    "migrated before the application started");

            Response rollback = BootApps.post(base + "/rollback", "{\"step\":1}");
            assertEquals(200, rollback.status(), rollback::toString);
            assertTrue(rollback.body().startsWith("{\"repo\":\"main\",\"operation\":\"rollback\",\"millis\":"),
                    rollback.body());
            assertTrue(rollback.body().contains("\"migrations\":[{\"id\":\"2\",\"version\":\"2\",\"name\":\"add items\""),
                    rollback.body());
            assertEquals(List.of("1"), db.queryColumn("select version from preflight_schema_history"));

            Response unbounded = BootApps.post(base + "/rollback", "{}");
            assertEquals(400, unbounded.status(), unbounded::toString);
            assertTrue(unbounded.body().startsWith("{\"error\":{\"code\":\"usage\",\"message\":\"rollback needs"
                    + " --step N or --to V: rolling back is always explicit"), unbounded.body());

            Response unknownVersion = BootApps.post(base + "/rollback", "{\"to\":\"7\"}");
            assertEquals(400, unknownVersion.status(), unknownVersion::toString);
            assertTrue(unknownVersion.body().contains("no schema migration of repo main has version 7"),
                    unknownVersion.body());

            Response notAWrite = BootApps.post(base + "/status", "{}");
            assertEquals(400, notAWrite.status(), notAWrite::toString);
            assertTrue(notAWrite.body().contains("no operation status; the operations are migrate, rollback,"
                    + " migrate-data, rollback-data, baseline, repair, task"), notAWrite.body());

            Response noSuchRepo = BootApps.post(base.replace("/main", "/audit") + "/migrate", "{}");
            assertEquals(404, noSuchRepo.status(), noSuchRepo::toString);
            assertEquals("{\"error\":{\"code\":\"usage\",\"message\":\"no repo audit; the repos are main\","
                    + "\"file\":null,\"line\":null}}", noSuchRepo.body());

            Response migrate = BootApps.post(base + "/migrate", "{}");
            assertEquals(200, migrate.status(), migrate::toString);
            assertTrue(migrate.body().startsWith("{\"repo\":\"main\",\"operation\":\"migrate\",\"millis\":"),
                    migrate.body());
            assertEquals(List.of("1", "2"), db.queryColumn("select version from preflight_schema_history order by 1"));

            Response task = BootApps.post(base + "/task", "{\"name\":\"analyze\",\"arguments\":\"tables=item\"}");
            assertEquals(200, task.status(), task::toString);
            assertTrue(task.body().startsWith("{\"repo\":\"main\",\"task\":\"analyze\",\"arguments\":{\"tables\":"
                    + "\"item\""), task.body());

            Response badTask = BootApps.post(base + "/task", "{\"name\":\"analyze\",\"arguments\":\"lst=3\"}");
            assertEquals(400, badTask.status(), badTask::toString);
            assertTrue(badTask.body().contains("unknown parameter `lst` (did you mean last?)"), badTask.body());

            String metrics = BootApps.get("http://127.0.0.1:" + port + "/actuator/prometheus").body();
            assertTrue(metrics.contains("preflight_migration_duration_seconds_count{operation=\"rollback\",repo=\"main\"} 1"),
                    metrics);
        }
    }

    private ChildProcess starter(int port, String... arguments) {
        String[] all = new String[arguments.length + 1];
        all[0] = "--server.port=" + port;
        System.arraycopy(arguments, 0, all, 1, arguments.length);
        return BootApps.start(BootApps.STARTER_APP, work, false, all)
                .env("SPRING_PROFILES_ACTIVE", "it")
                .env("APP_DB_URL", db.urlWithoutParameters());
    }
}
