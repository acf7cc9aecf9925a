package dev.preflight.it;

import dev.preflight.it.app.PlainApp;
import dev.preflight.testing.ChildJvm;
import dev.preflight.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A plain {@code main} application started with the agent: what runs before main, and what stops it. */
class PlainAppTest {

    @RegisterExtension
    final TestDatabase db = TestDatabase.perTest();

    @TempDir
    Path dir;

    private AppJar twoMigrations() {
        return new AppJar(dir)
                .migration("1_create_greeting.sql", "create table greeting (text text not null);")
                .migration("2_greet.sql", "insert into greeting values ('hello');");
    }

    private AppJar brokenSecondMigration() {
        return new AppJar(dir)
                .migration("1_create_greeting.sql", "create table greeting (text text not null);")
                .migration("2_broken.sql", "insert into greeting values ('hello');\n\nselec 1;");
    }

    private ChildJvm app(Path jar) {
        return ChildJvm.jar(jar).systemProperty("app.url", db.url());
    }

    @Test
    void migrationsAreInTheDatabaseBeforeMainsFirstLine() throws SQLException {
        ChildJvm.Result r = app(twoMigrations().build()).agent("url=" + db.url()).run();

        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains(PlainApp.MARKER + " history=2 greetings=1"), r::toString);
        assertTrue(r.stderr().contains("migrate main: 2 migrations in"), r::toString);
        assertEquals(List.of("1", "2"), db.queryColumn("select version from preflight_schema_history order by 1"));
    }

    @Test
    void withoutTheAgentNothingIsMigrated() {
        ChildJvm.Result r = app(twoMigrations().build()).run();

        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains(PlainApp.MARKER + " history=none greetings=none"), r::toString);
    }

    @Test
    void aFailingMigrationStopsTheJvmBeforeMain() throws SQLException {
        ChildJvm.Result r = app(brokenSecondMigration().build()).agent("url=" + db.url()).run();

        assertEquals(1, r.exitCode(), r::toString);
        assertFalse(r.stdout().contains(PlainApp.MARKER), r::toString);
        assertTrue(r.stderr().contains("preflight: start-up failed: migrate repo main"), r::toString);
        assertTrue(r.stderr().contains("db/migrations/2_broken.sql:4"), r::toString);
        assertTrue(r.stderr().contains("What to do:"), r::toString);
        assertEquals(List.of("1"), db.queryColumn("select version from preflight_schema_history"));
    }

    @Test
    void onFailureContinueStartsTheApplicationDespiteABadMigration() {
        ChildJvm.Result r = app(brokenSecondMigration().build()).agent("url=" + db.url() + ",on-failure=continue")
                .run();

        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains(PlainApp.MARKER + " history=1 greetings=0"), r::toString);
        assertTrue(r.stderr().contains("2_broken.sql:4"), r::toString);
        assertTrue(r.stderr().contains("the application starts anyway"), r::toString);
    }

    @Test
    void startupOffStartsTheApplicationWithoutMigrating() throws SQLException {
        ChildJvm.Result r = app(twoMigrations().build()).agent("url=" + db.url() + ",startup=off").run();

        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains(PlainApp.MARKER + " history=none greetings=none"), r::toString);
        assertFalse(db.tableExists("preflight_schema_history"));
    }

    @Test
    void startupValidateRefusesToStartWithPendingMigrations() throws SQLException {
        ChildJvm.Result r = app(twoMigrations().build()).agent("url=" + db.url() + ",startup=validate").run();

        assertEquals(1, r.exitCode(), r::toString);
        assertFalse(r.stdout().contains(PlainApp.MARKER), r::toString);
        assertTrue(r.stderr().contains("start-up failed: validate repo main"), r::toString);
        assertTrue(r.stderr().contains("2 schema migration(s) pending: 1, 2"), r::toString);
        assertFalse(db.tableExists("greeting"));
    }

    @Test
    void startupValidatePassesOnceMigrated() {
        Path jar = twoMigrations().build();
        assertEquals(0, app(jar).agent("url=" + db.url()).run().exitCode());

        ChildJvm.Result r = app(jar).agent("url=" + db.url() + ",startup=validate").run();

        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains(PlainApp.MARKER + " history=2 greetings=1"), r::toString);
    }

    @Test
    void aStartWithNothingChangedSinceTheLastCheckSaysSoAndAFileEditedSinceStillStopsTheJvm() throws SQLException {
        Path jar = twoMigrations().build();
        assertEquals(0, app(jar).agent("url=" + db.url()).run().exitCode());
        // Nothing pending: the first such start checks every file and records them, the second takes the shortcut.
        ChildJvm.Result checked = app(jar).agent("url=" + db.url()).run();
        assertEquals(0, checked.exitCode(), checked::toString);
        assertTrue(checked.stderr().contains("migrate main: nothing to do in"), checked::toString);
        assertFalse(checked.stderr().contains("(files and history as last checked)"), checked::toString);

        ChildJvm.Result r = app(jar).agent("url=" + db.url()).run();

        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains(PlainApp.MARKER + " history=2 greetings=1"), r::toString);
        assertTrue(r.stderr().lines().anyMatch(l -> l.contains("migrate main: nothing to do in")
                && l.endsWith("(files and history as last checked)")), r::toString);

        // The application rebuilt with an applied migration edited (same size): refused as without the shortcut.
        Path edited = new AppJar(dir)
                .migration("1_create_greeting.sql", "create table greeting (text text not null);")
                .migration("2_greet.sql", "insert into greeting values ('hellO');").build();
        ChildJvm.Result drift = app(edited).agent("url=" + db.url()).run();

        assertEquals(1, drift.exitCode(), drift::toString);
        assertFalse(drift.stdout().contains(PlainApp.MARKER), drift::toString);
        assertTrue(drift.stderr().contains("preflight: start-up failed: migrate repo main"), drift::toString);
        assertTrue(drift.stderr().contains("db/migrations/2_greet.sql) changed after it was applied"),
                drift::toString);
        assertEquals(List.of("hello"), db.queryColumn("select text from greeting"));
    }

    @Test
    void anUnreachableDatabaseIsRetriedThenEndsWithExitCode3() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String url = "jdbc:postgresql://127.0.0.1:" + closedPort + "/nowhere?user=postgres";

        ChildJvm.Result r = app(twoMigrations().build()).agent("url=" + url + ",connect-retry=3s").run();

        assertEquals(3, r.exitCode(), r::toString);
        assertFalse(r.stdout().contains(PlainApp.MARKER), r::toString);
        assertTrue(r.stderr().contains("not reachable (attempt 1)"), r::toString);
        assertTrue(r.stderr().contains("did not answer within connect-retry=3s"), r::toString);
    }

    /**
     * The files are read while the database is connected to on another thread. When both are wrong, the file error
     * is what the user must fix (as when the files were read first): it is reported at once, without waiting out
     * connect-retry (10 minutes here; the child JVM would be killed long before).
     */
    @Test
    void aBrokenFileIsReportedAtOnceEvenWhileTheDatabaseIsUnreachable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String url = "jdbc:postgresql://127.0.0.1:" + closedPort + "/nowhere?user=postgres";
        Path jar = twoMigrations()
                .migration("3_twice.sql", "select 1;\n-- migrate:down\nselect 2;\n-- migrate:down\nselect 3;").build();

        ChildJvm.Result r = app(jar).agent("url=" + url + ",connect-retry=10m").run();

        assertEquals(1, r.exitCode(), r::toString);
        assertFalse(r.stdout().contains(PlainApp.MARKER), r::toString);
        assertTrue(r.stderr().contains("3_twice.sql:5: a second down marker in one section"), r::toString);
        assertFalse(r.stderr().contains("did not answer"), r::toString);
    }

    @Test
    void aBadAgentArgumentEndsWithExitCode2() {
        ChildJvm.Result r = app(twoMigrations().build()).agent("url=" + db.url() + ",lock-wiat=5s").run();

        assertEquals(2, r.exitCode(), r::toString);
        assertFalse(r.stdout().contains(PlainApp.MARKER), r::toString);
        assertTrue(r.stderr().contains("lock-wiat"), r::toString);
    }

    @Test
    void aClassPathMainIsHookedAndStartUpRunsOnceWhenMainIsCalledAgain() throws SQLException {
        Path classes = twoMigrations().writeClassesFolder(dir.resolve("resources"));

        ChildJvm.Result r = ChildJvm.classPath(List.of(classes, AppJar.testClasses(), AppJar.driverJar()),
                        PlainApp.class.getName())
                .systemProperty("app.url", db.url()).systemProperty("app.mainTwice", "true")
                .agent("url=" + db.url()).run();

        assertEquals(0, r.exitCode(), r::toString);
        assertEquals(2, r.stdout().lines().filter(l -> l.equals(PlainApp.MARKER + " history=2 greetings=1")).count(),
                r::toString);
        assertEquals(1, r.stderr().lines().filter(l -> l.contains("migrate main:")
                && l.contains("migrations in")).count(), r::toString);
        assertTrue(r.stderr().contains("main class on the command line"), r::toString);
        assertEquals("2", db.queryValue("select count(*) from preflight_schema_history"));
    }

    @Test
    void theHookSettingNamesTheEntryPoint() {
        ChildJvm.Result r = app(twoMigrations().build())
                .agent("url=" + db.url() + ",hook=" + PlainApp.class.getName() + "#main").run();

        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains(PlainApp.MARKER + " history=2 greetings=1"), r::toString);
        assertTrue(r.stderr().contains("(hook=" + PlainApp.class.getName() + "#main)"), r::toString);
    }

    @Test
    void aHookOnAMissingMethodEndsWithExitCode2() {
        ChildJvm.Result r = app(twoMigrations().build())
                .agent("url=" + db.url() + ",hook=" + PlainApp.class.getName() + "#start").run();

        assertEquals(2, r.exitCode(), r::toString);
        assertFalse(r.stdout().contains(PlainApp.MARKER), r::toString);
        assertTrue(r.stderr().contains(PlainApp.class.getName() + " has no method start"), r::toString);
    }

    @Test
    void preflightLogsThroughTheApplicationsOwnSlf4jBinding() {
        // The application's slf4j-simple writes to stdout; the agent's own logger writes to stderr.
        Path jar = twoMigrations().library(AppJar.jarOf(org.slf4j.LoggerFactory.class))
                .library(AppJar.jarOf(org.slf4j.simple.SimpleLogger.class)).build();

        ChildJvm.Result r = app(jar).systemProperty("org.slf4j.simpleLogger.logFile", "System.out")
                .agent("url=" + db.url()).run();

        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains("INFO dev.preflight.engine.Migrator - migrate main: 2 migrations in"),
                r::toString);
        assertFalse(r.stdout().contains("HikariDataSource"), "the agent's libraries keep its thresholds: " + r);
        assertFalse(r.stderr().contains("migrate main:"), r::toString);
    }

    @Test
    void aFailedStartPrintsTheLinesHeldForTheApplicationsLoggingBeforeTheFailureScreen() {
        // The application has SLF4J, so Preflight's lines wait for it; it never starts, so they go to stderr.
        Path jar = brokenSecondMigration().library(AppJar.jarOf(org.slf4j.LoggerFactory.class))
                .library(AppJar.jarOf(org.slf4j.simple.SimpleLogger.class)).build();

        ChildJvm.Result r = app(jar).agent("url=" + db.url()).run();

        assertEquals(1, r.exitCode(), r::toString);
        int applied = r.stderr().indexOf("migrate main: applied 1 create_greeting");
        assertTrue(applied >= 0 && applied < r.stderr().indexOf("preflight: start-up failed"), r::toString);
        assertFalse(r.stdout().contains(PlainApp.MARKER), r::toString);
    }
}
