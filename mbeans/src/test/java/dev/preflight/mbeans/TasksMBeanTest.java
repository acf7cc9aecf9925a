package dev.preflight.mbeans;

import dev.preflight.JavaMigration;
import dev.preflight.PreflightConfig;
import dev.preflight.Task;
import dev.preflight.backfill.Backfill;
import dev.preflight.testing.BackfillMigration;
import dev.preflight.testing.FillTask;
import dev.preflight.testing.JmxBeans;
import dev.preflight.testing.MigrationFiles;
import dev.preflight.testing.TestDatabase;
import dev.preflight.testing.TestServices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

import javax.management.MBeanOperationInfo;
import javax.management.MBeanServer;
import javax.management.Notification;
import javax.management.RuntimeMBeanException;
import javax.management.openmbean.CompositeData;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static dev.preflight.testing.JmxBeans.JOBS;
import static dev.preflight.testing.JmxBeans.MAIN;
import static dev.preflight.testing.JmxBeans.TASKS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Tasks bean, task jobs with their logs, the lint operation and backfill progress, as JConsole uses them. */
// The beans live in the one platform MBean server: test classes that register them take turns.
@ResourceLock("dev.preflight MBeans")
class TasksMBeanTest {

    @RegisterExtension
    final TestDatabase db = TestDatabase.perTest();
    @TempDir
    Path tmp;

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private static final String[] TWO_STRINGS = {String.class.getName(), String.class.getName()};

    /** A data migration with a backfill, which wires nothing for progress. */
    public static final class V1__FillPerson extends BackfillMigration {
        public V1__FillPerson() {
            super(Backfill.of("person_n", "person", "id", "n = n + 1").batchSize(50));
        }
    }

    private PreflightMBeans.Handle register(String... extraMigration) throws Exception {
        MigrationFiles files = new MigrationFiles(tmp.resolve("migrations"));
        files.dbmate("1", "person", "create table person (id int primary key, n int not null default 0);\n"
                + "insert into person (id) select g from generate_series(1, 200) g;", null);
        if (extraMigration.length > 0) {
            files.dbmate("2", "index", extraMigration[0], null);
        }
        Path data = Files.createDirectories(tmp.resolve("data"));
        ClassLoader loader = new TestServices(tmp.resolve("cp")).add(Task.class, FillTask.class)
                .add(JavaMigration.class, V1__FillPerson.class).loader();
        PreflightConfig config = PreflightConfig.fromProperties(Map.of("url", db.url(),
                "locations", files.dir().toString(), "data-locations", data.toString()));
        return PreflightMBeans.register(config, loader);
    }

    @Test
    void listsTheTasksWithTheirParametersAndDescribesOne() throws Exception {
        try (PreflightMBeans.Handle ignored = register()) {
            CompositeData[] tasks = (CompositeData[]) server.getAttribute(TASKS, "Tasks");
            assertEquals(List.of("analyze", "fill"), Arrays.stream(tasks).map(t -> t.get("name")).toList());
            assertEquals(List.of("rows (int, required): how many rows", "batch (int, default 100): rows per batch"),
                    List.of((String[]) tasks[1].get("parameters")));
            String described = (String) server.invoke(TASKS, "describe", new Object[] {"analyze"},
                    new String[] {String.class.getName()});
            assertTrue(described.startsWith("analyze: Runs ANALYZE"), described);
            assertTrue(described.contains("\nParameters:\n  last (int, default 1): "), described);

            MBeanOperationInfo run = Arrays.stream(server.getMBeanInfo(TASKS).getOperations())
                    .filter(o -> o.getName().equals("runInRepo")).findFirst().orElseThrow();
            assertEquals(List.of("repo", "name", "arguments"),
                    Arrays.stream(run.getSignature()).map(p -> p.getName()).toList());
            assertTrue(run.getDescription().startsWith("Runs a task on the given repo"), run.getDescription());
        }
    }

