package dev.preflight.mbeans;

import dev.preflight.PreflightConfig;
import dev.preflight.testing.JmxBeans;
import dev.preflight.testing.MigrationFiles;
import dev.preflight.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

import javax.management.MBeanOperationInfo;
import javax.management.MBeanServer;
import javax.management.Notification;
import javax.management.RuntimeMBeanException;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static dev.preflight.testing.JmxBeans.JOBS;
import static dev.preflight.testing.JmxBeans.MAIN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The beans in this JVM's platform MBean server, used the way JConsole uses them: by name, with open types. */
// The beans live in the one platform MBean server: test classes that register them take turns.
@ResourceLock("dev.preflight MBeans")
class PreflightMBeansTest {

    @RegisterExtension
    final TestDatabase db = TestDatabase.perTest();
    @TempDir
    Path tmp;

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

    private PreflightMBeans.Handle register() {
        return register(false);
    }

    private PreflightMBeans.Handle register(boolean broken) {
        MigrationFiles files = new MigrationFiles(tmp.resolve("migrations"));
        if (broken) {
            files.dbmate("3", "broken", "select * from no_such_table;", null);
        }
        files.dbmate("1", "person", "create table person (name text);", "drop table person;");
        files.dbmate("2", "pet", "create table pet (name text);", "drop table pet;");
        MigrationFiles data = new MigrationFiles(tmp.resolve("data"));
        data.dbmate("1", "seed", "insert into person values ('ada');", "delete from person;");
        PreflightConfig config = PreflightConfig.fromProperties(Map.of("url", db.url(),
                "locations", files.dir().toString(), "data-locations", data.dir().toString()));
        return PreflightMBeans.register(config, getClass().getClassLoader());
    }

    @Test
    void stepMigrationsRollbacksAndDataMigrationsRunAsJobsWithNotifications() throws Exception {
        try (PreflightMBeans.Handle ignored = register()) {
            List<Notification> received = JmxBeans.listen(server);
            assertNull(server.getAttribute(MAIN, "CurrentVersion"));
            assertEquals(2, server.getAttribute(MAIN, "PendingCount"));
            List<CompositeData> rows = rows((TabularData) server.getAttribute(MAIN, "Migrations"));
            assertEquals(List.of("down", "down", "down"), rows.stream().map(r -> r.get("status")).toList());
            assertEquals("person", rows.get(0).get("name"));
            assertEquals("data", rows.get(2).get("kind"));

            String job = (String) server.invoke(MAIN, "migrateStep", new Object[] {1}, new String[] {"int"});
            CompositeData done = await(job);
            assertEquals("succeeded", done.get("state"));
            assertEquals(1, done.get("done"));
            assertEquals(1, done.get("total"));
            assertEquals("1", server.getAttribute(MAIN, "CurrentVersion"));

            assertEquals("succeeded", await(invoke("migrate")).get("state"));
            assertEquals("2", server.getAttribute(MAIN, "CurrentVersion"));
            assertEquals("succeeded", await(invoke("migrateData")).get("state"));
            assertEquals(0, server.getAttribute(MAIN, "PendingDataCount"));
            assertEquals("succeeded",
                    await((String) server.invoke(MAIN, "rollbackStep", new Object[] {1}, new String[] {"int"}))
                            .get("state"));
            assertEquals("1", server.getAttribute(MAIN, "CurrentVersion"));
            assertTrue(((String) server.invoke(MAIN, "status", null, null)).contains("person"));
            assertTrue(((String) server.invoke(MAIN, "statusJson", null, null))
                    .startsWith("{\"repo\":\"main\",\"currentVersion\":\"1\",\"pending\":1,"),
                    "the JSON of status --json");
            assertEquals("validate main: 1 problem(s)\n  - 1 schema migration(s) pending: 2. Run migrate.",
                    server.invoke(MAIN, "validate", null, null), "the text of the CLI's validate");
            assertEquals("migrate --step 1", done.get("command"));
            assertEquals(0, done.get("exitCode"));
            assertTrue(String.valueOf(done.get("text")).matches("  applied 1 person \\(\\d+ ms\\)\n"
                    + "migrate main: 1 migration in \\d+ ms\n"), String.valueOf(done.get("text")));
            assertTrue(String.valueOf(done.get("json")).startsWith("{\"repo\":\"main\",\"operation\":\"migrate\""),
                    String.valueOf(done.get("json")));

            synchronized (received) {
                List<String> types = received.stream().map(Notification::getType).toList();
                assertEquals(List.of(JobsMXBean.STARTED, JobsMXBean.MIGRATION, JobsMXBean.SUCCEEDED),
                        types.subList(0, 3), types.toString());
                assertEquals(job, received.get(0).getUserData());
            }
            assertEquals(4, ((CompositeData[]) server.getAttribute(JOBS, "Jobs")).length);
        }
        assertFalse(server.isRegistered(MAIN), "closing the handle unregisters the beans");
        assertFalse(server.isRegistered(JOBS));
    }

