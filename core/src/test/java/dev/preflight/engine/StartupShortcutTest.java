package dev.preflight.engine;

import dev.preflight.MigrateResult;
import dev.preflight.MigrationException;
import dev.preflight.MigrationListener;
import dev.preflight.MigrationStatus;
import dev.preflight.Preflight;
import dev.preflight.PreflightConfig;
import dev.preflight.Target;
import dev.preflight.testing.MigrationFiles;
import dev.preflight.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The start-up shortcut: a migrate of every schema migration whose files and history are as a full check last found
 * them says "nothing to do" without reading the files. Each "start" is a new Preflight instance, as a new JVM would
 * see it; whatever changed since the recorded check (a file, the history, by whom ever) must be seen exactly as
 * without the shortcut.
 */
class StartupShortcutTest {

    /** A repo name of this class's own, so that the log lines looked for are this test's. */
    private static final String REPO = "shortcut";
    private static final String SHORTCUT_LINE = "(files and history as last checked)";
    private static final String VERIFIED = "preflight_schema_history_verified";

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
    }

    // ---------------------------------------------------------------- what is recorded, and when

    @Test
    void aNoOpStartRecordsItsFilesOnceAndTheNextNoOpStartTakesTheShortcut() throws Exception {
        Start applied = start();
        assertEquals(2, applied.result().count());
        assertFalse(applied.shortcut(), applied.log());
        assertEquals(List.of(), verifiedRows(), "a migrate that applied something records nothing");

        Start firstNoOp = start();
        assertEquals(0, firstNoOp.result().count());
        assertFalse(firstNoOp.shortcut(), "nothing recorded yet: a full check: " + firstNoOp.log());
        assertEquals(1, verifiedRows().size(), "the full check that found nothing to do recorded its files");

        for (int i = 0; i < 2; i++) {
            Start shortcut = start();
            assertEquals(0, shortcut.result().count());
            assertTrue(shortcut.shortcut(), shortcut.log());
            assertTrue(shortcut.log().contains("migrate " + REPO + ": nothing to do in "), shortcut.log());
        }
        assertEquals(1, verifiedRows().size(), "starts that took the shortcut record nothing more");
        assertEquals(List.of("schema:1:true", "schema:2:true"), fx.history());
    }

    @Test
    void aMigrateThatAppliesSomethingRecordsNothingUntilTheNextNoOp() throws Exception {
        start();
        start();
        List<String> before = verifiedRows();
        assertEquals(1, before.size());

        fx.files.table("3");
        Start applied = start();
        assertEquals(1, applied.result().count());
        assertFalse(applied.shortcut(), applied.log());
        // Nothing vouches for the new files yet (the old file set's row is dropped on the next record).
        assertEquals(before, verifiedRows());

        Start noOp = start();
        assertFalse(noOp.shortcut(), noOp.log());
        assertEquals(1, verifiedRows().size(), "the new file set's row, and the stale one gone");
        assertNotEquals(before, verifiedRows());
        assertTrue(start().shortcut());
    }

    @Test
    void aMigrateToATargetNeverTakesTheShortcutNorRecords() throws Exception {
        start();
        try (Preflight p = open()) {
            assertEquals(0, p.migrate(Target.step(1)).count());
            assertEquals(0, p.migrate(Target.to("2")).count());
        }
        assertEquals(List.of(), verifiedRows());
    }

    // ---------------------------------------------------------------- files changed after a recorded no-op

    @Test
    void anEditedFileIsReportedAsDriftEvenAfterANoOpStartRecordedTheFiles() throws Exception {
        recordNoOp();
        Path file = fx.files.dir().resolve("2_create_t2.sql");
        String original = Files.readString(file);
        FileTime before = Files.getLastModifiedTime(file);
        String edited = original.replace("t2 (id int", "t2 (ix int");
        assertEquals(original.length(), edited.length(), "an edit of the same size");
        Files.writeString(file, edited);
        Files.setLastModifiedTime(file, FileTime.fromMillis(before.toMillis() + 60_000));

        MigrationException e = assertThrows(MigrationException.class, () -> start());
        assertTrue(e.getMessage().contains("2_create_t2.sql") && e.getMessage().contains("changed after it was"
                + " applied"), e.getMessage());
        assertTrue(e.getMessage().contains("migration 2 "), e.getMessage());
        assertEquals(List.of("schema:1:true", "schema:2:true"), fx.history(), "nothing applied, nothing recorded");

        try (Preflight p = open()) {
            assertEquals(List.of(false, true),
                    p.status().migrations().stream().map(MigrationStatus::checksumMismatch).toList());
            assertFalse(p.validate().isValid());
            assertTrue(p.validate().messages().stream().anyMatch(m -> m.contains("2_create_t2.sql")
                    && m.contains("changed")), p.validate().toString());
        }

        // Not even with a new file beside it, which would otherwise be applied.
        fx.files.table("3");
        assertThrows(MigrationException.class, () -> start());
        assertFalse(db.tableExists("t3"));
        assertEquals(2, fx.history().size());

        // The file restored as it was applied: the recorded check vouches for it again.
        fx.files.delete("3_create_t3.sql");
        Files.writeString(file, original);
        assertTrue(start().shortcut());
    }

    @Test
    void aFileAddedAfterARecordedNoOpIsAppliedExactlyOnce() throws Exception {
        recordNoOp();
        fx.files.table("3");

        Start applied = start();
        assertEquals(List.of("3"), applied.result().migrations().stream().map(MigrateResult.Applied::id).toList());
        assertFalse(applied.shortcut(), applied.log());
        assertTrue(db.tableExists("t3"));

        assertEquals(0, start().result().count());
        assertEquals(0, start().result().count());
        assertEquals(List.of("schema:1:true", "schema:2:true", "schema:3:true"), fx.history());
    }

    @Test
    void aFileDeletedAfterARecordedNoOpIsReportedAsNotFound() throws Exception {
        recordNoOp();
        fx.files.delete("2_create_t2.sql");

        Start start = start();
        assertEquals(0, start.result().count());
        assertFalse(start.shortcut(), start.log());
        try (Preflight p = open()) {
            assertEquals(MigrationStatus.State.FILE_NOT_FOUND, p.status().migrations().get(1).state());
        }
    }

    // ---------------------------------------------------------------- history changed after a recorded no-op

    @Test
    void anotherInstanceApplyingAMigrationMakesTheRecordedFilesMissAndStaleRowsAreDropped() throws Exception {
        recordNoOp();
        String first = db.queryValue("select files from " + VERIFIED);
        String firstHistory = db.queryValue("select history from " + VERIFIED);
        // A second copy of the same files elsewhere (another version of the application on the same history):
        // a file set of its own, recorded beside the first.
        MigrationFiles copy = new MigrationFiles(tmp.resolve("copy"));
        copy.table("1");
        copy.table("2");
        start("locations", copy.dir().toString());
        assertEquals(2, verifiedRows().size(), "two file sets side by side keep a row each");
        assertTrue(start("locations", copy.dir().toString()).shortcut());

        // A newer version of the application, with one more migration, starts and applies it.
        MigrationFiles newer = new MigrationFiles(tmp.resolve("newer"));
        newer.table("1");
        newer.table("2");
        newer.table("3");
        Start other = start("locations", newer.dir().toString());
        assertEquals(1, other.result().count());
        assertFalse(other.shortcut(), other.log());

        // The first file set is no longer as last checked against this history: a full check, which finds
        // nothing to do (3 is applied, not in these files) and applies nothing again.
        Start again = start();
        assertFalse(again.shortcut(), again.log());
        assertEquals(0, again.result().count());
        assertEquals(List.of("schema:1:true", "schema:2:true", "schema:3:true"), fx.history());
        assertEquals(List.of(first), verifiedRows(), "rows whose history no longer matches are dropped");
        assertNotEquals(firstHistory, db.queryValue("select history from " + VERIFIED), "recorded anew");

        assertTrue(start().shortcut(), "recorded against the new history");
        assertFalse(start("locations", copy.dir().toString()).shortcut(), "its row was dropped: a full check");
        assertEquals(2, verifiedRows().size());
        assertTrue(start("locations", copy.dir().toString()).shortcut());
        assertEquals(3, fx.history().size());
    }

    @Test
    void aRollbackAfterARecordedNoOpIsUndoneByTheNextStart() throws Exception {
        recordNoOp();
        try (Preflight p = open()) {
            assertEquals(1, p.rollback(Target.step(1)).count());
        }
        assertFalse(db.tableExists("t2"));

        Start start = start();
        assertEquals(List.of("2"), start.result().migrations().stream().map(MigrateResult.Applied::id).toList());
        assertFalse(start.shortcut(), start.log());
        assertTrue(db.tableExists("t2"));
        assertEquals(List.of("schema:1:true", "schema:2:true"), fx.history());
    }

    @Test
    void aHistoryRowDeletedByHandAfterARecordedNoOpIsAppliedAgain() throws Exception {
        recordNoOp();
        db.execute("delete from preflight_schema_history where version = '2'", "drop table t2");

        Start start = start();
        assertEquals(1, start.result().count());
        assertFalse(start.shortcut(), start.log());
        assertTrue(db.tableExists("t2"));
        assertEquals(List.of("schema:1:true", "schema:2:true"), fx.history());
    }

    @Test
    void aHistoryRowMarkedFailedByHandAfterARecordedNoOpIsRefused() throws Exception {
        recordNoOp();
        db.execute("update preflight_schema_history set success = false where version = '2'");

        MigrationException e = assertThrows(MigrationException.class, () -> start());
        assertTrue(e.getMessage().contains("migration 2 create_t2 (") && e.getMessage().contains(") failed at")
                && e.getMessage().contains("repair"),
                e.getMessage());
        fx.files.table("3");
        assertThrows(MigrationException.class, () -> start());
        assertFalse(db.tableExists("t3"));
    }

    @Test
    void aDroppedHistoryTableIsMigratedAgainAndNotTakenForTheRecordedOne() throws Exception {
        recordNoOp();
        db.execute("drop table preflight_schema_history", "drop table t1", "drop table t2");

        Start start = start();
        assertEquals(2, start.result().count());
        assertFalse(start.shortcut(), start.log());
        assertEquals(List.of("schema:1:true", "schema:2:true"), fx.history());
    }

    // ---------------------------------------------------------------- files in a jar

    @Test
    void anEntryChangedInARebuiltJarIsReportedAsDrift() throws Exception {
        Path jar = tmp.resolve("app.jar");
        String hello = "insert into greeting values ('hello');";
        writeJar(jar, hello);
        assertEquals(2, startFromJar(jar).result().count());
        assertFalse(startFromJar(jar).shortcut());
        assertEquals(1, verifiedRows().size());
        assertTrue(startFromJar(jar).shortcut());

        // Rebuilt with the same migrations (new entry times): still the same files.
        writeJar(jar, hello);
        assertTrue(startFromJar(jar).shortcut());

        String edited = hello.replace("hello", "hellO");
        assertEquals(hello.length(), edited.length());
        writeJar(jar, edited);
        MigrationException e = assertThrows(MigrationException.class, () -> startFromJar(jar));
        assertTrue(e.getMessage().contains("V2__hello.sql") && e.getMessage().contains("changed"), e.getMessage());
        assertEquals(List.of("hello"), db.queryColumn("select text from greeting"));
        assertEquals(List.of("schema:1:true", "schema:2:true"), fx.history());
    }

    // ---------------------------------------------------------------- a database user with few rights

    @Test
    void aUserWhoCannotCreateTablesStillStartsWithNothingToDo() throws Exception {
        assertEquals(2, start().result().count());
        String role = "preflight_app_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        db.execute("create role " + role + " login",
                "revoke create on schema public from public",
                "grant usage on schema public to " + role,
                "grant select, insert, update, delete on preflight_schema_history to " + role);
        try {
            String[] asRole = {"url", db.urlWithoutParameters(), "user", role};
            for (int i = 0; i < 2; i++) {
                Start start = start(asRole);
                assertEquals(0, start.result().count());
                assertFalse(start.shortcut(), start.log());
            }
            assertFalse(db.tableExists(VERIFIED), "nothing recorded, and no error");

            // The owner's no-op start records; the user cannot read that table: still a full check, no error.
            start();
            assertEquals(1, verifiedRows().size());
            Start start = start(asRole);
            assertEquals(0, start.result().count());
            assertFalse(start.shortcut(), start.log());
            assertEquals(1, verifiedRows().size());
            assertEquals(List.of("schema:1:true", "schema:2:true"), fx.history());

            // A DBA grants the user the table it created: the user records and takes the shortcut, still without
            // CREATE on the schema.
            db.execute("delete from " + VERIFIED, "grant select, insert, update, delete on " + VERIFIED + " to " + role);
            assertFalse(start(asRole).shortcut());
            assertEquals(1, verifiedRows().size());
            assertTrue(start(asRole).shortcut());
        } finally {
            db.execute("drop owned by " + role);
            try (Connection c = DriverManager.getConnection(TestDatabase.SERVER_URL);
                 Statement s = c.createStatement()) {
                s.execute("drop role " + role);
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    /** What one start saw: its result, and what it logged. */
    private record Start(MigrateResult result, String log) {

        boolean shortcut() {
            return log.lines().anyMatch(line -> line.contains("migrate " + REPO + ": nothing to do in ")
                    && line.endsWith(SHORTCUT_LINE));
        }
    }

    /** Applies 1 and 2, then a no-op start records them; the next start would take the shortcut. */
    private void recordNoOp() throws Exception {
        assertEquals(2, start().result().count());
        assertEquals(0, start().result().count());
        assertEquals(1, verifiedRows().size());
        assertTrue(start().shortcut(), "the recorded no-op is what the next start finds");
    }

    private Preflight open(String... settings) {
        String[] all = new String[settings.length + 2];
        all[0] = "repos";
        all[1] = REPO;
        System.arraycopy(settings, 0, all, 2, settings.length);
        return fx.open(all);
    }

    /** A start-up: a new instance's migrate() over the fixture's folders (or as {@code settings} say). */
    private Start start(String... settings) {
        return logged(() -> {
            try (Preflight p = open(settings)) {
                return p.migrate();
            }
        });
    }

    private Start startFromJar(Path jar) throws Exception {
        Map<String, String> settings = Map.of("repos", REPO, "url", db.url(), "locations", "classpath:db/migrations",
                "data-locations", fx.data.dir().toString());
        try (URLClassLoader app = new URLClassLoader(new URL[]{jar.toUri().toURL()}, getClass().getClassLoader())) {
            return logged(() -> {
                try (Preflight p = Preflight.open(PreflightConfig.fromProperties(settings).repo(REPO), app,
                        MigrationListener.NONE)) {
                    return p.migrate();
                }
            });
        }
    }

    /**
     * Runs {@code migrate} with what is written to System.err (slf4j-simple's output, looked up on every line) also
     * kept; the log lines are this repo's, whatever other test classes print meanwhile.
     */
    private static synchronized Start logged(Supplier<MigrateResult> migrate) {
        PrintStream original = System.err;
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        PrintStream tee = new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                original.write(b);
                synchronized (kept) {
                    kept.write(b);
                }
            }

            @Override
            public void write(byte[] b, int off, int len) {
                original.write(b, off, len);
                synchronized (kept) {
                    kept.write(b, off, len);
                }
            }
        }, true, StandardCharsets.UTF_8);
        System.setErr(tee);
        try {
            MigrateResult result = migrate.get();
            tee.flush();
            synchronized (kept) {
                return new Start(result, kept.toString(StandardCharsets.UTF_8));
            }
        } finally {
            System.setErr(original);
        }
    }

    private static void writeJar(Path jar, String hello) throws Exception {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            put(out, "db/", null);
            put(out, "db/migrations/", null);
            put(out, "db/migrations/V1__greeting.sql", "create table greeting (text text);");
            put(out, "db/migrations/V2__hello.sql", hello);
        }
    }

    private static void put(JarOutputStream out, String name, String content) throws Exception {
        out.putNextEntry(new JarEntry(name));
        if (content != null) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        }
        out.closeEntry();
    }

    /** The recorded file sets' fingerprints, none when the table does not exist. */
    private List<String> verifiedRows() throws SQLException {
        return db.tableExists(VERIFIED) ? db.queryColumn("select files from " + VERIFIED + " order by files")
                : List.of();
    }
}
