package dev.preflight.engine;

import dev.preflight.DatabaseUnavailableException;
import dev.preflight.MigrationException;
import dev.preflight.Preflight;
import dev.preflight.PreflightConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatabaseUnavailableTest {

    @TempDir
    Path tmp;

    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void anUnreachableDatabaseIsRetriedThenReportedWithoutThePassword() throws Exception {
        String secret = "s3cr3t-Pa55";
        Map<String, String> settings = Map.of(
                "url", "jdbc:postgresql://127.0.0.1:" + closedPort() + "/app?password=" + secret,
                "user", "app", "password", secret, "connect-retry", "3s", "locations", tmp.toString(),
                "data-locations", tmp.toString());
        List<Integer> attempts = new ArrayList<>();
        PreflightConfig config = PreflightConfig.fromProperties(settings);
        try (Preflight p = Preflight.open(config.defaultRepo(), null, new dev.preflight.MigrationListener() {
            @Override
            public void waitingForDatabase(String repo, int attempt, String reason) {
                attempts.add(attempt);
                assertFalse(reason.contains(secret), reason);
            }
        })) {
            DatabaseUnavailableException e = assertThrows(DatabaseUnavailableException.class, p::migrate);
            assertTrue(e.getMessage().contains("connect-retry=3s"), e.getMessage());
            assertFalse(e.getMessage().contains(secret), e.getMessage());
            assertFalse(String.valueOf(e.getCause()).contains(secret));
        }
        assertTrue(attempts.size() >= 2, "retried with backoff: " + attempts);
        assertFalse(config.toString().contains(secret));
        assertFalse(config.defaultRepo().toString().contains(secret));
    }

    /**
     * The files are read while the database is connected to on another thread; when both fail, the file error is
     * the one reported (as when the files were read first), without waiting out connect-retry.
     */
    @Test
    void whenTheFilesAndTheDatabaseBothFailTheFileErrorIsReported() throws Exception {
        Files.writeString(tmp.resolve("V1_missing_second_underscore.sql"), "create table t (id int);\n");
        Map<String, String> settings = Map.of(
                "url", "jdbc:postgresql://127.0.0.1:" + closedPort() + "/app",
                "connect-retry", "10m", "locations", tmp.toString(), "data-locations", tmp.resolve("none").toString());
        try (Preflight p = Preflight.open(PreflightConfig.fromProperties(settings))) {
            MigrationException migrate = assertThrows(MigrationException.class, p::migrate);
            assertTrue(migrate.getMessage().contains("V1_missing_second_underscore.sql"), migrate.getMessage());
            MigrationException status = assertThrows(MigrationException.class, p::status);
            assertTrue(status.getMessage().contains("V1_missing_second_underscore.sql"), status.getMessage());
            MigrationException validate = assertThrows(MigrationException.class, p::validate);
            assertTrue(validate.getMessage().contains("V1_missing_second_underscore.sql"), validate.getMessage());
        }
    }
}
