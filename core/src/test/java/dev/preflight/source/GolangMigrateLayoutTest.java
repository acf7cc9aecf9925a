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

class GolangMigrateLayoutTest {

    @TempDir
    Path tmp;

    @Test
    void upAndDownFilesPairByVersion() {
        MigrationFolder folder = new MigrationFolder(tmp)
                .write("m/000001_create_users.up.sql", "create table users (id bigint);\n")
                .write("m/000001_create_users.down.sql", "drop table users;\n")
                .write("m/000002_add_name.up.sql", "alter table users add column name text;\n");
        List<Migration> found = folder.find("m");
        assertEquals(2, found.size());
        Migration first = found.get(0);
        assertEquals("golang-migrate", first.layout());
        assertEquals("000001", first.version().toString());
        assertEquals("1", first.version().normalized());
        assertEquals("create_users", first.name());
        assertEquals("m/000001_create_users.up.sql", first.up().origin());
        assertEquals(1, first.up().firstLine());
        assertEquals("m/000001_create_users.down.sql", first.down().origin());
        assertEquals("drop table users;\n", first.down().sql());
        assertNull(found.get(1).down());
    }

    @Test
    void timestampsAndSequenceNumbersOrderNumerically() {
        MigrationFolder folder = new MigrationFolder(tmp)
                .write("m/20240101120000_b.up.sql", "select 3;")
                .write("m/9_a.up.sql", "select 1;")
                .write("m/10_a.up.sql", "select 2;")
                .write("m/19991231235959_c.up.sql", "select 2;");
        assertEquals(List.of("9", "10", "19991231235959", "20240101120000"),
                folder.find("m").stream().map(m -> m.version().toString()).toList());
    }

    @Test
    void leadingZerosDoNotMakeANewVersion() {
        String error = new MigrationFolder(tmp)
                .write("m/0001_a.up.sql", "select 1;")
                .write("m/1_b.up.sql", "select 1;")
                .error("m");
        assertEquals("Version 0001 (= 1) is used twice: m/0001_a.up.sql and m/1_b.up.sql: give one of them a new version", error);
    }

    @Test
    void aDownWithoutAnUpIsAnErrorNamingTheFile() {
        String error = new MigrationFolder(tmp).write("m/1_x.down.sql", "drop table x;").error("m");
        assertEquals("m/1_x.down.sql is a down script without an up script: add 1_x.up.sql next to it, or delete it", error);
    }

    @Test
    void anUpWithoutAVersionIsAnErrorWithASuggestion() {
        String error = new MigrationFolder(tmp).write("m/create_users.up.sql", "create table users ();").error("m");
        assertTrue(error.startsWith("m/create_users.up.sql has no version"), error);
        assertTrue(error.contains("20240101120000_create_users.up.sql"), error);
        assertTrue(error.contains("1_create_users.up.sql"), error);
    }

    @Test
    void lettersInTheVersionAreAnError() {
        String error = new MigrationFolder(tmp).write("m/12b_x.up.sql", "select 1;").error("m");
        assertTrue(error.contains("m/12b_x.up.sql has letters in its version '12b'"), error);
    }

    @Test
    void anEmptyDownFileIsNoDown() {
        Migration m = only(new MigrationFolder(tmp)
                .write("m/1_x.up.sql", "create table x ();")
                .write("m/1_x.down.sql", "\n-- TODO\n")
                .find("m"));
        assertNull(m.down());
    }

    @Test
    void preflightMarkerInEitherFileRunsOutsideATransaction() {
        MigrationFolder folder = new MigrationFolder(tmp)
                .write("up/1_x.up.sql", "/* index */\n-- preflight:no-transaction\ncreate index concurrently i on t (c);")
                .write("down/1_x.up.sql", "create index i on t (c);")
                .write("down/1_x.down.sql", "-- preflight:no-transaction\ndrop index concurrently i;")
                .write("plain/1_x.up.sql", "create index i on t (c);");
        assertFalse(only(folder.find("up")).transactional());
        assertFalse(only(folder.find("down")).transactional());
        assertTrue(only(folder.find("plain")).transactional());
    }

    @Test
    void severalProblemsAreReportedTogether() {
        String error = new MigrationFolder(tmp)
                .write("m/1_x.down.sql", "drop table x;")
                .write("m/create_users.up.sql", "create table users ();")
                .error("m");
        assertTrue(error.startsWith("2 problems with the migration files:"), error);
        assertTrue(error.contains("m/1_x.down.sql is a down script without an up script"), error);
        assertTrue(error.contains("m/create_users.up.sql has no version"), error);
    }
}
