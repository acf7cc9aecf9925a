package dev.preflight.engine;

import dev.preflight.MigrationException;
import dev.preflight.MigrationStatus;
import dev.preflight.Preflight;
import dev.preflight.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * status() asked again on one instance (JConsole refreshing the Migrations attribute) takes unchanged files from
 * memory; an edited file must still show as drifted on the very next call.
 */
class RepeatedStatusTest {

    @RegisterExtension
    final TestDatabase db = TestDatabase.perTest();
    @TempDir
    Path tmp;
    private EngineFixture fx;

    @BeforeEach
    void setUp() {
        fx = new EngineFixture(db, tmp);
        fx.files.table("1");
        fx.files.table("2");
        try (Preflight p = fx.open()) {
            p.migrate();
        }
    }

    @Test
    void anEditThatChangesTheSizeIsSeenAsDriftOnTheNextCall() {
        try (Preflight p = fx.open()) {
            assertEquals(List.of(false, false), mismatches(p));
            assertEquals(List.of(false, false), mismatches(p));
            fx.files.dbmate("1", "create_t1", "create table t1 (id bigint primary key);", "drop table t1;");
            assertEquals(List.of(true, false), mismatches(p));
            assertTrue(p.validate().toString().contains("1"), p.validate().toString());
        }
    }

    @Test
    void anEditOfTheSameSizeIsSeenByItsModificationTime() throws Exception {
        try (Preflight p = fx.open()) {
            assertEquals(List.of(false, false), mismatches(p));
            Path file = fx.files.dir().resolve("2_create_t2.sql");
            FileTime before = Files.getLastModifiedTime(file);
            String text = Files.readString(file);
            String edited = text.replace("t2 (id int", "t2 (ix int");
            assertEquals(text.length(), edited.length());
            Files.writeString(file, edited);
            // A different time even on a filesystem with a coarse clock.
            Files.setLastModifiedTime(file, FileTime.fromMillis(before.toMillis() + 60_000));
            assertEquals(List.of(false, true), mismatches(p));
        }
    }

    @Test
    void aFileBrokenAfterTheFirstCallIsReportedOnTheNextOne() {
        try (Preflight p = fx.open()) {
            assertEquals(List.of(false, false), mismatches(p));
            fx.files.write("1_create_t1.sql", "create table t1 (id int primary key);\n");
            MigrationException e = assertThrows(MigrationException.class, p::status);
            assertTrue(e.getMessage().contains("1_create_t1.sql"), e.getMessage());
        }
    }

    private static List<Boolean> mismatches(Preflight p) {
        return p.status().migrations().stream().map(MigrationStatus::checksumMismatch).toList();
    }
}
