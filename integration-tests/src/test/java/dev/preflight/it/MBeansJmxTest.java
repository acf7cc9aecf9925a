package dev.preflight.it;

import dev.preflight.it.app.PlainApp;
import dev.preflight.testing.ChildJvm;
import dev.preflight.testing.ChildProcess;
import dev.preflight.testing.MigrationFiles;
import dev.preflight.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import javax.management.MBeanServerConnection;
import javax.management.Notification;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The MBeans of an application started with the agent, used through a remote JMX connector as JConsole does. */
class MBeansJmxTest {

    @RegisterExtension
    final TestDatabase db = TestDatabase.perTest();
    @TempDir
    Path dir;

    static final ObjectName MAIN = name("dev.preflight:type=Repository,name=main");
    static final ObjectName JOBS = name("dev.preflight:type=Jobs");

    @Test
    void afterStartUpAnOperatorStepsRollsBackAndRunsDataMigrationsAndIsNotified() throws Exception {
        int port = ChildProcess.freePort();
        ChildJvm.Running app = app("", port).start();
        try (JMXConnector jmx = connect(app, port)) {
            MBeanServerConnection server = jmx.getMBeanServerConnection();
            List<Notification> received = new ArrayList<>();
            server.addNotificationListener(JOBS, (n, h) -> {
                synchronized (received) {
                    received.add(n);
                }
            }, null, null);

            assertEquals("2", server.getAttribute(MAIN, "CurrentVersion"), "start-up applied both");
            assertEquals(0, server.getAttribute(MAIN, "PendingCount"));
            List<CompositeData> rows = rows((TabularData) server.getAttribute(MAIN, "Migrations"));
            assertEquals(3, rows.size());
            assertEquals("up", rows.get(0).get("status"));
            assertEquals("down", rows.get(2).get("status"));

            assertEquals("succeeded", await(server, step(server, "rollbackStep", 1)).get("state"));
            assertEquals("1", server.getAttribute(MAIN, "CurrentVersion"));
            assertEquals(1, server.getAttribute(MAIN, "PendingCount"));

            CompositeData job = await(server, step(server, "migrateStep", 1));
            assertEquals("succeeded", job.get("state"));
            assertEquals(1, job.get("done"));
            assertEquals("2", server.getAttribute(MAIN, "CurrentVersion"));

            assertEquals("succeeded", await(server, (String) server.invoke(MAIN, "migrateData", null, null))
                    .get("state"));
            assertEquals(0, server.getAttribute(MAIN, "PendingDataCount"));
            assertEquals(List.of("ada"), db.queryColumn("select name from person"));

            // Notifications travel asynchronously: wait for the last job's end.
            long deadline = System.nanoTime() + 10_000_000_000L;
            List<String> types;
            do {
                synchronized (received) {
                    types = received.stream().map(Notification::getType).toList();
                }
                Thread.sleep(20);
            } while (types.size() < 9 && System.nanoTime() < deadline);
            assertEquals(List.of("dev.preflight.job.started", "dev.preflight.job.migration",
                    "dev.preflight.job.succeeded"), types.subList(0, 3),
                    types.toString());
            assertEquals(9, types.size(), types.toString());
        } finally {
            app.closeStdin();
        }
        ChildJvm.Result r = app.await();
        assertEquals(0, r.exitCode(), r::toString);
    }

    @Test
    void withStartupOffTheBeansAreThereAndNothingWasApplied() throws Exception {
        int port = ChildProcess.freePort();
        ChildJvm.Running app = app(",startup=off", port).start();
        try (JMXConnector jmx = connect(app, port)) {
            MBeanServerConnection server = jmx.getMBeanServerConnection();
            assertNull(server.getAttribute(MAIN, "CurrentVersion"));
            assertEquals(2, server.getAttribute(MAIN, "PendingCount"));
            assertTrue(((String) server.invoke(MAIN, "status", null, null)).contains("person"));
        } finally {
            app.closeStdin();
        }
        assertEquals(0, app.await().exitCode());
    }

