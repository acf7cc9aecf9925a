package dev.preflight.lint;

import dev.preflight.MigrationException;
import dev.preflight.testing.MigrationFiles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link Linter#lintFiles}: files of every layout given one by one, as a pre-commit hook hands them over. */
class LintFilesTest {

    @TempDir
    Path tmp;
    MigrationFiles files;

    @BeforeEach
    void setUp() {
        files = new MigrationFiles(tmp.resolve("db"));
    }

    private static List<String> lint(Path... paths) {
        return Linter.lintFiles(List.of(paths), LintSettings.defaults()).stream()
                .map(f -> f.rule() + " " + Path.of(f.origin()).getFileName() + ":" + f.line()).toList();
    }

    @Test
    void aGolangMigrateDownIsReadWithItsUp() {
        files.write("0002_orders.up.sql", "create table orders (id bigint);\ncreate index orders_id on users (id);\n");
        Path down = files.write("0002_orders.down.sql", "drop index orders_id;\ndrop table orders;\n");
        // A file stands for its migration, up and down. In the down, dropping the table the up created is its
        // inverse; the index drop is a hazard.
        assertEquals(List.of("index-not-concurrent 0002_orders.up.sql:2", "drop-index-not-concurrent 0002_orders.down.sql:1"),
                lint(down));
    }

    @Test
    void aDieselFileBringsItsFolderAndAFlywayFileItsVersion() {
        Path up = files.write("2024-02-12-120203_users/up.sql", "alter table users alter column email set not null;\n");
        files.write("2024-02-12-120203_users/down.sql", "alter table users alter column email drop not null;\n");
        assertEquals(List.of("set-not-null up.sql:1", "drop-not-null down.sql:1"), lint(up));
        Path v = files.write("V3__tokens.sql", "alter table users add column token uuid default gen_random_uuid();\n");
        files.write("U3__tokens.sql", "alter table users drop column token;\n");
        assertEquals(List.of("volatile-default V3__tokens.sql:1"), lint(v));
    }

    @Test
    void aNameThatAlmostFitsALayoutIsAnErrorAndAMissingPathToo() {
        Path nearMiss = files.write("V1_init.sql", "create table t (id bigint);\n");
        MigrationException e = assertThrows(MigrationException.class, () -> lint(nearMiss));
        assertTrue(e.getMessage().contains("V1_init.sql") && e.getMessage().contains("V1__init.sql"), e.getMessage());
        MigrationException missing = assertThrows(MigrationException.class, () -> lint(tmp.resolve("nope.sql")));
        assertTrue(missing.getMessage().contains("nope.sql does not exist"), missing.getMessage());
    }

    @Test
    void aPlainFileWithItsOwnTransactionRunsAsWritten() {
        Path plain = files.write("fix.sql", "begin;\ncreate index concurrently i on users (email);\ncommit;\n");
        assertEquals(List.of("concurrently-in-transaction fix.sql:2"), lint(plain));
        Path marked = files.write("fix2.sql", "-- preflight:no-transaction\ncreate index concurrently i on users (email);\n");
        assertEquals(List.of(), lint(marked));
    }
}
