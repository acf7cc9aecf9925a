package dev.preflight.source;

import dev.preflight.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MigrationFinderTest {

    @TempDir
    Path tmp;

    @Test
    void layoutsMixInOneFolderAndSortByVersionThenRepeatablesByName() {
        MigrationFolder folder = new MigrationFolder(tmp)
                .write("db/migrations/V1.1__flyway.sql", "select 1;")
                .write("db/migrations/2_golang.up.sql", "select 2;")
                .write("db/migrations/3_dbmate.sql", "-- migrate:up\nselect 3;\n-- migrate:down\n")
                .write("db/migrations/0004_diesel/up.sql", "select 4;")
                .write("db/migrations/R__b.sql", "select 'b';")
                .write("db/migrations/R__a.sql", "select 'a';");
        List<Migration> found = folder.find("db/migrations");
        assertEquals(List.of("1.1", "2", "3", "0004", "R__a", "R__b"), found.stream().map(Migration::id).toList());
        assertEquals(List.of("flyway", "golang-migrate", "dbmate", "diesel", "flyway", "flyway"),
                found.stream().map(m -> m.tool().name()).toList());
        assertEquals(List.of(), folder.warnings);
    }

    @Test
    void theSameVersionInTwoLayoutsIsAnErrorNamingBothFiles() {
        String error = new MigrationFolder(tmp)
                .write("m/V1__flyway.sql", "select 1;")
                .write("m/001_dbmate.sql", "-- migrate:up\nselect 1;\n")
                .error("m");
        assertTrue(error.startsWith("Version "), error);
        assertTrue(error.contains("m/V1__flyway.sql"), error);
        assertTrue(error.contains("m/001_dbmate.sql"), error);
        assertTrue(error.contains("give one of them a new version"), error);
    }

    @Test
    void theSameVersionInTwoLocationsIsAnError() {
        String error = new MigrationFolder(tmp)
                .write("a/V7__x.sql", "select 1;")
                .write("b/V7__y.sql", "select 1;")
                .error("a", "filesystem:b");
        assertEquals("Version 7 is used twice: a/V7__x.sql and b/V7__y.sql: give one of them a new version", error);
    }

    @Test
    void twoRepeatablesWithOneNameAreAnError() {
        String error = new MigrationFolder(tmp)
                .write("m/R__views.sql", "select 1;")
                .write("m/sub/R__views.sql", "select 1;")
                .error("m");
        assertEquals("Repeatable migration 'views' is defined twice: m/R__views.sql and m/sub/R__views.sql: "
                + "rename or delete one of them", error);
    }

    @Test
    void unmatchedFilesAreOneWarningOrAStrictError() {
        MigrationFolder folder = new MigrationFolder(tmp)
                .write("m/V1__x.sql", "select 1;")
                .write("m/README.md", "# migrations")
                .write("m/helpers.sql", "select 1;")
                .write("m/.DS_Store", "\0");
        assertEquals(1, folder.find("m").size());
        assertEquals(1, folder.warnings.size());
        String warning = folder.warnings.get(0);
        assertTrue(warning.startsWith("3 files match no migration layout: m/.DS_Store, m/README.md, m/helpers.sql."), warning);
        assertTrue(warning.endsWith("They are ignored; with strict=true this is an error."), warning);

        String error = folder.error(Kind.SCHEMA, true, "m");
        assertTrue(error.startsWith("3 files match no migration layout: m/.DS_Store, m/README.md, m/helpers.sql."), error);
        assertTrue(error.endsWith("Rename or move them; strict mode makes this an error."), error);
    }

    @Test
    void filesystemOriginsKeepThePathAsConfigured() {
        MigrationFolder folder = new MigrationFolder(tmp).write("db/migrations/001_init.sql", "-- migrate:up\nselect 1;\n");
        assertEquals("db/migrations/001_init.sql", MigrationFolder.only(folder.find("filesystem:db/migrations/")).origin());
        assertEquals("./db/migrations/001_init.sql", MigrationFolder.only(folder.find("./db/migrations")).origin());
        String absolute = tmp.resolve("db/migrations").toString();
        assertEquals(absolute + "/001_init.sql", MigrationFolder.only(folder.find(absolute)).origin());
    }

    @Test
    void aConfiguredLocationThatDoesNotExistIsAnErrorNamingIt() {
        MigrationFolder folder = new MigrationFolder(tmp);
        String error = folder.error("filesystem:sql/migrations");
        assertTrue(error.startsWith("Migration location 'filesystem:sql/migrations' does not exist (looked for "
                + tmp.resolve("sql/migrations") + ")"), error);
        assertTrue(folder.error("classpath:no/such/folder").startsWith("Migration location 'classpath:no/such/folder' is not on the classpath"));
        assertTrue(folder.error("s3:bucket/migrations").contains("unknown prefix"));
        assertTrue(folder.error(" ").startsWith("An empty migration location"));
    }

    @Test
    void defaultLocationsAreOptional() {
        MigrationFolder folder = new MigrationFolder(tmp).loader(new URLClassLoader(new URL[0], null));
        assertEquals(List.of(), folder.find(Locations.DEFAULT_SCHEMA));
        assertEquals(List.of(), folder.find(Kind.DATA, false, Locations.DEFAULT_DATA));
        // The defaults of the repos after the first, e.g. repos=app,audit: audit needs no data-migration folder.
        assertEquals(List.of(), folder.find(String.format(Locations.REPO_SCHEMA, "audit")));
        assertEquals(List.of(), folder.find(Kind.DATA, false, String.format(Locations.REPO_DATA, "audit")));
        assertTrue(folder.error("db/audit/more/migrations").contains("does not exist"), "not a default");
    }

    @Test
    void aDefaultLocationPrefersTheFilesystemOverTheClasspath() throws Exception {
        MigrationFolder classpath = new MigrationFolder(tmp.resolve("classes"))
                .write("db/migrations/V1__from_classpath.sql", "select 1;");
        MigrationFolder folder = new MigrationFolder(tmp.resolve("work"));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classpath.dir.toUri().toURL()}, null)) {
            folder.loader(loader);
            Migration fromClasspath = MigrationFolder.only(folder.find(Locations.DEFAULT_SCHEMA));
            assertEquals("classpath:db/migrations/V1__from_classpath.sql", fromClasspath.origin());

            folder.write("db/migrations/V1__from_filesystem.sql", "select 1;");
            Migration fromFilesystem = MigrationFolder.only(folder.find(Locations.DEFAULT_SCHEMA));
            assertEquals("db/migrations/V1__from_filesystem.sql", fromFilesystem.origin());
        }
    }

    @Test
    void repeatedLocationsAreReadOnce() {
        MigrationFolder folder = new MigrationFolder(tmp).write("m/V1__x.sql", "select 1;");
        assertEquals(1, folder.find("m", "filesystem:m", "m/").size());
    }

    @Test
    void overlappingLocationsAreAnError() {
        String error = new MigrationFolder(tmp).write("m/sub/V2__x.sql", "select 2;").error("m", "m/sub");
        assertTrue(error.startsWith("m/sub/V2__x.sql is found twice, in "), error);
        assertTrue(error.endsWith("remove one of the copies, or one of the overlapping locations"), error);
    }

    @Test
    void filesThatAreNotUtf8AreAnErrorNamingTheFile() throws Exception {
        MigrationFolder folder = new MigrationFolder(tmp).write("m/V1__x.sql", "");
        java.nio.file.Files.write(tmp.resolve("m/V1__x.sql"), new byte[] {'s', 'e', 'l', (byte) 0xE9, ';'});
        assertTrue(folder.error("m").startsWith("m/V1__x.sql is not valid UTF-8"));
    }

    @Test
    void aByteOrderMarkIsDropped() {
        MigrationFolder folder = new MigrationFolder(tmp).write("m/V1__x.sql", "\uFEFFselect 1;");
        assertEquals("select 1;", MigrationFolder.only(folder.find("m")).up().sql());
    }

    @Test
    void onlySchemaAndDataCanBeFound() {
        assertThrows(IllegalArgumentException.class,
                () -> MigrationFinder.find(List.of("m"), Kind.REPEATABLE, "main", null, false));
    }

    @Test
    void fiveThousandFilesInOneFolder() {
        MigrationFolder folder = new MigrationFolder(tmp);
        IntStream.rangeClosed(1, 5000).forEach(i -> folder.write(
                "m/" + i + "_step.sql", "-- migrate:up\ncreate table t" + i + " (id int);\n-- migrate:down\ndrop table t" + i + ";\n"));
        List<Migration> found = folder.find("m");
        assertEquals(5000, found.size());
        assertEquals("5000", found.get(4999).version().toString());
    }
}
