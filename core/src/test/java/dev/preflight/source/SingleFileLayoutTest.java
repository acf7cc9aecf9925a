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

class SingleFileLayoutTest {

    @TempDir
    Path tmp;

    @Test
    void dbmateFileSplitsIntoUpAndDownWithTheFilesLineNumbers() {
        MigrationFolder folder = new MigrationFolder(tmp).write("db/migrations/20240101120000_create_users.sql", """
                -- a header comment
                -- migrate:up
                create table users (id bigint);

                -- migrate:down
                drop table users;
                """);
        Migration m = only(folder.find("db/migrations"));
        assertEquals("dbmate", m.layout());
        assertEquals("20240101120000", m.version().toString());
        assertEquals("create_users", m.name());
        assertEquals("create table users (id bigint);\n\n", m.up().sql());
        assertEquals(3, m.up().firstLine());
        assertEquals("drop table users;\n", m.down().sql());
        assertEquals(6, m.down().firstLine());
        assertEquals("db/migrations/20240101120000_create_users.sql", m.up().origin());
        assertTrue(m.transactional());
        assertEquals(Migration.checksumOf("create table users (id bigint);\n\n"), m.checksum());
    }

    @Test
    void dbmateTransactionFalseOnAMarkerRunsOutsideATransaction() {
        MigrationFolder folder = new MigrationFolder(tmp).write("m/1_index.sql", """
                -- migrate:up transaction:false
                create index concurrently users_name on users (name);
                -- migrate:down transaction:false
                drop index concurrently users_name;
                """);
        assertFalse(only(folder.find("m")).transactional());
    }

    @Test
    void gooseFileKeepsStatementBeginAndEndAsComments() {
        MigrationFolder folder = new MigrationFolder(tmp).write("m/00002_function.sql", """
                -- +goose Up
                -- +goose StatementBegin
                create function f() returns int language plpgsql as $$ begin return 1; end $$;
                -- +goose StatementEnd

                -- +goose Down
                drop function f();
                """);
        Migration m = only(folder.find("m"));
        assertEquals("goose", m.layout());
        assertEquals(2, m.up().firstLine());
        assertTrue(m.up().sql().startsWith("-- +goose StatementBegin\ncreate function"));
        assertTrue(m.up().sql().contains("-- +goose StatementEnd"));
        assertEquals("drop function f();\n", m.down().sql());
        assertTrue(m.transactional());
    }

    @Test
    void gooseNoTransactionAnywhereInTheFileCountsForTheMigration() {
        MigrationFolder folder = new MigrationFolder(tmp).write("m/3_index.sql", """
                -- +goose NO TRANSACTION
                -- +goose Up
                create index concurrently i on t (c);
                """);
        Migration m = only(folder.find("m"));
        assertFalse(m.transactional());
        assertNull(m.down());
    }

    @Test
    void sqlMigrateNotransactionOptionOnTheUpMarker() {
        MigrationFolder folder = new MigrationFolder(tmp).write("m/1_initial.sql", """
                -- +migrate Up notransaction
                create index concurrently i on t (c);
                -- +migrate Down
                drop index i;
                """);
        Migration m = only(folder.find("m"));
        assertEquals("sql-migrate", m.layout());
        assertFalse(m.transactional());
        assertEquals("drop index i;\n", m.down().sql());
    }

    @Test
    void preflightMarkerInTheFileHeadOrAtTheTopOfASection() {
        MigrationFolder folder = new MigrationFolder(tmp)
                .write("head/1_a.sql", "-- preflight:no-transaction\n-- migrate:up\ncreate index concurrently i on t (c);\n")
                .write("section/1_a.sql", "-- migrate:up\n-- preflight:no-transaction\ncreate index concurrently i on t (c);\n")
                .write("late/1_a.sql", "-- migrate:up\ncreate table t (c int);\n-- preflight:no-transaction\n");
        assertFalse(only(folder.find("head")).transactional());
        assertFalse(only(folder.find("section")).transactional());
        assertTrue(only(folder.find("late")).transactional(), "only a comment above the first statement counts");
    }

    @Test
    void anEmptyDownSectionIsNoDown() {
        MigrationFolder folder = new MigrationFolder(tmp).write("m/1_a.sql", """
                -- migrate:up
                create table t (c int);
                -- migrate:down
                -- nothing to undo yet

                """);
        Migration m = only(folder.find("m"));
        assertNull(m.down());
        assertFalse(m.hasDown());
    }

