package dev.preflight.scripts;

import dev.preflight.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code bin/preflight eval tasks} and {@code eval task <name> k=v ...} with the application's own task. */
class EvalTaskTest {

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    @TempDir
    static Path dir;

    static String app;

    @BeforeAll
    static void application() throws SQLException {
        app = TestApp.write(dir.resolve("app"));
        db.execute("create table tag (name text primary key)");
    }

    @Test
    void tasksListsTheBuiltInAndTheApplicationsTasksWithTheirParameters() {
        // The class path as an option this time (the other tests use PREFLIGHT_CLASSPATH).
        Launcher.Result r = Launcher.command("-cp", app, "eval", "tasks", "--url=" + db.url()).run();

        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains("analyze  "), r::toString);
        assertTrue(r.stdout().contains("tag      inserts numbered tags\n    name (string, required): the tag's name\n"
                + "    times (int"), r::toString);
    }

    @Test
    void aTaskRunsWithItsArguments() throws SQLException {
        Launcher.Result r = Launcher.command("eval", "task", "tag", "name=release", "times=3", "--url=" + db.url())
                .classpath(app).run();

        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains("task tag"), r::toString);
        assertEquals(List.of("release-1", "release-2", "release-3"),
                db.queryColumn("select name from tag where name like 'release-%' order by name"));
    }

    @Test
    void wrongArgumentsExit2AndListTheParameters() throws SQLException {
        Launcher.Result r = Launcher.command("eval", "task", "tag", "nmae=oops", "--url=" + db.url())
                .classpath(app).run();

        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("nmae"), r::toString);
        assertTrue(r.stderr().contains("name (string, required): the tag's name"), r::toString);
        assertTrue(r.stderr().contains("times (int"), r::toString);
        assertEquals("0", db.queryValue("select count(*) from tag where name like 'oops%'"));
    }
}
