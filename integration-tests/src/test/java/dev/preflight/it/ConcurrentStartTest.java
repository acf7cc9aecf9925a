package dev.preflight.it;

import dev.preflight.it.app.PlainApp;
import dev.preflight.testing.ChildJvm;
import dev.preflight.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Several instances of one application start at once against one database, as replicas of a deployment do. */
class ConcurrentStartTest {

    private static final int INSTANCES = 4;

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    @TempDir
    Path dir;

    @Test
    void fourJvmsStartingTogetherApplyEachMigrationExactlyOnce() throws SQLException {
        Path jar = new AppJar(dir)
                .migration("1_create_greeting.sql", "create table greeting (text text not null);")
                .migration("2_greet.sql", "insert into greeting values ('hello');")
                // Slow enough that the instances overlap: the others wait for the lock meanwhile.
                .migration("3_slow.sql", "select pg_sleep(1);")
                .migration("4_greet_again.sql", "insert into greeting values ('again');")
                .migration("5_index.sql", "create index greeting_text on greeting (text);")
                .build();

        List<ChildJvm.Running> running = new ArrayList<>();
        for (int i = 0; i < INSTANCES; i++) {
            running.add(ChildJvm.jar(jar).systemProperty("app.url", db.url()).agent("url=" + db.url()).start());
        }
        for (ChildJvm.Running instance : running) {
            ChildJvm.Result r = instance.await();
            assertEquals(0, r.exitCode(), r::toString);
            assertTrue(r.stdout().contains(PlainApp.MARKER + " history=5 greetings=2"), r::toString);
        }

        assertEquals("5", db.queryValue("select count(*) from preflight_schema_history"));
        assertEquals("5", db.queryValue("select count(distinct version) from preflight_schema_history"));
        assertEquals("2", db.queryValue("select count(*) from greeting"));
    }
}
