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
 * {@code bin/preflight rpc} against a running application started WITH the agent (it migrated at start), by its JMX
 * service URL (remote JMX on loopback, no auth) and by its Jolokia URL (basic auth). One app for the class.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RpcAgentTest {

    private static final String PASSWORD = "s3cret-Pw";

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    @TempDir
    static Path dir;

    private static RpcApp app;
    private static String jmx;
    private static String jolokia;

    @BeforeAll
    static void startApp() {
        String locations = RpcApp.migrations(dir,
                "1_create_todo.sql", "create table todo (id int);", "drop table todo;",
                "2_add_done.sql", "alter table todo add column done boolean;", "alter table todo drop column done;")
                .toString();
        String dataLocations = RpcApp.dataMigrations(dir,
                "1_seed_todo.sql", "insert into todo (id) values (1), (2);", "delete from todo;").toString();
        int jmxPort = RpcApp.freePort();
        int jolokiaPort = RpcApp.freePort();
        jmx = "service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmxPort + "/jmxrmi";
        jolokia = "http://127.0.0.1:" + jolokiaPort + "/jolokia";
        app = RpcApp.start(null, List.of("-Dcom.sun.management.jmxremote.port=" + jmxPort,
                        "-Dcom.sun.management.jmxremote.rmi.port=" + jmxPort,
                        "-Dcom.sun.management.jmxremote.host=127.0.0.1",
                        "-Dcom.sun.management.jmxremote.authenticate=false",
                        "-Dcom.sun.management.jmxremote.ssl=false"),
                "url=" + db.url() + ",locations=" + locations + ",data-locations=" + dataLocations
                        + ",jolokia.port=" + jolokiaPort
                        + ",jolokia.user=ops,jolokia.password=" + PASSWORD);
    }

    @AfterAll
    static void stopApp() {
        if (app != null) {
            app.close();
        }
    }

    private static List<String> applied() throws SQLException {
        return db.queryColumn("select version from preflight_schema_history where success order by version");
    }

    @Test
    @Order(1)
    void jmxUrlStatusShowsWhatTheAgentAppliedAtStart() throws SQLException {
        Launcher.Result r = Launcher.command("rpc", jmx, "status").run();

        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stdout().matches("(?s).*up +1 +create_todo.*up +2 +add_done.*"), r::toString);
        assertEquals(List.of("1", "2"), applied());

        Launcher.Result json = Launcher.command("rpc", jmx, "status", "--json").run();
        assertEquals(0, json.exitCode(), json::toString);
        assertTrue(json.stdout().startsWith("{\"repo\":\"main\",\"currentVersion\":\"2\",\"pending\":0"),
                json::toString);
    }

    @Test
    @Order(2)
    void jmxUrlRollbackAndMigrate() throws SQLException {
        Launcher.Result back = Launcher.command("rpc", jmx, "rollback", "--step", "1").run();
        assertEquals(0, back.exitCode(), back::toString);
        assertEquals(List.of("1"), applied());

        Launcher.Result forward = Launcher.command("rpc", jmx, "migrate").run();
        assertEquals(0, forward.exitCode(), forward::toString);
        assertTrue(forward.stdout().matches("  applied 2 add_done \\(\\d+ ms\\)\nmigrate main: 1 migration in \\d+ ms\n"),
                forward::toString);
        assertTrue(forward.stderr().contains("[1/1] 2 add_done done in "), "the job's log: " + forward);
        assertEquals(List.of("1", "2"), applied());
    }

    @Test
    @Order(3)
    void jolokiaUrlWithUserAndPasswordFromTheEnvironment() throws SQLException {
        Launcher.Result back = Launcher.command("rpc", jolokia, "--user", "ops", "rollback", "--to", "1")
                .env("PREFLIGHT_RPC_PASSWORD", PASSWORD).run();
        assertEquals(0, back.exitCode(), back::toString);
        assertEquals(List.of("1"), applied());

        Launcher.Result status = Launcher.command("rpc", jolokia, "--user", "ops", "status")
                .env("PREFLIGHT_RPC_PASSWORD", PASSWORD).run();
        assertEquals(0, status.exitCode(), status::toString);
        assertTrue(status.stdout().matches("(?s).*up +1 +create_todo.*down +2 +add_done.*"), status::toString);

        Launcher.Result validate = Launcher.command("rpc", jolokia, "--user", "ops", "validate")
                .env("PREFLIGHT_RPC_PASSWORD", PASSWORD).run();
        assertEquals(1, validate.exitCode(), validate::toString);
        assertTrue(validate.stdout().contains("pending"), validate::toString);
    }

    @Test
    @Order(4)
    void jolokiaUrlWithThePasswordInTheUrl() throws SQLException {
        Launcher.Result r = Launcher.command("rpc", jolokia.replace("://", "://ops:" + PASSWORD + "@"), "migrate",
                "--step", "1").run();

        assertEquals(0, r.exitCode(), r::toString);
        assertEquals(List.of("1", "2"), applied());
        assertFalse(r.stdout().contains(PASSWORD) || r.stderr().contains(PASSWORD), r::toString);
    }

    @Test
    @Order(5)
    void aTaskWithArgumentsOverJolokiaStreamsItsLog() {
        Launcher.Result r = Launcher.command("rpc", jolokia, "--user", "ops", "task", "analyze", "tables=todo")
                .env("PREFLIGHT_RPC_PASSWORD", PASSWORD).run();
        Launcher.Result wrong = Launcher.command("rpc", jolokia, "--user", "ops", "task", "analyze", "last=x")
                .env("PREFLIGHT_RPC_PASSWORD", PASSWORD).run();

        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("analyzed todo"), r::toString);
        assertTrue(r.stdout().matches("task analyze \\(repo main\\): done in \\d+ ms\n"), r::toString);
        assertEquals(2, wrong.exitCode(), wrong::toString);
        assertTrue(wrong.stderr().contains("last must be a whole number (int), got `x`"), wrong::toString);
        assertTrue(wrong.stderr().contains("  tables (string, optional): "), wrong::toString);
    }

    @Test
    @Order(6)
    void dataMigrationsAndLintOverJmx() throws SQLException {
        Launcher.Result data = Launcher.command("rpc", jmx, "migrate-data").run();
        assertEquals(0, data.exitCode(), data::toString);
        assertEquals("2", db.queryValue("select count(*) from todo"));

        Launcher.Result noStep = Launcher.command("rpc", jmx, "rollback-data").run();
        assertEquals(2, noStep.exitCode(), noStep::toString);

        Launcher.Result back = Launcher.command("rpc", jmx, "rollback-data", "--step", "1").run();
        assertEquals(0, back.exitCode(), back::toString);
        assertEquals("0", db.queryValue("select count(*) from todo"));

        Launcher.Result lint = Launcher.command("rpc", jmx, "lint").run();
        assertTrue(lint.stdout().contains("lint main: "), lint::toString);
        assertEquals(lint.stdout().contains("lint main: ok") ? 0 : 1, lint.exitCode(), lint::toString);
    }

    @Test
    void aWrongJolokiaPasswordIsExitCode3AndIsNeverPrinted() {
        String wrong = "wrong-Pw-42";
        Launcher.Result r = Launcher.command("rpc", jolokia, "--user", "ops", "status")
                .env("PREFLIGHT_RPC_PASSWORD", wrong).run();
        Launcher.Result inUrl = Launcher.command("rpc", jolokia.replace("://", "://ops:" + wrong + "@"), "status")
                .run();

        assertEquals(3, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("refused the credentials (HTTP 401)"), r::toString);
        assertFalse(r.stdout().contains(wrong) || r.stderr().contains(wrong), r::toString);
        assertEquals(3, inUrl.exitCode(), inUrl::toString);
        assertFalse(inUrl.stdout().contains(wrong) || inUrl.stderr().contains(wrong), inUrl::toString);
    }

    @Test
    void unreachableTargetsAreExitCode3AndNamed() {
        int port = RpcApp.freePort();
        Launcher.Result jmxDown = Launcher.command("rpc", "service:jmx:rmi:///jndi/rmi://127.0.0.1:" + port
                + "/jmxrmi", "status").run();
        Launcher.Result jolokiaDown = Launcher.command("rpc", "http://127.0.0.1:" + port + "/jolokia", "status").run();

        assertEquals(3, jmxDown.exitCode(), jmxDown::toString);
        assertTrue(jmxDown.stderr().contains("cannot reach service:jmx:rmi:///jndi/rmi://127.0.0.1:" + port),
                jmxDown::toString);
        assertEquals(3, jolokiaDown.exitCode(), jolokiaDown::toString);
        assertTrue(jolokiaDown.stderr().contains("cannot reach Jolokia at http://127.0.0.1:" + port + "/jolokia"),
                jolokiaDown::toString);
    }

    @Test
    void settingsAreOnlyForPidTargets() {
        Launcher.Result r = Launcher.command("rpc", jmx, "status", "--url=jdbc:postgresql://elsewhere/db").run();

        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("--url: settings are only for a pid target"), r::toString);
    }
}
