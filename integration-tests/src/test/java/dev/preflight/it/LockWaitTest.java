package dev.preflight.it;

import dev.preflight.it.app.PlainApp;
import dev.preflight.testing.ChildJvm;
import dev.preflight.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An instance that cannot get the migration lock within lock-wait gives up with exit code 4. */
class LockWaitTest {

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    @TempDir
    Path dir;

    @Test
    void anInstanceThatWaitsLongerThanLockWaitEndsWithExitCode4() throws Exception {
        // Long enough that the second JVM surely starts while the first still holds the lock, even on a busy machine.
        Path jar = new AppJar(dir).migration("1_slow.sql", "select pg_sleep(15);").build();
        ChildJvm.Running holder = ChildJvm.jar(jar).systemProperty("app.url", db.url()).agent("url=" + db.url())
                .start();
        awaitRunningMigration();

        ChildJvm.Result waiter = ChildJvm.jar(jar).systemProperty("app.url", db.url())
                .agent("url=" + db.url() + ",lock-wait=1s").run();

        assertEquals(4, waiter.exitCode(), waiter::toString);
        assertFalse(waiter.stdout().contains(PlainApp.MARKER), waiter::toString);
        assertTrue(waiter.stderr().contains("gave up waiting for the migration lock"), waiter::toString);
        ChildJvm.Result first = holder.await();
        assertEquals(0, first.exitCode(), first::toString);
    }

    /** Until the first instance's slow migration is running (so it holds the lock), within a minute. */
    private static void awaitRunningMigration() throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (db.queryValue("select count(*) from pg_stat_activity where datname = current_database()"
                + " and query like 'select pg_sleep(15)%'")
                .equals("0")) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the first instance never started its migration");
            }
            Thread.sleep(50);
        }
    }
}
