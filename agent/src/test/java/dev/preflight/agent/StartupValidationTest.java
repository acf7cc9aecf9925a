package dev.preflight.agent;

import dev.preflight.MigrationException;
import dev.preflight.Preflight;
import dev.preflight.PreflightConfig;
import dev.preflight.testing.MigrationFiles;
import dev.preflight.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** startup=validate on a database a newer release has migrated further (a rolling update) and on real drift. */
class StartupValidationTest {

    @RegisterExtension
    final TestDatabase db = TestDatabase.perTest();

    @TempDir
    Path dir;

    private MigrationFiles files;

    @BeforeEach
    void migrateThreeAsTheNewerReleaseDid() {
        files = new MigrationFiles(dir.resolve("migrations"));
        new MigrationFiles(dir.resolve("none"));  // an empty data-migrations folder
        files.table("1");
        files.table("2");
        files.table("3");
        try (Preflight preflight = open()) {
            preflight.migrate();
        }
    }

    private Preflight open() {
        return Preflight.open(PreflightConfig.fromProperties(Map.of("url", db.url(), "locations",
                files.dir().toString(), "data-locations", dir.resolve("none").toString())));
    }

    @Test
    void migrationsAppliedByANewerReleaseDoNotStopTheOlderOne() {
        deleteVersion("3");
        try (Preflight preflight = open()) {
            assertDoesNotThrow(() -> StartupValidation.check(preflight, "main"));
        }
    }

    @Test
    void aMissingFileOlderThanTheNewestLocalOneIsStillDrift() {
        deleteVersion("2");
        try (Preflight preflight = open()) {
            MigrationException e = assertThrows(MigrationException.class,
                    () -> StartupValidation.check(preflight, "main"));
            assertTrue(e.getMessage().contains("validate main failed") && e.getMessage().contains("2"), e.getMessage());
        }
    }

    @Test
    void pendingIsStillAFailure() {
        files.table("4");
        try (Preflight preflight = open()) {
            assertThrows(MigrationException.class, () -> StartupValidation.check(preflight, "main"));
        }
    }

    private void deleteVersion(String version) {
        files.delete(version + "_create_t" + version + ".sql");
    }
}