    @Test
    void healthIsThereWhileStartUpMigratesAndReadyAfter() throws Exception {
        int port = ChildProcess.freePort();
        MigrationFiles files = new MigrationFiles(dir.resolve("migrations"));
        files.dbmate("1", "person", "create table person (name text);", "drop table person;");
        files.dbmate("2", "slow", "select pg_sleep(4);", null);
        ChildJvm.Running app = jmxApp(new AppJar(dir).build(), port)
                .agent("url=" + db.url() + ",locations=" + files.dir()).start();
        ObjectName health = name("dev.preflight:type=Health");
        try (JMXConnector jmx = connectWhenUp(port)) {
            MBeanServerConnection server = jmx.getMBeanServerConnection();
            // Until the slow migration (4 s) is the current one: the first may be seen running before it.
            String report = "";
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!report.contains("\"current\":\"2 slow\"") && System.nanoTime() < deadline) {
                report = server.isRegistered(health) ? (String) server.getAttribute(health, "Report") : "";
                Thread.sleep(20);
            }
            assertTrue(report.startsWith("{\"state\":\"migrating\",\"done\":1,\"total\":2"),
                    "Health is registered before main, while the slow migration runs: " + report);
            assertEquals("migrating", server.getAttribute(health, "State"));
            assertEquals(false, server.getAttribute(health, "Ready"));
            assertFalse(app.stdout().contains(PlainApp.MARKER), "main waits for the migrations");

            app.awaitStdout(PlainApp.MARKER);
            assertEquals(true, server.getAttribute(health, "Ready"));
            assertEquals("ready", server.getAttribute(health, "State"));
            assertTrue(((String) server.getAttribute(health, "Report"))
                    .startsWith("{\"state\":\"ready\",\"done\":2,\"total\":2"));
            // JConsole shows Health's attributes read-only; it has no operations.
            assertEquals(0, server.getMBeanInfo(health).getOperations().length);
        } finally {
            app.closeStdin();
        }
        assertEquals(0, app.await().exitCode());
    }

    /** A remote JMX connector is up as soon as the JVM is, before the agent's premain: retry until it answers. */
    private static JMXConnector connectWhenUp(int port) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            try {
                return JMXConnectorFactory.connect(new JMXServiceURL(
                        "service:jmx:rmi:///jndi/rmi://127.0.0.1:" + port + "/jmxrmi"));
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(50);
            }
        }
    }

    private ChildJvm jmxApp(Path jar, int jmxPort) {
        return jmxApp(db, jar, jmxPort);
    }

    private static ChildJvm jmxApp(TestDatabase db, Path jar, int jmxPort) {
        return ChildJvm.jar(jar).systemProperty("app.url", db.url()).systemProperty("app.waitForStdin", "true")
                .remoteJmx(jmxPort);
    }

    private ChildJvm app(String moreAgentArguments, int jmxPort) {
        return app(db, dir, moreAgentArguments, jmxPort);
    }

    /**
     * The app jar with the agent and a remote JMX port: schema migrations 1 person and 2 pet, data migration 1 seed,
     * in {@code dir}; the agent arguments end with {@code moreAgentArguments}.
     */
    static ChildJvm app(TestDatabase db, Path dir, String moreAgentArguments, int jmxPort) {
        MigrationFiles files = new MigrationFiles(dir.resolve("migrations"));
        files.dbmate("1", "person", "create table person (name text);", "drop table person;");
        files.dbmate("2", "pet", "create table pet (name text);", "drop table pet;");
        MigrationFiles data = new MigrationFiles(dir.resolve("data"));
        data.dbmate("1", "seed", "insert into person values ('ada');", "delete from person;");
        return jmxApp(db, new AppJar(dir).build(), jmxPort)
                .agent("url=" + db.url() + ",locations=" + files.dir() + ",data-locations=" + data.dir()
                        + moreAgentArguments);
    }

    static String step(MBeanServerConnection server, String operation, int n) throws Exception {
        return (String) server.invoke(MAIN, operation, new Object[] {n}, new String[] {"int"});
    }

    static CompositeData await(MBeanServerConnection server, String id) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            CompositeData job = (CompositeData) server.invoke(JOBS, "job", new Object[] {id},
                    new String[] {String.class.getName()});
            if (!job.get("state").equals("queued") && !job.get("state").equals("running")) {
                return job;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("job " + id + " did not finish in 30 s");
    }

    private static JMXConnector connect(ChildJvm.Running app, int port) throws Exception {
        app.awaitStdout(PlainApp.MARKER);
        // The beans are registered off main's path: main may print its marker first.
        app.awaitOutput("MBeans registered");
        return JMXConnectorFactory.connect(new JMXServiceURL(
                "service:jmx:rmi:///jndi/rmi://127.0.0.1:" + port + "/jmxrmi"));
    }


    private static ObjectName name(String name) {
        try {
            return new ObjectName(name);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The rows of the Migrations attribute (TabularData keyed by position), in status-table order. */
    private static List<CompositeData> rows(TabularData table) {
        return java.util.stream.IntStream.rangeClosed(1, table.size())
                .mapToObj(i -> (CompositeData) table.get(new Object[] {i}).get("value")).toList();
    }
}
