package dev.preflight.mbeans;

import com.fasterxml.jackson.databind.JsonNode;
import dev.preflight.PreflightConfig;
import dev.preflight.testing.JmxBeans;
import dev.preflight.testing.JsonSchemas;
import dev.preflight.testing.MigrationFiles;
import dev.preflight.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Commands bean: the CLI's commands over JMX, their output and errors as data. */
@ResourceLock("dev.preflight MBeans")
class CommandsMBeanTest {

    private static final String[] ARGS = {String[].class.getName()};

    @RegisterExtension
    final TestDatabase db = TestDatabase.perTest();
    @TempDir
    Path tmp;

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private final ObjectName commands = JmxBeans.name("dev.preflight:type=Commands");

    private PreflightMBeans.Handle register() {
        MigrationFiles files = new MigrationFiles(tmp.resolve("migrations"));
        files.dbmate("1", "person", "create table person (name text);", "drop table person;");
        files.dbmate("2", "pet", "create table pet (name text);", "drop table pet;");
        MigrationFiles audit = new MigrationFiles(tmp.resolve("audit"));
        audit.dbmate("1", "event", "create table event (id int);", "drop table event;");
        PreflightConfig config = PreflightConfig.fromProperties(Map.of("url", db.url(), "repos", "main,audit",
                "locations", files.dir().toString(), "audit.locations", audit.dir().toString(),
                "audit.table", "audit_history", "data-locations", new MigrationFiles(tmp.resolve("data")).dir().toString()));
        return PreflightMBeans.register(config, getClass().getClassLoader());
    }

    private CompositeData call(String operation, String... args) throws Exception {
        return (CompositeData) server.invoke(commands, operation, new Object[] {args}, ARGS);
    }

    @Test
    void queryAnswersWithTheCliTextJsonAndExitCode() throws Exception {
        try (PreflightMBeans.Handle ignored = register()) {
            CompositeData validate = call("query", "validate");

            assertEquals(1, validate.get("exitCode"), String.valueOf(validate.get("error")));
            assertEquals("validate main: 1 problem(s)\n  - 2 schema migration(s) pending: 1, 2. Run migrate.\n"
                    + "validate audit: 1 problem(s)\n  - 1 schema migration(s) pending: 1. Run migrate.\n",
                    validate.get("text"), "every repo, as the CLI's validate");
            assertTrue(((String) validate.get("json")).startsWith("{\"repo\":\"main\",\"valid\":false,\"kinds\":"
                    + "[\"pending\"],"), (String) validate.get("json"));
            assertEquals(2, ((String) validate.get("json")).lines().count());
            assertNull(validate.get("error"));
            assertNull(validate.get("jobId"));
        }
    }

    @Test
    void errorsAreOutputNotExceptions() throws Exception {
        try (PreflightMBeans.Handle ignored = register()) {
            CompositeData typo = call("query", "stauts");
            CompositeData change = call("query", "migrate");
            CompositeData several = call("submit", "rollback", "--step", "1");

            assertEquals(2, typo.get("exitCode"));
            assertTrue(((String) typo.get("error")).startsWith("unknown command 'stauts'; did you mean status?"),
                    (String) typo.get("error"));
            assertEquals("usage", JsonSchemas.assertOutput("error", (String) typo.get("json")).get(0).get("error")
                    .get("code").asText());
            assertEquals("migrate changes the database: run it with submit", change.get("error"));
            assertEquals("rollback with several repos (main, audit) needs --repo NAME: it never runs on every repo"
                    + " at once", several.get("error"));
            assertNull(several.get("jobId"));
        }
    }

    @Test
    void lintIsOneSarifLogOfEveryRepoAndReadsNoFilesOfTheApplicationsMachine() throws Exception {
        try (PreflightMBeans.Handle ignored = register()) {
            CompositeData sarif = call("query", "lint", "--format", "sarif");
            CompositeData files = call("query", "lint", tmp.resolve("migrations").toString());

            assertEquals(0, sarif.get("exitCode"), String.valueOf(sarif.get("error")));
            String log = (String) sarif.get("text");
            assertEquals(1, log.lines().count(), log);
            assertTrue(log.startsWith("{\"$schema\":") && log.contains("\"version\":\"2.1.0\""), log);
            assertEquals(2, ((String) sarif.get("json")).lines().count(), "--json stays one object per repo");
            assertEquals(2, files.get("exitCode"));
            assertTrue(((String) files.get("error")).startsWith("lint of files runs where the files are"),
                    (String) files.get("error"));
        }
    }

    @Test
    void submitQueuesAJobWhoseOutputIsTheCommands() throws Exception {
        try (PreflightMBeans.Handle ignored = register()) {
            CompositeData submitted = call("submit", "migrate", "--step", "1");
            CompositeData job = JmxBeans.await(server, (String) submitted.get("jobId"));

            assertEquals("succeeded", job.get("state"));
            assertEquals("main", job.get("repo"), "--step: the default repo");
            assertEquals(0, job.get("exitCode"));
            assertTrue(((String) job.get("text")).startsWith("  applied 1 person ("), (String) job.get("text"));

            CompositeData all = JmxBeans.await(server, (String) call("submit", "migrate").get("jobId"));
            assertEquals("main,audit", all.get("repo"), "no --repo: every repo");
            assertEquals(2, JsonSchemas.assertOutput("migrate-result", (String) all.get("json")).size());

            CompositeData jobs = call("query", "jobs");
            assertEquals(0, jobs.get("exitCode"));
            assertTrue(((String) jobs.get("text")).matches("ID +State +Command +Repo +Done +Started +Error\n"
                    + "[- ]+\n1 +succeeded +migrate --step 1 +main +1/1 .*\n2 +succeeded +migrate +main,audit .*\n"),
                    (String) jobs.get("text"));
            JsonNode listed = JsonSchemas.assertOutput("jobs", (String) jobs.get("json")).get(0);
            assertEquals("migrate --step 1", listed.get("jobs").get(0).get("command").asText());
            assertEquals(0, listed.get("jobs").get(1).get("exitCode").asInt());
        }
    }
}
