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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code bin/preflight rpc} against an application whose repos are {@code app} and {@code audit} (no {@code main}):
 * an operation on a repo must name it, and says which there are when it does not.
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
    void anOperationOnARepoWithoutRepoNamesTheReposAndIsExitCode2() {
        Launcher.Result r = Launcher.command("rpc", jolokia, "status").run();

        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("the target has several repos (app, audit): pass --repo NAME"), r::toString);
        assertFalse(r.stdout().contains("create_"), r::toString);
    }

    @Test
    void repoPicksOneOverJolokiaAndOverThePid() {
        Launcher.Result audit = Launcher.command("rpc", jolokia, "status", "--repo", "audit").run();
        assertEquals(0, audit.exitCode(), audit::toString);
        assertTrue(audit.stdout().contains("create_event") && !audit.stdout().contains("create_todo"),
                audit::toString);

        Launcher.Result byPid = Launcher.command("rpc", Long.toString(app.pid()), "validate", "--repo=app").run();
        assertEquals(0, byPid.exitCode(), byPid::toString);
        assertTrue(byPid.stdout().contains("valid"), byPid::toString);
        Launcher.Result noRepo = Launcher.command("rpc", Long.toString(app.pid()), "lint").run();
        assertEquals(2, noRepo.exitCode(), noRepo::toString);
        assertTrue(noRepo.stderr().contains("pass --repo NAME"), noRepo::toString);
    }

    @Test
    void jobsAndTasksNeedNoRepo() {
        Launcher.Result r = Launcher.command("rpc", jolokia, "tasks").run();
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains("analyze"), r::toString);
    }
}