    @Test
    void runsATaskAsAJobWhoseLogHoldsItsLinesAndBackfillProgress() throws Exception {
        try (PreflightMBeans.Handle ignored = register()) {
            List<Notification> received = JmxBeans.listen(server);
            String id = (String) server.invoke(TASKS, "run", new Object[] {"fill", "rows=1000,batch=100"}, TWO_STRINGS);
            CompositeData job = await(id);
            assertEquals("succeeded", job.get("state"), String.valueOf(job.get("error")));
            assertEquals("task fill rows=1000 batch=100", job.get("command"));
            List<String> log = List.of((String[]) job.get("log"));
            assertEquals("created 1000 rows", log.get(0), log.toString());
            assertTrue(log.get(1).matches("backfill filled_n rows, \\d+/s.*: 100 of 1000 \\(10%\\)"), log.toString());
            assertTrue(log.contains("backfill filled_n: done, 1000 rows in this run (1000 in total), 10 batches"),
                    log.toString());
            assertTrue(log.get(log.size() - 1).startsWith("task fill (repo main): done in "), log.toString());
            assertEquals((long) log.size(), job.get("logTotal"), "nothing fell off the log");
            assertEquals("1000", db.queryValue("select count(*) from filled where n = 1"));
            synchronized (received) {
                assertTrue(received.stream().anyMatch(n -> n.getType().equals(JobsMXBean.PROGRESS)
                        && n.getMessage().equals("task fill main: created 1000 rows") && id.equals(n.getUserData())),
                        received.stream().map(Notification::getMessage).toList().toString());
            }

            String analyze = (String) server.invoke(TASKS, "runInRepo", new Object[] {"main", "analyze", ""},
                    new String[] {String.class.getName(), String.class.getName(), String.class.getName()});
            assertEquals("succeeded", await(analyze).get("state"));
        }
    }

    @Test
    void wrongArgumentsFailAtOnceWithTheParameterListAndStartNoJob() throws Exception {
        try (PreflightMBeans.Handle ignored = register()) {
            RuntimeMBeanException e = assertThrows(RuntimeMBeanException.class,
                    () -> server.invoke(TASKS, "run", new Object[] {"fill", "rows=lots"}, TWO_STRINGS));
            IllegalArgumentException cause = assertInstanceOf(IllegalArgumentException.class, e.getCause());
            assertTrue(cause.getMessage().startsWith("task fill: rows must be a whole number (int), got `lots`"),
                    cause.getMessage());
            assertTrue(cause.getMessage().contains("Parameters:\n  rows (int, required): how many rows\n"
                    + "  batch (int, default 100): rows per batch"), cause.getMessage());
            e = assertThrows(RuntimeMBeanException.class,
                    () -> server.invoke(TASKS, "run", new Object[] {"fill", ""}, TWO_STRINGS));
            assertTrue(e.getCause().getMessage().contains("missing parameter rows"), e.getCause().getMessage());
            e = assertThrows(RuntimeMBeanException.class,
                    () -> server.invoke(TASKS, "run", new Object[] {"fil", "rows=1"}, TWO_STRINGS));
            assertTrue(e.getCause().getMessage().contains("did you mean fill?"), e.getCause().getMessage());
            e = assertThrows(RuntimeMBeanException.class, () -> server.invoke(TASKS, "runInRepo",
                    new Object[] {"audit", "fill", "rows=1"},
                    new String[] {String.class.getName(), String.class.getName(), String.class.getName()}));
            assertTrue(e.getCause().getMessage().contains("unknown repo `audit`"), e.getCause().getMessage());
            assertEquals(0, ((CompositeData[]) server.getAttribute(JOBS, "Jobs")).length, "no job was queued");
        }
    }

    @Test
    void lintOperationListsTheHazardsOrSaysOk() throws Exception {
        try (PreflightMBeans.Handle ignored = register()) {
            assertEquals("lint main: ok", server.invoke(MAIN, "lint", null, null));
        }
        try (PreflightMBeans.Handle ignored = register("create index person_n on person (n);")) {
            String lint = (String) server.invoke(MAIN, "lint", null, null);
            assertTrue(lint.startsWith("index-not-concurrent  "), lint);
            assertTrue(lint.endsWith("lint main: 1 hazard(s); accept one with -- preflight:allow <rule>"), lint);
        }
    }

    @Test
    void aJavaDataMigrationsBackfillProgressIsInTheJobLog() throws Exception {
        try (PreflightMBeans.Handle ignored = register()) {
            assertEquals("succeeded", await((String) server.invoke(MAIN, "migrate", null, null)).get("state"));
            db.execute("analyze person");
            CompositeData job = await((String) server.invoke(MAIN, "migrateData", null, null));
            assertEquals("succeeded", job.get("state"), String.valueOf(job.get("error")));
            List<String> log = List.of((String[]) job.get("log"));
            assertEquals("migrate-data main: 1 migration(s) to run", log.get(0), log.toString());
            assertEquals("[1/1] 1 FillPerson ...", log.get(1), log.toString());
            assertTrue(log.get(2).matches("backfill person_n rows, \\d+/s.*: 50 of 200 \\(25%\\)"), log.toString());
            assertTrue(log.contains("backfill person_n: done, 200 rows in this run (200 in total), 4 batches"),
                    log.toString());
            assertTrue(log.stream().anyMatch(l -> l.startsWith("[1/1] 1 FillPerson done in ")), log.toString());
        }
        assertEquals("200", db.queryValue("select count(*) from person where n = 1"));
    }

    private CompositeData await(String id) throws Exception {
        return JmxBeans.await(server, id);
    }
}
