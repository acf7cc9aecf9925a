package dev.preflight.source;

import dev.preflight.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static dev.preflight.source.MigrationFolder.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FlywayLayoutTest {

    @TempDir
    Path tmp;

    @Test
    void versionedUndoAndRepeatableMigrations() {
        MigrationFolder folder = new MigrationFolder(tmp)
                .write("m/V1__create_users.sql", "create table users ();")
                .write("m/U1__create_users.sql", "drop table users;")
                .write("m/sub/V2__add_name.sql", "alter table users add name text;")
                .write("m/R__user_view.sql", "create or replace view v as select * from users;");
        List<Migration> found = folder.find("m");
        assertEquals(3, found.size());
        Migration first = found.get(0);
        assertEquals("flyway", first.layout());
        assertEquals("create users", first.name());
        assertEquals("m/U1__create_users.sql", first.down().origin());
        assertEquals("m/sub/V2__add_name.sql", found.get(1).up().origin());
        Migration repeatable = found.get(2);
        assertEquals(Kind.REPEATABLE, repeatable.kind());
        assertNull(repeatable.version());
        assertEquals("user view", repeatable.name());
    }

    @Test
    void dottedAndUnderscoredVersionsCompareNumerically() {
        MigrationFolder folder = new MigrationFolder(tmp)
                .write("m/V1.10__c.sql", "select 1;")
                .write("m/V1.9__b.sql", "select 1;")
                .write("m/V1_2__a.sql", "select 1;")
                .write("m/V2__d.sql", "select 1;");
        List<Migration> found = folder.find("m");
        assertEquals(List.of("1_2", "1.9", "1.10", "2"), found.stream().map(m -> m.version().toString()).toList());
        assertEquals("1.2", found.get(0).version().normalized());
    }

    @Test
    void scriptConfigFileExecuteInTransactionFalse() {
        MigrationFolder folder = new MigrationFolder(tmp)
                .write("m/V1__index.sql", "create index concurrently i on t (c);")
                .write("m/V1__index.sql.conf", "# Flyway script config\nexecuteInTransaction=false\n")
                .write("m/V2__plain.sql", "select 1;")
                .write("m/V2__plain.sql.conf", "executeInTransaction=true\n");
        List<Migration> found = folder.find("m");
        assertFalse(found.get(0).transactional());
        assertTrue(found.get(1).transactional());
        assertEquals(List.of(), folder.warnings);
    }

    @Test
    void inScriptMarkersRunOutsideATransaction() {
        MigrationFolder folder = new MigrationFolder(tmp)
                .write("m/V1__a.sql", "-- preflight:no-transaction\ncreate index concurrently i on t (c);")
                .write("m/V2__b.sql", "-- flyway:executeInTransaction=false\ncreate index concurrently j on t (c);");
        assertTrue(folder.find("m").stream().noneMatch(Migration::transactional));
    }

    @Test
    void aSingleUnderscoreIsAnErrorSuggestingTheRightName() {
        String error = new MigrationFolder(tmp).write("m/V1_create_users.sql", "select 1;").error("m");
        assertEquals("m/V1_create_users.sql has no double underscore between version and description: "
                + "did you mean V1__create_users.sql?", error);
    }

    @Test
    void nearMissFlywayNamesAreErrors() {
        MigrationFolder folder = new MigrationFolder(tmp)
                .write("nodesc/V1__.sql", "select 1;")
                .write("letters/V1a__x.sql", "select 1;")
                .write("noversion/V__x.sql", "select 1;")
                .write("lower/v2__x.sql", "select 1;")
                .write("repeatable/R1__x.sql", "select 1;")
                .write("subversion/V1_2_x.sql", "select 1;");
        assertTrue(folder.error("nodesc").startsWith("nodesc/V1__.sql has no description: name it V1__<description>.sql"));
        assertTrue(folder.error("letters").startsWith("letters/V1a__x.sql has '1a' as version, which is not a number"));
        assertTrue(folder.error("noversion").startsWith("noversion/V__x.sql has no version"));
        assertEquals("lower/v2__x.sql has a lower-case Flyway prefix: did you mean V2__x.sql?", folder.error("lower"));
        assertTrue(folder.error("repeatable").contains("did you mean R__x.sql (repeatable) or V1__x.sql (versioned)?"));
        assertTrue(folder.error("subversion").endsWith("did you mean V1_2__x.sql?"));
    }

    @Test
    void wordsStartingWithVOrRAreNotNearMisses() {
        MigrationFolder folder = new MigrationFolder(tmp)
                .write("m/Views.sql", "select 1;")
                .write("m/Readme_notes.sql", "select 1;")
                .write("m/V1__x.sql", "select 1;");
        assertEquals(1, folder.find("m").size());
        assertTrue(folder.warnings.get(0).contains("m/Readme_notes.sql, m/Views.sql"), folder.warnings.toString());
    }

    @Test
    void anUndoWithoutItsVersionedMigrationIsAnError() {
        String error = new MigrationFolder(tmp).write("m/U3__x.sql", "drop table x;").error("m");
        assertEquals("m/U3__x.sql is an undo (down) script without a versioned migration: add V3__x.sql, or delete it", error);
    }

    @Test
    void aScriptConfigWithoutItsScriptIsAnError() {
        String error = new MigrationFolder(tmp)
                .write("m/V1__renamed.sql", "select 1;")
                .write("m/V1__old.sql.conf", "executeInTransaction=false")
                .error("m");
        assertTrue(error.startsWith("m/V1__old.sql.conf is a script config file without its script m/V1__old.sql"), error);
    }

    @Test
    void repeatablesAreAnErrorAmongDataMigrations() {
        MigrationFolder folder = new MigrationFolder(tmp)
                .write("data/V1__backfill.sql", "update t set c = 1;")
                .write("data/R__view.sql", "create or replace view v as select 1;");
        String error = folder.error(Kind.DATA, false, "data");
        assertTrue(error.startsWith("data/R__view.sql is a repeatable migration (R__) in a data migration location"), error);
    }

    @Test
    void dataLocationsGiveDataMigrations() {
        Migration m = only(new MigrationFolder(tmp).write("data/V1__backfill.sql", "update t set c = 1;")
                .find(Kind.DATA, false, "data"));
        assertEquals(Kind.DATA, m.kind());
    }
}
