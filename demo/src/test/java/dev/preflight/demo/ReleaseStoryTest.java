package dev.preflight.demo;

import dev.preflight.testing.ChildProcess;
import dev.preflight.testing.ChildProcess.Result;
import dev.preflight.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The release story of the README, end to end with real processes: two versions of the demo side by side, an
 * operator at work (the data migration through rpc, a task through eval, a rollback through Jolokia), and a crash
 * in the middle of a migration. The status table is checked after each step. Each test owns a database.
 */
class ReleaseStoryTest {

    private static final String V2_FILE = "20240104000000_add_priority.sql";
    private static final String V2_MIGRATION = "db/migrations/" + V2_FILE;
    private static final String SLOW_MIGRATION = "db/migrations/20240106000000_todo_search.sql";

    @RegisterExtension
    final TestDatabase db = TestDatabase.perTest();

    @Test
    void v2StartsBesideV1AndTheOperatorUsesRpcEvalAndJolokia() throws Exception {
        // The README's v2 (./scripts/demo v2): the demo's migrations and demo/v2/migrations.
        Path v2Jar = DemoJvm.jarWith(Map.of(V2_MIGRATION, Files.readString(Path.of("v2/migrations", V2_FILE))));
        int jolokiaPort = DemoJvm.freePort();
        try (DemoJvm v1 = DemoJvm.start(DemoJvm.DEMO_JAR, databaseUrl(), "")) {
            v1.awaitServing();
            v1.post("buy milk");
            assertEquals(List.of("up 20240101120000", "up 20240102090000", "up 20240102100000", "up 20240103000000",
                    "down 20240105000000"), status(DemoJvm.DEMO_JAR), "v1 migrated its schema, not its data");

            try (DemoJvm v2 = DemoJvm.start(v2Jar, databaseUrl(),
                    "jolokia.port=" + jolokiaPort + ",jolokia.user=ops", "-Dpreflight.jolokia.password=s3cret")) {
                v2.awaitServing();
                v2.post("walk the dog");
                assertTrue(v1.todos().contains("walk the dog"), "v1 still serves, and sees v2's writes");
                assertTrue(v2.todos().contains("buy milk"), "v2 serves v1's data");
                assertEquals(List.of("up 20240101120000", "up 20240102090000", "up 20240102100000",
                        "up 20240103000000", "up 20240104000000", "down 20240105000000"), status(v2Jar));
                assertEquals(List.of("20240104000000"), db.queryColumn(
                        "select version from preflight_schema_history where version = '20240104000000' and success"),
                        "v2's migration ran once, while v1 ran");

                // The operator runs the data migration by hand, through rpc into the running v2 (by pid).
                Result rpc = launcher(v2Jar, "rpc", String.valueOf(v2.pid()), "migrate-data");
                assertEquals(0, rpc.exitCode(), rpc.toString());
                assertEquals(List.of("Buy milk", "Try preflight: curl localhost:8081/ready", "Walk the dog"),
                        db.queryColumn("select title from todo order by title"));
                assertTrue(status(v2Jar).contains("up 20240105000000"));

                // ... and a one-off task through eval: a fresh JVM with v2's class path, nothing of the app started.
                db.execute("update todo set done = true where title = 'Buy milk'");
                Result dryRun = launcher(v2Jar, "eval", "task", "purge-done-todos", "older-than=2999-01-01");
                assertEquals(0, dryRun.exitCode(), dryRun.toString());
                // The task's own lines are in the log (stderr); stdout has its result.
                assertTrue(dryRun.stderr().contains("dry run: 1 done todo(s)"), dryRun.toString());
                assertTrue(dryRun.stdout().startsWith("task purge-done-todos (repo main): done in "), dryRun.toString());
                Result purge = launcher(v2Jar, "eval", "task", "purge-done-todos", "older-than=2999-01-01",
                        "dry-run=false");
                assertEquals(0, purge.exitCode(), purge.toString());
                assertEquals(List.of("Try preflight: curl localhost:8081/ready", "Walk the dog"),
                        db.queryColumn("select title from todo order by title"));
                Result wrong = launcher(v2Jar, "eval", "task", "purge-done-todos", "older-than=yesterday");
                assertEquals(2, wrong.exitCode(), wrong.toString());
                assertTrue(wrong.stderr().contains("older-than"), wrong.toString());

                // v2's last migration goes back through Jolokia, as a job (Jolokia starts off main's path).
                v2.awaitOutput("Jolokia on http://");
                Jolokia jolokia = new Jolokia(jolokiaPort, "ops", "s3cret");
                String job = jolokia.exec("dev.preflight:type=Repository,name=main", "rollbackStep", "1");
                assertEquals("succeeded", jolokia.awaitJob(job), "the rollback job");
                assertTrue(!db.queryColumn("select column_name from information_schema.columns where table_name = 'todo'")
                        .contains("priority"), "the down script dropped the column");
                assertEquals(List.of("up 20240101120000", "up 20240102090000", "up 20240102100000",
                        "up 20240103000000", "down 20240104000000", "up 20240105000000"), status(v2Jar));
                assertTrue(v1.todos().contains("Walk the dog"), "v1 serves after the rollback");
                assertTrue(v2.todos().contains("Walk the dog"), "v2 serves after the rollback");
            }
        }
    }

