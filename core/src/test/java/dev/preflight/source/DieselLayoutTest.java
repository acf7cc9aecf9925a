package dev.preflight.source;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static dev.preflight.source.MigrationFolder.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DieselLayoutTest {

    @TempDir
    Path tmp;

    @Test
    void oldAndNewFolderNamesMixAndOrderByTheirDigits() {
        MigrationFolder folder = new MigrationFolder(tmp)
                .write("migrations/00000000000000_diesel_initial_setup/up.sql", "select 0;")
                .write("migrations/00000000000000_diesel_initial_setup/down.sql", "select 0;")
                .write("migrations/2024-02-12-120203_add_posts/up.sql", "create table posts ();")
                .write("migrations/2024-02-12-120203_add_posts/down.sql", "drop table posts;")
                .write("migrations/20140924113530_create_users/up.sql", "create table users ();")
                .write("migrations/2019-01-01-000000_add_email/up.sql", "alter table users add email text;");
        List<Migration> found = folder.find("migrations");
        assertEquals(List.of("00000000000000", "20140924113530", "2019-01-01-000000", "2024-02-12-120203"),
                found.stream().map(m -> m.version().toString()).toList());
        assertEquals("20240212120203", found.get(3).version().normalized());
        assertEquals("diesel_initial_setup", found.get(0).name());
        Migration posts = found.get(3);
        assertEquals("diesel", posts.layout());
        assertEquals("add_posts", posts.name());
        assertEquals("migrations/2024-02-12-120203_add_posts/up.sql", posts.up().origin());
        assertEquals("drop table posts;", posts.down().sql());
        assertNull(found.get(1).down());
        assertEquals(List.of(), folder.warnings);
    }

    @Test
    void metadataTomlRunInTransactionFalseRunsOutsideATransaction() {
        MigrationFolder folder = new MigrationFolder(tmp)
                .write("off/2024-01-01-000000_index/up.sql", "create index concurrently i on t (c);")
                .write("off/2024-01-01-000000_index/metadata.toml", "# no transaction\nrun_in_transaction = false\n")
                .write("on/2024-01-01-000000_index/up.sql", "create index i on t (c);")
                .write("on/2024-01-01-000000_index/metadata.toml", "run_in_transaction = true\n[other]\nrun_in_transaction = false\n");
        assertFalse(only(folder.find("off")).transactional());
        assertTrue(only(folder.find("on")).transactional());
    }

    @Test
    void aMetadataTomlWithoutTheKeyMeansNoTransactionAsInDiesel() {
        MigrationFolder folder = new MigrationFolder(tmp)
                .write("m/2024-01-01-000000_x/up.sql", "select 1;")
                .write("m/2024-01-01-000000_x/metadata.toml", "description = \"x\"\n");
        assertFalse(only(folder.find("m")).transactional());
    }

    @Test
    void aBadRunInTransactionValueIsAnError() {
        String error = new MigrationFolder(tmp)
                .write("m/2024-01-01-000000_x/up.sql", "select 1;")
                .write("m/2024-01-01-000000_x/metadata.toml", "run_in_transaction = \"no\"\n")
                .error("m");
        assertEquals("m/2024-01-01-000000_x/metadata.toml:1: run_in_transaction must be true or false, not \"no\"", error);
    }

    @Test
    void aFolderWithoutUpSqlIsAnErrorNamingTheFolder() {
        String error = new MigrationFolder(tmp).write("m/2024-01-01-000000_x/down.sql", "drop table x;").error("m");
        assertEquals("Diesel migration folder m/2024-01-01-000000_x has no up.sql (only a down.sql): add up.sql, or delete the folder", error);
    }

    @Test
    void badlyNamedFoldersAreErrorsWithASuggestion() {
        MigrationFolder folder = new MigrationFolder(tmp)
                .write("noversion/create_users/up.sql", "select 1;")
                .write("letters/2024-01-0a-000000_x/up.sql", "select 1;")
                .write("noname/20240101/up.sql", "select 1;")
                .write("loose/up.sql", "select 1;");
        String noVersion = folder.error("noversion");
        assertTrue(noVersion.startsWith("noversion/create_users/up.sql is in folder 'create_users', which has no version"), noVersion);
        assertTrue(noVersion.contains("2024-02-12-120203_create_users"), noVersion);
        assertTrue(folder.error("noname").contains("which has no name: rename the folder to 20240101_<name>"));
        assertTrue(folder.error("letters").contains("whose version '2024-01-0a-000000' is not digits"));
        assertTrue(folder.error("loose").startsWith("loose/up.sql is a Diesel migration file outside a migration folder"));
    }

    @Test
    void otherFilesInAFolderAreUnmatched() {
        MigrationFolder folder = new MigrationFolder(tmp)
                .write("m/2024-01-01-000000_x/up.sql", "select 1;")
                .write("m/2024-01-01-000000_x/notes.md", "why");
        assertEquals(1, folder.find("m").size());
        assertEquals(1, folder.warnings.size());
        assertTrue(folder.warnings.get(0).contains("m/2024-01-01-000000_x/notes.md"));
    }
}