    @Test
    void aNumberedFileWithoutAnUpMarkerIsAnErrorThatSaysWhatToAddOrHowToRename() {
        String error = new MigrationFolder(tmp).write("m/001_init.sql", "create table t (c int);\n").error("m");
        assertTrue(error.contains("m/001_init.sql has no up marker"), error);
        assertTrue(error.contains("-- migrate:up"), error);
        assertTrue(error.contains("-- +goose Up"), error);
        assertTrue(error.contains("V001__init.sql"), error);
        assertTrue(error.contains("001_init.up.sql"), error);
    }

    @Test
    void aStatementAboveTheUpMarkerIsAnErrorWithItsLine() {
        String error = new MigrationFolder(tmp).write("m/1_a.sql", """
                -- comment
                create type mood as enum ('ok');
                -- migrate:up
                create table t (m mood);
                """).error("m");
        assertTrue(error.startsWith("m/1_a.sql:2: a statement above the up marker (line 3) would never run"), error);
    }

    @Test
    void markerOrderAndDialectMistakesAreErrorsWithTheLine() {
        MigrationFolder folder = new MigrationFolder(tmp)
                .write("order/1_a.sql", "-- migrate:down\ndrop table t;\n-- migrate:up\ncreate table t (c int);\n")
                .write("mixed/1_a.sql", "-- migrate:up\ncreate table t (c int);\n-- +goose Down\ndrop table t;\n")
                .write("twice/1_a.sql", "-- +goose Up\nselect 1;\n-- +goose Up\nselect 2;\n")
                .write("envsubst/1_a.sql", "-- +goose Up\n-- +goose ENVSUBST ON\nselect '${X}';\n");
        assertTrue(folder.error("order").contains("order/1_a.sql:1: the down marker comes before any up marker"));
        assertTrue(folder.error("mixed").contains("mixed/1_a.sql:3: '-- +goose Down' mixes goose markers into a file that uses dbmate markers"));
        assertTrue(folder.error("twice").contains("twice/1_a.sql:3: a second up marker"));
        assertTrue(folder.error("envsubst").contains("envsubst/1_a.sql:2: '-- +goose ENVSUBST ON' is not supported"));
    }

    @Test
    void nearMissNumberedNamesAreErrorsWithASuggestion() {
        MigrationFolder folder = new MigrationFolder(tmp)
                .write("dash/001-init.sql", "-- migrate:up\nselect 1;\n")
                .write("letters/1a_init.sql", "-- migrate:up\nselect 1;\n")
                .write("noname/001.sql", "-- migrate:up\nselect 1;\n")
                .write("double/1__init.sql", "-- migrate:up\nselect 1;\n")
                .write("dotted/1.2_init.sql", "-- migrate:up\nselect 1;\n");
        assertEquals("dash/001-init.sql is not named <version>_<name>.sql: did you mean 001_init.sql?", folder.error("dash"));
        assertTrue(folder.error("letters").contains("letters/1a_init.sql has letters in its version '1a'"));
        assertTrue(folder.error("noname").contains("noname/001.sql has no name: rename it to 001_<name>.sql"));
        assertTrue(folder.error("double").contains("did you mean 1_init.sql? (or V1__init.sql for Flyway)"));
        assertTrue(folder.error("dotted").contains("did you mean 12_init.sql?"));
    }

    @Test
    void crlfLineEndingsKeepLineNumbers() {
        MigrationFolder folder = new MigrationFolder(tmp)
                .write("m/1_a.sql", "-- migrate:up\r\ncreate table t (c int);\r\n-- migrate:down\r\ndrop table t;\r\n");
        Migration m = only(folder.find("m"));
        assertEquals("create table t (c int);\r\n", m.up().sql());
        assertEquals(4, m.down().firstLine());
        assertEquals(List.of(), folder.warnings);
    }

    @Test
    void checksumIsEightHexDigitsWithLeadingZerosKept() {
        // CRC-32 of "select 9" is 0x007d298f: the zeros are part of the value stored in the history table.
        assertEquals("007d298f", Migration.checksumOf("select 9"));
        assertEquals(Migration.checksumOf("select 9\n"), Migration.checksumOf("select 9\r\n"));
    }
}