    @Test
    void aKillDashNineMidMigrationLeavesTheDatabaseConsistentAndARestartFinishes() throws Exception {
        Path v3Jar = DemoJvm.jarWith(Map.of(SLOW_MIGRATION, """
                -- A slow migration: rewrites every row, then takes its time.
                -- migrate:up
                alter table todo add column search text;
                update todo set search = lower(title);
                select pg_sleep(6);

                -- migrate:down
                alter table todo drop column search;
                """));
        try (DemoJvm v1 = DemoJvm.start(DemoJvm.DEMO_JAR, databaseUrl(), "")) {
            v1.awaitServing();
            v1.post("Buy Milk");
        }

        DemoJvm crashing = DemoJvm.start(v3Jar, databaseUrl(), "");
        try {
            awaitQueryRunning("pg_sleep", crashing);
        } finally {
            crashing.killHard();
        }
        // Nothing of the killed migration is visible: its transaction never committed.
        assertEquals(List.of(), db.queryColumn(
                "select column_name from information_schema.columns where table_name = 'todo' and column_name = 'search'"));
        assertEquals(List.of(), db.queryColumn(
                "select version from preflight_schema_history where version = '20240106000000'"));

        // The restart meets the dead session's transaction still holding its lock (PostgreSQL ends it once
        // pg_sleep returns): lock_timeout and retries carry it through.
        try (DemoJvm restarted = DemoJvm.start(v3Jar, databaseUrl(), "")) {
            restarted.awaitServing();
            assertTrue(restarted.todos().contains("Buy Milk"));
        }
        assertEquals(List.of("20240106000000:true"), db.queryColumn(
                "select version || ':' || success from preflight_schema_history where version = '20240106000000'"),
                "applied exactly once, successfully");
        assertEquals(List.of("buy milk", "try preflight: curl localhost:8081/ready"),
                db.queryColumn("select search from todo order by search"));
        assertEquals(List.of("up 20240101120000", "up 20240102090000", "up 20240102100000", "up 20240103000000",
                "up 20240106000000", "down 20240105000000"), status(v3Jar), "schema migrations first, then data");
    }

    private String databaseUrl() {
        return "postgres://postgres@127.0.0.1:5432/" + db.name();
    }

