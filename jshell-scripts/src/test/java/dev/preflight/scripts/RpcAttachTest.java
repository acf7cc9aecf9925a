package dev.preflight.scripts;

import dev.preflight.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code bin/preflight rpc <pid> ...} against a running application started WITHOUT the agent: the first call
 * attaches and loads the agent (which never migrates) with the database from the rpc command line and the rest from
 * the app's own {@code preflight.properties} (classpath: migrations, its task); later calls find the MBeans there. One app and one database for the class, so the tests run in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RpcAttachTest {

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    @TempDir
    static Path dir;

    private static RpcApp app;

    @BeforeAll
    static void startApp() {
        // The app's own class path: preflight.properties with classpath: migrations, and its task `tag`.
        app = RpcApp.start(TestApp.write(dir.resolve("app")), List.of(), null);
    }

    @AfterAll
    static void stopApp() {
        if (app != null) {
            app.close();
        }
    }

    private static Launcher.Result rpc(String... args) {
        String[] full = new String[args.length + 2];
        full[0] = "rpc";
        full[1] = Long.toString(app.pid());
        System.arraycopy(args, 0, full, 2, args.length);
        return Launcher.command(full).run();
    }

    @Test
    @Order(1)
    void statusAttachesLoadsTheAgentWithTheGivenSettingsAndMigratesNothing() throws SQLException {
        Launcher.Result r = rpc("status", "--url=" + db.url());

        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains("Repo: main"), r::toString);
        assertTrue(r.stdout().matches("(?s).*down +1 +create_todo.*down +2 +create_tag.*"), r::toString);
        assertTrue(app.stderr().contains("attached; start-up migrations are not run"), app.stderr());
        assertFalse(db.tableExists("todo"));
    }

    @Test
    @Order(2)
    void migrateStepRunsAsAJobAndWaitsForIt() throws SQLException {
        Launcher.Result r = rpc("migrate", "--step", "1");

        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stdout().matches("  applied 1 create_todo \\(\\d+ ms\\)\nmigrate main: 1 migration in \\d+ ms\n"),
                r::toString);
        assertTrue(r.stderr().contains("1/1"), r::toString);
        assertEquals(List.of("1"), db.queryColumn("select version from preflight_schema_history where success"));
        assertTrue(db.tableExists("todo"));
    }

    @Test
    @Order(3)
    void settingsForAJvmThatAlreadyHasTheMBeansAreIgnoredWithAWarning() {
        Launcher.Result r = rpc("status", "--url=jdbc:postgresql://127.0.0.1:1/nowhere");

        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("already has Preflight's MBeans; ignoring --url"), r::toString);
        assertTrue(r.stdout().matches("(?s).*up +1 +create_todo.*down +2 +create_tag.*"), r::toString);
    }

    @Test
    @Order(4)
    void rollbackWithoutStepOrToIsAUsageError() {
        Launcher.Result r = rpc("rollback");

        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("rollback needs --step N or --to V"), r::toString);
    }

    @Test
    @Order(5)
    void rollbackStepRevertsTheNewest() throws SQLException {
        Launcher.Result r = rpc("rollback", "--step", "1");

        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stdout().startsWith("  reverted 1 create_todo ("), r::toString);
        assertEquals(List.of(), db.queryColumn("select version from preflight_schema_history where success"));
        assertFalse(db.tableExists("todo"));
    }

    @Test
    @Order(6)
    void anUnknownVersionIsRefusedAtOnceAndAFailedJobIsExitCode1WithItsError() {
        Launcher.Result unknown = rpc("rollback", "--to", "7");
        // The data migration seeds table todo, which the rollback above dropped.
        Launcher.Result failed = rpc("migrate-data");

        assertEquals(2, unknown.exitCode(), unknown::toString);
        assertTrue(unknown.stderr().contains("no schema migration of repo main has version 7"), unknown::toString);
        assertEquals(1, failed.exitCode(), failed::toString);
        assertTrue(failed.stderr().contains("preflight: ") && failed.stderr().contains("\"todo\" does not exist"),
                failed::toString);
    }

    @Test
    @Order(7)
    void jobsListsWhatRanInAlignedColumns() {
        Launcher.Result r = rpc("jobs");

        assertEquals(0, r.exitCode(), r::toString);
        List<String> lines = r.stdout().lines().toList();
        assertTrue(lines.get(0).matches("ID +State +Command +Repo +Done +Started +Error"), r::toString);
        assertTrue(r.stdout().matches("(?s).*\\n\\d+ +succeeded +migrate --step 1 +main +1/1 .*"), r::toString);
        assertTrue(r.stdout().matches("(?s).*\\n\\d+ +failed +migrate-data +main +0/1 .*does not exist.*"),
                r::toString);
        int state = lines.get(0).indexOf("State");
        assertTrue(lines.stream().skip(2).allMatch(l -> l.substring(state).matches("(succeeded|failed) .*")),
                "the columns line up: " + r);
    }

    @Test
    @Order(8)
    void tasksListTheirParametersAndAWrongArgumentIsRejectedWithTheParameterList() {
        Launcher.Result list = rpc("tasks");
        Launcher.Result wrong = rpc("task", "analyze", "lst=1");

        assertEquals(0, list.exitCode(), list::toString);
        assertTrue(list.stdout().contains("analyze  Runs ANALYZE"), list::toString);
        assertTrue(list.stdout().contains("    last (int, default 1): "), list::toString);
        assertTrue(list.stdout().contains("tag      inserts"), list::toString);
        assertEquals(2, wrong.exitCode(), wrong::toString);
        assertTrue(wrong.stderr().contains("unknown parameter `lst` (did you mean last?)"), wrong::toString);
        assertTrue(wrong.stderr().contains("  tables (string, optional): "), wrong::toString);
    }

    @Test
    @Order(9)
    void theAppsOwnTaskRunsWithItsParameters() throws SQLException {
        assertEquals(0, rpc("migrate").exitCode());
        Launcher.Result missing = rpc("task", "tag", "times=2");
        Launcher.Result r = rpc("task", "tag", "name=urgent", "times=2");

        assertEquals(2, missing.exitCode(), missing::toString);
        assertTrue(missing.stderr().contains("name (string, required)"), missing::toString);
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("tagged 2"), r::toString);
        assertEquals(List.of("urgent-1", "urgent-2"), db.queryColumn("select name from tag order by name"));
    }

    @Test
    void aPidThatDoesNotExistIsExitCode3AndSaysSo() {
        long pid = 4_000_000;
        while (ProcessHandle.of(pid).isPresent()) {
            pid--;
        }
        Launcher.Result r = Launcher.command("rpc", Long.toString(pid), "status").run();

        assertEquals(3, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("no process with pid " + pid + " (it does not exist)"), r::toString);
    }

    @Test
    void badUsageIsExitCode2() {
        Launcher.Result noTarget = Launcher.command("rpc", "nowhere", "status").run();
        Launcher.Result noOperation = Launcher.command("rpc", Long.toString(app.pid())).run();
        Launcher.Result unknown = Launcher.command("rpc", Long.toString(app.pid()), "explode").run();

        assertEquals(2, noTarget.exitCode(), noTarget::toString);
        assertTrue(noTarget.stderr().contains("not a target: 'nowhere'"), noTarget::toString);
        assertEquals(2, noOperation.exitCode(), noOperation::toString);
        assertTrue(noOperation.stderr().contains("no command given"), noOperation::toString);
        assertEquals(2, unknown.exitCode(), unknown::toString);
        assertTrue(unknown.stderr().contains("unknown command 'explode'"), unknown::toString);
    }
}