    @Test
    void aFailedJobSaysWhyAndTheNextOneStillRuns() throws Exception {
        try (PreflightMBeans.Handle ignored = register(true)) {
            CompositeData failed = await(invoke("migrate"));
            assertEquals("failed", failed.get("state"));
            assertTrue(((String) failed.get("error")).contains("no_such_table"), (String) failed.get("error"));
            assertEquals(2, failed.get("done"));
            assertEquals("succeeded",
                    await((String) server.invoke(MAIN, "migrateStep", new Object[] {0}, new String[] {"int"}))
                            .get("state"));
        }
    }

    @Test
    void jconsoleShowsParameterNamesAndDescriptions() throws Exception {
        try (PreflightMBeans.Handle ignored = register()) {
            MBeanOperationInfo step = Arrays.stream(server.getMBeanInfo(MAIN).getOperations())
                    .filter(o -> o.getName().equals("migrateStep")).findFirst().orElseThrow();
            assertEquals("n", step.getSignature()[0].getName());
            assertTrue(step.getDescription().startsWith("Applies the next n"), step.getDescription());
        }
    }

    @Test
    void registeringTwiceIsRefusedAndLeavesTheFirstInPlace() {
        try (PreflightMBeans.Handle ignored = register()) {
            assertThrows(IllegalStateException.class, this::register);
            assertTrue(server.isRegistered(MAIN));
            assertTrue(server.isRegistered(JOBS));
        }
    }

    private String invoke(String operation) throws Exception {
        return (String) server.invoke(MAIN, operation, null, null);
    }

    @Test
    void migrateToRollbackToAndDataStepsRunAsJobs() throws Exception {
        try (PreflightMBeans.Handle ignored = register()) {
            String str = String.class.getName();
            assertEquals("succeeded", await((String) server.invoke(MAIN, "migrateTo", new Object[] {"2"},
                    new String[] {str})).get("state"));
            assertEquals("2", server.getAttribute(MAIN, "CurrentVersion"));
            assertEquals("succeeded", await((String) server.invoke(MAIN, "migrateDataStep", new Object[] {1},
                    new String[] {"int"})).get("state"));
            assertEquals(List.of("ada"), db.queryColumn("select name from person"));
            assertEquals("succeeded", await((String) server.invoke(MAIN, "rollbackDataStep", new Object[] {1},
                    new String[] {"int"})).get("state"));
            assertEquals(List.of(), db.queryColumn("select name from person"));
            assertEquals("succeeded", await((String) server.invoke(MAIN, "rollbackTo", new Object[] {"1"},
                    new String[] {str})).get("state"));
            assertEquals("1", server.getAttribute(MAIN, "CurrentVersion"));
            assertFalse(db.tableExists("pet"));
            // A version the repo does not know is refused at once, for a rollback as for a migrate: no job.
            int jobs = ((CompositeData[]) server.getAttribute(JOBS, "Jobs")).length;
            for (String operation : List.of("migrateTo", "rollbackTo", "migrateDataTo", "rollbackDataTo")) {
                RuntimeMBeanException unknown = assertThrows(RuntimeMBeanException.class,
                        () -> server.invoke(MAIN, operation, new Object[] {"99999"}, new String[] {str}));
                assertInstanceOf(IllegalArgumentException.class, unknown.getCause());
                assertTrue(unknown.getCause().getMessage().contains("has version 99999; its versions are "),
                        unknown.getCause().getMessage());
            }
            assertEquals(jobs, ((CompositeData[]) server.getAttribute(JOBS, "Jobs")).length, "no job was queued");
            RuntimeMBeanException job = assertThrows(RuntimeMBeanException.class,
                    () -> server.invoke(JOBS, "job", new Object[] {"99"}, new String[] {str}));
            assertTrue(job.getCause().getMessage().equals("no job 99; the jobs are 1, 2, 3, 4 (the last 100 are kept)"),
                    job.getCause().getMessage());
        }
    }

    private CompositeData await(String id) throws Exception {
        return JmxBeans.await(server, id);
    }

    /** The rows of the Migrations attribute (TabularData keyed by position), in status-table order. */
    private static List<CompositeData> rows(TabularData table) {
        return java.util.stream.IntStream.rangeClosed(1, table.size())
                .mapToObj(i -> (CompositeData) table.get(new Object[] {i}).get("value")).toList();
    }
}