    /** Waits until a statement containing {@code text} runs in the test database (the app is mid-migration). */
    private void awaitQueryRunning(String text, DemoJvm app) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (db.queryColumn("select pid from pg_stat_activity where datname = current_database() and state = 'active'"
                + " and query like '%" + text + "%' and pid <> pg_backend_pid()").isEmpty()) {
            assertTrue(app.isAlive(), "the app ended before the migration ran:\n" + app.output());
            assertTrue(System.nanoTime() < deadline, "the migration did not start within 60 s:\n" + app.output());
            Thread.sleep(100);
        }
    }

    /** The status table as "status id" lines, from the CLI run with {@code appJar}'s migrations. */
    private List<String> status(Path appJar) throws Exception {
        Result status = cli(appJar, "status");
        assertEquals(0, status.exitCode(), status.toString());
        List<String> rows = new ArrayList<>();
        for (String line : status.stdout().split("\n")) {
            String[] cells = line.strip().split("\\s{2,}");
            if (cells.length >= 2 && cells[1].matches("\\d+")) {
                rows.add(cells[0] + " " + cells[1]);
            }
        }
        return rows;
    }

    /** {@code java -cp app.jar:preflight-agent.jar dev.preflight.cli.PreflightCli <args>}, configured by DATABASE_URL. */
    private Result cli(Path appJar, String... args) {
        List<String> command = new ArrayList<>(List.of(ChildProcess.java(), "-cp",
                appJar + java.io.File.pathSeparator + DemoJvm.AGENT_JAR, "dev.preflight.cli.PreflightCli"));
        command.addAll(List.of(args));
        return operator(command).run();
    }

    /** {@code bin/preflight <args>} of the assembled distribution, with the app's jar as PREFLIGHT_CLASSPATH. */
    private Result launcher(Path appJar, String... args) {
        List<String> command = new ArrayList<>(List.of(System.getProperty("preflight.launcher")));
        command.addAll(List.of(args));
        return operator(command).env("PREFLIGHT_CLASSPATH", appJar.toString()).run();
    }

    /** A command in the operator's shell: DATABASE_URL set, the tests' JDK as JAVA_HOME. */
    private ChildProcess operator(List<String> command) {
        return ChildProcess.of(command).env("DATABASE_URL", databaseUrl())
                .env("JAVA_HOME", System.getProperty("java.home"));
    }

    /** The operator's Jolokia client: exec over HTTP with basic auth, as curl would. */
    private static final class Jolokia {

        private static final Pattern VALUE = Pattern.compile("\"value\":\"([^\"]*)\"");
        private static final Pattern STATE = Pattern.compile("\"state\":\"([a-z]+)\"");
        private final HttpClient http = HttpClient.newHttpClient();
        private final URI uri;
        private final String authorization;

        Jolokia(int port, String user, String password) {
            this.uri = URI.create("http://127.0.0.1:" + port + "/jolokia/");
            this.authorization = "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        }

        String exec(String mbean, String operation, String argument) throws Exception {
            String body = post("{\"type\":\"exec\",\"mbean\":\"" + mbean + "\",\"operation\":\"" + operation
                    + "\",\"arguments\":[\"" + argument + "\"]}");
            Matcher m = VALUE.matcher(body);
            assertTrue(m.find(), "no value in " + body);
            return m.group(1);
        }

        /** Polls the Jobs bean until the job ends; returns its final state. */
        String awaitJob(String id) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (true) {
                String body = post("{\"type\":\"exec\",\"mbean\":\"dev.preflight:type=Jobs\",\"operation\":\"job\","
                        + "\"arguments\":[\"" + id + "\"]}");
                Matcher m = STATE.matcher(body);
                assertTrue(m.find(), "no job state in " + body);
                if (m.group(1).equals("succeeded") || m.group(1).equals("failed")) {
                    return m.group(1);
                }
                assertTrue(System.nanoTime() < deadline, "job " + id + " did not end within 60 s: " + body);
                Thread.sleep(200);
            }
        }

        private String post(String json) throws Exception {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).header("Authorization", authorization)
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            assertTrue(r.body().contains("\"status\":200"), r.body());
            return r.body();
        }
    }
}
