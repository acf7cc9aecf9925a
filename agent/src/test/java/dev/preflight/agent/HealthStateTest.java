package dev.preflight.agent;

import dev.preflight.progress.ProgressLines;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HealthStateTest {

    @Test
    void followsTheMigrationsAndIsReadyOnlyWhenMigrated() {
        HealthState health = new HealthState(OptionalInt.empty());
        assertEquals(new HealthState.Report(false, "starting", "{\"state\":\"starting\",\"done\":0,\"total\":0}"), health.report());

        health.repoStarted("main");
        health.waitingForDatabase("main", 1, "refused");
        assertEquals("{\"state\":\"waiting-for-db\",\"done\":0,\"total\":0,\"repo\":\"main\"}", health.report().json());
        health.waitingForLock("main", "pid 42");
        assertTrue(health.report().json().contains("\"state\":\"waiting-for-lock\""));

        health.started("main", "migrate", 5);
        health.migrationStarted("main", "migrate", 1, 5, "1", "create_users");
        health.migrationFinished("main", "migrate", 1, 5, "1", "create_users", 12);
        health.migrationFinished("main", "migrate", 2, 5, "2", "x", 12);
        health.migrationStarted("main", "migrate", 3, 5, "3", "add_index");
        assertEquals(new HealthState.Report(false, "migrating",
                "{\"state\":\"migrating\",\"done\":2,\"total\":5,\"repo\":\"main\",\"current\":\"3 add_index\"}"),
                health.report());

        health.progress("main", "migrate", 5_000, 20_000, "backfill users_token: 5000 of ~20000 rows");
        assertTrue(health.report().json().endsWith(",\"current\":\"3 add_index\",\"progress\":\""
                + ProgressLines.format(5_000, 20_000, "backfill users_token: 5000 of ~20000 rows") + "\"}"),
                health.report().json());
        health.migrationFinished("main", "migrate", 3, 5, "3", "add_index", 40);
        assertFalse(health.report().json().contains("progress"), "progress ends with its migration");

        health.migrated();
        assertTrue(health.report().ready());
        assertTrue(health.report().json().startsWith("{\"state\":\"ready\""), health.report().json());
    }

    @Test
    void failedIsNeverReadyAndCarriesTheMessageEscaped() {
        HealthState health = new HealthState(OptionalInt.empty());
        health.failed("file \"2_x.sql\":3: syntax error\n  at \\ here");
        HealthState.Report report = health.report();
        assertFalse(report.ready());
        assertTrue(report.json().contains("\"state\":\"failed\""));
        assertTrue(report.json().contains("\"error\":\"file \\\"2_x.sql\\\":3: syntax error\\n  at \\\\ here\""),
                report.json());
    }

    @Test
    void offIsReadyAtOnce() {
        HealthState health = new HealthState(OptionalInt.empty());
        health.off();
        assertEquals(new HealthState.Report(true, "off", "{\"state\":\"off\",\"done\":0,\"total\":0}"), health.report());
    }

    @Test
    void portPolicyWaitsForTheApplicationToListen() throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        HealthState health = new HealthState(OptionalInt.of(port));
        health.migrated();
        HealthState.Report before = health.report();
        assertFalse(before.ready());
        assertTrue(before.json().contains("\"state\":\"waiting-for-port\""), before.json());
        assertTrue(before.json().contains("\"readyPort\":" + port), before.json());

        try (ServerSocket app = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertTrue(app.isBound());
            HealthState.Report after = health.report();
            assertTrue(after.ready());
            assertTrue(after.json().contains("\"state\":\"ready\""), after.json());
        }
    }

    @Test
    void quotesControlCharacters() {
        assertEquals("\"a\\u0001b\\tc\"", dev.preflight.text.Json.quote("a\u0001b\tc"));
    }
}
