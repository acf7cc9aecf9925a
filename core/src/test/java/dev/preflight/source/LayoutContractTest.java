package dev.preflight.source;

import dev.preflight.Kind;
import dev.preflight.MigrationException;
import dev.preflight.sql.SqlSplitter;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The one contract every layout keeps, as golang-migrate's source drivers share one test suite
 * ({@code source/testing/testing.go}): a migration folder written the way each tool writes it is read with the
 * versions, names, order, up and down text and transaction its own tool gives it, or refused as its tool refuses it.
 *
 * <p>Two parts. {@link #every} runs the same properties against every layout through a {@link Writer} that writes
 * a migration as that tool does. {@link #cases} is a table of each tool's own rules: file names and contents, the
 * migrations expected (rendered by {@link #render}) or the error, each citing the line of the tool's source it
 * mirrors. A rendered migration reads {@code version name [tool, tx] up@line: sql | down@line: sql}, with {@code /} for
 * a line break and {@code tx} decided as the engine decides it ({@link Migration#runsInTransaction}).
 */
class LayoutContractTest {

    @TempDir
    Path tmp;

    // ------------------------------------------------------------------ the same properties for every layout

    /** Writes one migration as a tool writes it. */
    record Writer(String tool, Write write) {
        @Override
        public String toString() {
            return tool;
        }
    }

    @FunctionalInterface
    interface Write {
        /** @param down null for none; @param noTransaction with the tool's own marker */
        void write(MigrationFolder folder, String version, String name, String up, String down, boolean noTransaction);
    }

    static Stream<Writer> every() {
        return Stream.of(
                new Writer("dbmate", (f, v, n, up, down, noTx) -> f.write("m/" + v + "_" + n + ".sql",
                        "-- migrate:up" + (noTx ? " transaction:false" : "") + "\n" + up
                                + (down == null ? "" : "-- migrate:down" + (noTx ? " transaction:false" : "") + "\n" + down))),
                new Writer("goose", (f, v, n, up, down, noTx) -> f.write("m/" + v + "_" + n + ".sql",
                        (noTx ? "-- +goose NO TRANSACTION\n" : "") + "-- +goose Up\n" + up
                                + (down == null ? "" : "-- +goose Down\n" + down))),
                new Writer("sql-migrate", (f, v, n, up, down, noTx) -> f.write("m/" + v + "-" + n + ".sql",
                        "-- +migrate Up" + (noTx ? " notransaction" : "") + "\n" + up
                                + (down == null ? "" : "-- +migrate Down\n" + down))),
                new Writer("golang-migrate", (f, v, n, up, down, noTx) -> {
                    f.write("m/" + v + "_" + n + ".up.sql", (noTx ? "-- preflight:no-transaction\n" : "") + up);
                    if (down != null) {
                        f.write("m/" + v + "_" + n + ".down.sql", down);
                    }
                }),
                new Writer("diesel", (f, v, n, up, down, noTx) -> {
                    f.write("m/" + v + "_" + n + "/up.sql", up);
                    if (down != null) {
                        f.write("m/" + v + "_" + n + "/down.sql", down);
                    }
                    if (noTx) {
                        f.write("m/" + v + "_" + n + "/metadata.toml", "run_in_transaction = false\n");
                    }
                }),
                new Writer("flyway", (f, v, n, up, down, noTx) -> {
                    f.write("m/V" + v + "__" + n + ".sql", up);
                    if (down != null) {
                        f.write("m/U" + v + "__" + n + ".sql", down);
                    }
                    if (noTx) {
                        f.write("m/V" + v + "__" + n + ".sql.conf", "executeInTransaction=false\n");
                    }
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("every")
    void readsVersionNameUpAndDownAsWritten(Writer w) {
        MigrationFolder folder = new MigrationFolder(tmp);
        w.write.write(folder, "42", "create_users", "create table users (id int);\n", "drop table users;\n", false);
        Migration m = MigrationFolder.only(folder.find("m"));
        assertEquals(w.tool, m.tool().name());
        assertEquals("42", m.id());
        assertEquals(w.tool.equals("flyway") ? "create users" : "create_users", m.name());
        assertEquals("create table users (id int);\n", m.up().sql());
        assertEquals("drop table users;\n", m.down().sql());
        assertEquals(Migration.checksumOf("create table users (id int);\n"), m.checksum());
        assertTrue(runsInTransaction(m));
        assertEquals(List.of(), folder.warnings);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("every")
    void theToolsOwnMarkerRunsItOutsideATransaction(Writer w) {
        MigrationFolder folder = new MigrationFolder(tmp);
        w.write.write(folder, "1", "index", "create index concurrently i on t (c);\n", "drop index concurrently i;\n", true);
        Migration m = MigrationFolder.only(folder.find("m"));
        assertEquals(false, m.transactional());
        assertEquals(false, runsInTransaction(m));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("every")
    void preflightsMarkerAboveTheFirstStatementRunsAnyLayoutOutsideATransaction(Writer w) {
        MigrationFolder folder = new MigrationFolder(tmp);
        w.write.write(folder, "1", "index", "-- preflight:no-transaction\ncreate index concurrently i on t (c);\n", null, false);
        assertEquals(false, MigrationFolder.only(folder.find("m")).transactional());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("every")
    void withoutADownThereIsNoneAndAnEmptyDownIsAChangeOfNothing(Writer w) {
        MigrationFolder folder = new MigrationFolder(tmp);
        w.write.write(folder, "1", "none", "select 1;\n", null, false);
        w.write.write(folder, "2", "empty", "select 2;\n", "-- nothing to undo\n", false);
        List<Migration> found = folder.find("m");
        assertEquals(false, found.get(0).hasDown());
        // golang-migrate, dbmate, goose, sql-migrate, Flyway and Diesel all run a down that holds only comments.
        assertEquals(true, found.get(1).hasDown());
        assertEquals("-- nothing to undo\n", found.get(1).down().sql());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("every")
    void ordersVersionsAsItsToolDoes(Writer w) {
        MigrationFolder folder = new MigrationFolder(tmp);
        for (String version : List.of("100", "9", "10")) {
            w.write.write(folder, version, "v" + version, "select " + version + ";\n", null, false);
        }
        List<String> order = folder.find("m").stream().map(Migration::id).toList();
        // Diesel's MigrationVersion derives Ord on its text; every other tool parses a number.
        assertEquals(w.tool.equals("diesel") ? List.of("10", "100", "9") : List.of("9", "10", "100"), order);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("every")
    void twoMigrationsWithOneVersionAreRefusedUnlessTheToolOrdersThemByName(Writer w) {
        MigrationFolder folder = new MigrationFolder(tmp);
        w.write.write(folder, "2", "b", "select 'b';\n", null, false);
        w.write.write(folder, "2", "a", "select 'a';\n", null, false);
        if (w.tool.equals("sql-migrate")) {
            // migrate.go Migration.Less: equal VersionInt() falls through to `m.Id < other.Id` (the file name).
            assertEquals(List.of("a", "b"), folder.find("m").stream().map(Migration::name).toList());
        } else {
            assertTrue(folder.error("m").startsWith("Version 2 is used twice"), folder.error("m"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("every")
    void crlfLineEndingsChangeNeitherTheChecksumNorTheLines(Writer w) {
        MigrationFolder folder = new MigrationFolder(tmp);
        w.write.write(folder, "1", "crlf", "create table t (c int);\r\n", "drop table t;\r\n", false);
        Migration m = MigrationFolder.only(folder.find("m"));
        assertEquals(Migration.checksumOf("create table t (c int);\n"), m.checksum());
        assertEquals(w.tool.matches("dbmate|goose|sql-migrate") ? 4 : 1, m.down().firstLine());
    }

    // ------------------------------------------------------------------ each tool's own rules, one case a row

    /**
     * One row: files written as given, then the migrations expected ({@link #render}) and warnings that must appear,
     * or the error.
     *
     * @param source the tool's source line the case mirrors: repository, path, and a quote or function name
     */
    record Case(String title, String source, Map<String, String> files, List<String> expected, String error,
                List<String> warnings, Kind kind) {

        static Case of(String title, String source) {
            return new Case(title, source, new LinkedHashMap<>(), new ArrayList<>(), null, new ArrayList<>(), Kind.SCHEMA);
        }

        /** Read as data migrations (a data location). */
        Case data() {
            return new Case(title, source, files, expected, error, warnings, Kind.DATA);
        }

        Case file(String path, String content) {
            files.put(path, content);
            return this;
        }

        Case expect(String... migrations) {
            expected.addAll(List.of(migrations));
            return this;
        }

        Case warns(String part) {
            warnings.add(part);
            return this;
        }

        Case fails(String part) {
            return new Case(title, source, files, expected, part, warnings, kind);
        }

        @Override
        public String toString() {
            return title;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.preflight.source.LayoutCases#all")
    void cases(Case c) {
        MigrationFolder folder = new MigrationFolder(tmp);
        c.files().forEach(folder::write);
        if (c.error() != null) {
            String message = assertThrows(MigrationException.class, () -> folder.find(c.kind(), false, "m"), c.source())
                    .getMessage();
            assertTrue(message.contains(c.error()), "expected '" + c.error() + "' in: " + message + "\n(" + c.source() + ")");
            return;
        }
        assertEquals(c.expected(), folder.find(c.kind(), false, "m").stream().map(LayoutContractTest::render).toList(),
                c.source());
        for (String warning : c.warnings()) {
            assertTrue(folder.warnings.stream().anyMatch(w -> w.contains(warning)),
                    "expected a warning with '" + warning + "' in " + folder.warnings + "\n(" + c.source() + ")");
        }
        if (c.warnings().isEmpty()) {
            assertEquals(List.of(), folder.warnings, c.source());
        }
    }

    /** {@code [data] version name (R__name) [tool, tx|no tx] up@line: sql | down@line: sql}, {@code /} for a line break. */
    static String render(Migration m) {
        return (m.kind() == Kind.DATA ? "data " : "") + (m.version() == null ? m.id() : m.id() + " " + m.name()) + " [" + m.tool().name() + ", " + (runsInTransaction(m) ? "tx" : "no tx") + "] "
                + "up@" + m.up().firstLine() + ": " + m.up().sql().replace("\n", "/")
                + " | down" + (m.down() == null ? ": none" : "@" + m.down().firstLine() + ": " + m.down().sql().replace("\n", "/"));
    }

    /** As the engine decides it: the marker, then the tool's own rule on the split statements. */
    private static boolean runsInTransaction(Migration m) {
        return m.runsInTransaction(SqlSplitter.split(m.up().sql(), m.up().origin(), m.up().firstLine()));
    }
}
