package dev.preflight.scripts;

import dev.preflight.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code bin/preflight rpc} against an application whose repos are {@code app} and {@code audit} (no {@code main}):
 * the repo policy of the CLI holds there too: looking covers every repo, a pointed command the default one (app),
 * a rollback needs {@code --repo}.
 */
class RpcReposTest {

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    @TempDir
    static Path dir;

    private static RpcApp app;
    private static String jolokia;

    @BeforeAll
    static void startApp() {
        String app1 = RpcApp.migrations(dir.resolve("app"),
                "1_create_todo.sql", "create table todo (id int);", "drop table todo;").toString();
        String audit = RpcApp.migrations(dir.resolve("audit"),
                "1_create_event.sql", "create table event (id int);", "drop table event;").toString();
        int jolokiaPort = RpcApp.freePort();
        jolokia = "http://127.0.0.1:" + jolokiaPort + "/jolokia";
        app = RpcApp.start(null, List.of(), "repos=app;audit,url=" + db.url() + ",app.locations=" + app1
                + ",audit.locations=" + audit + ",audit.table=audit_history,jolokia.port=" + jolokiaPort);
    }

    @AfterAll
    static void stopApp() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void statusWithoutRepoCoversEveryRepoAndRollbackNeedsOne() {
        Launcher.Result status = Launcher.command("rpc", jolokia, "status").run();
        Launcher.Result json = Launcher.command("rpc", jolokia, "status", "--json").run();
        Launcher.Result rollback = Launcher.command("rpc", jolokia, "rollback", "--step", "1").run();

        assertEquals(0, status.exitCode(), status::toString);
        assertTrue(status.stdout().matches("(?s)Repo: app\n.*create_todo.*Repo: audit\n.*create_event.*"),
                status::toString);
        assertEquals(2, json.stdout().lines().count(), "one JSON object per repo: " + json);
        assertEquals(2, rollback.exitCode(), rollback::toString);
        assertTrue(rollback.stderr().contains("rollback with several repos (app, audit) needs --repo NAME"),
                rollback::toString);
    }

    @Test
    void repoPicksOneOverJolokiaAndOverThePid() {
        Launcher.Result audit = Launcher.command("rpc", jolokia, "status", "--repo", "audit").run();
        assertEquals(0, audit.exitCode(), audit::toString);
        assertTrue(audit.stdout().contains("create_event") && !audit.stdout().contains("create_todo"),
                audit::toString);

        Launcher.Result byPid = Launcher.command("rpc", Long.toString(app.pid()), "validate", "--repo=app").run();
        assertEquals(0, byPid.exitCode(), byPid::toString);
        assertEquals("validate app: ok\n", byPid.stdout(), byPid::toString);
        Launcher.Result typo = Launcher.command("rpc", Long.toString(app.pid()), "lint", "--repo=aduit").run();
        assertEquals(2, typo.exitCode(), typo::toString);
        assertTrue(typo.stderr().contains("unknown repo `aduit`; did you mean audit?"), typo::toString);
    }

    @Test
    void tasksGoToTheDefaultRepo() {
        Launcher.Result r = Launcher.command("rpc", jolokia, "task", "analyze").run();
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stdout().startsWith("task analyze (repo app): done in "), r::toString);
    }
}
