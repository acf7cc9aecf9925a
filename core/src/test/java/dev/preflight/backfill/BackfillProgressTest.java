package dev.preflight.backfill;

import dev.preflight.JavaMigration;
import dev.preflight.Preflight;
import dev.preflight.PreflightConfig;
import dev.preflight.Target;
import dev.preflight.Task;
import dev.preflight.TaskContext;
import dev.preflight.testing.BackfillMigration;
import dev.preflight.testing.ProgressRecorder;
import dev.preflight.testing.TestDatabase;
import dev.preflight.testing.TestServices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A backfill inside a Java migration or a task reports to the running operation's listener (the CLI, the JMX job)
 * although its author wired nothing.
 */
class BackfillProgressTest {

    @RegisterExtension
    final TestDatabase db = TestDatabase.perTest();
    @TempDir
    Path tmp;

    /** The progress/log lines a listener saw, as users see them. */
    final ProgressRecorder listener = new ProgressRecorder();
    final List<String> lines = listener.lines();

    /** A data migration that backfills table big with no listener of its own. */
    public static final class V1__FillBig extends BackfillMigration {
        public V1__FillBig() {
            super(Backfill.of("big_n", "big", "id", "n = n + 1").batchSize(100));
        }
    }

    /** A task doing the same on another backfill name. */
    public static final class FillTask implements Task {
        @Override
        public String name() {
            return "fill";
        }

        @Override
        public String description() {
            return "Backfills big again";
        }

        @Override
        public void run(TaskContext context) throws Exception {
            try (Connection c = context.dataSource().getConnection()) {
                Backfill.of("big_n_again", "big", "id", "n = n + 1").batchSize(250).run(c);
            }
        }
    }

    @Test
    void backfillProgressReachesTheMigrationsAndTheTasksListener() throws Exception {
        db.execute("create table big (id bigint primary key, n int not null default 0)",
                "insert into big (id) select g from generate_series(1, 1000) g", "analyze big");
        ClassLoader loader = new TestServices(tmp.resolve("cp")).add(JavaMigration.class, V1__FillBig.class)
                .add(Task.class, FillTask.class).loader();
        Path empty = Files.createDirectories(tmp.resolve("none"));
        var repo = PreflightConfig.fromProperties(Map.of("url", db.url(), "locations", empty.toString(),
                "data-locations", empty.toString(), "connect-retry", "2s")).defaultRepo();
        try (Preflight p = Preflight.open(repo, loader, listener)) {
            assertEquals(1, p.migrateData(Target.all()).count());
            assertTrue(lines.stream().anyMatch(
                    l -> l.matches("main migrate-data: backfill big_n rows, \\d+/s.*: 100 of 1000 \\(10%\\)")),
                    lines.toString());
            assertTrue(lines.contains(
                    "main migrate-data: backfill big_n: done, 1000 rows in this run (1000 in total), 10 batches"),
                    lines.toString());
            lines.clear();
            p.runTask("fill", Map.of());
            assertTrue(lines.stream().anyMatch(
                    l -> l.matches("main task fill: backfill big_n_again rows, .*: 250 of 1000 \\(25%\\)")),
                    lines.toString());
            assertTrue(lines.get(lines.size() - 1).startsWith("main task fill: backfill big_n_again: done, 1000 rows"),
                    lines.toString());
        }
        assertEquals("1000", db.queryValue("select count(*) from big where n = 2"));
    }

    @Test
    void outsideAnyOperationABackfillReportsOnlyToItsOwnListener() throws Exception {
        db.execute("create table t (id int primary key, v int)", "insert into t select g, 0 from generate_series(1, 10) g");
        try (Connection c = db.connect()) {
            List<Backfill.Progress> own = new ArrayList<>();
            Backfill.of("t_v", "t", "id", "v = 1").batchSize(5).onProgress(own::add).run(c);
            assertEquals(2, own.size());
        }
        assertTrue(lines.isEmpty());
    }
}
