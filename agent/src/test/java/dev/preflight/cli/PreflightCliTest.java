package dev.preflight.cli;

import dev.preflight.Preflight;
import dev.preflight.PreflightConfig;
import dev.preflight.testing.FillTask;
import dev.preflight.testing.MigrationFiles;
import dev.preflight.testing.TestDatabase;
import dev.preflight.testing.TestServices;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CLI as a user runs it: arguments in, exit code, output and rows in the database out. */
class PreflightCliTest {

    @RegisterExtension
    final TestDatabase db = TestDatabase.perTest();
    @TempDir
    Path tmp;
    MigrationFiles files;

    record Run(int code, String out, String err) {
    }

    @BeforeEach
    void setUp() {
        files = new MigrationFiles(tmp.resolve("migrations"));
        new MigrationFiles(tmp.resolve("data")); // an empty data-migrations folder
        files.table("1");
        files.table("2");
        files.table("3");
    }

    private Run cli(String... args) {
        List<String> all = new ArrayList<>(List.of("--url=" + db.url(), "--locations=" + files.dir(),
                "--data-locations=" + tmp.resolve("data"), "--connect-retry=2s"));
        all.addAll(Arrays.asList(args));
        return raw(all.toArray(String[]::new));
    }

    /** Runs the CLI in this JVM, its output captured: also the runner of {@link LintCommandTest}. */
    static Run raw(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = PreflightCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void migrateStepStatusAndRollbackWorkAsTheirNamesSay() throws Exception {
        Run step = cli("migrate", "--step", "1");
        assertEquals(0, step.code(), step.err());
        assertTrue(step.out().contains("applied 1 create_t1"), step.out());
        assertEquals(List.of("1"), db.queryColumn("select version from preflight_schema_history"));

        assertEquals(0, cli("migrate").code());
        assertEquals("3", db.queryValue("select count(*) from preflight_schema_history"));

        Run status = cli("status");
        assertEquals(0, status.code());
        assertTrue(status.out().contains("Status") && status.out().contains("create_t3"), status.out());

        Run rollback = cli("rollback", "--to=1");
        assertEquals(0, rollback.code(), rollback.err());
        assertTrue(rollback.out().contains("reverted 3") && rollback.out().contains("reverted 2"), rollback.out());
        assertEquals(List.of("1"), db.queryColumn("select version from preflight_schema_history"));
        assertFalse(db.tableExists("t2"));
    }

    @Test
    void dataMigrationsRunOnlyThroughTheirOwnCommands() throws Exception {
        MigrationFiles data = new MigrationFiles(tmp.resolve("data"));
        data.dbmate("1", "seed", "insert into t1 values (1), (2);", "delete from t1;");
        assertEquals(0, cli("migrate").code());
        assertEquals("0", db.queryValue("select count(*) from t1"), "migrate never runs data migrations");

        Run migrateData = cli("migrate-data");
        assertEquals(0, migrateData.code(), migrateData.err());
        assertTrue(migrateData.out().contains("migrate-data main: 1 migration"), migrateData.out());
        assertEquals("2", db.queryValue("select count(*) from t1"));

        assertEquals(2, cli("rollback-data").code(), "rollback-data needs --step or --to");
        Run rollbackData = cli("rollback-data", "--step", "1");
        assertEquals(0, rollbackData.code(), rollbackData.err());
        assertEquals("0", db.queryValue("select count(*) from t1"));
        assertEquals("0", db.queryValue("select count(*) from preflight_schema_history where kind = 'data'"));
    }

    @Test
    void statusJsonIsForScripts() {
        cli("migrate", "--to", "2");
        Run json = cli("status", "--json");
        assertEquals(0, json.code());
        String text = json.out().strip();
        assertTrue(text.startsWith("{\"repo\":\"main\"") && text.endsWith("]}"), text);
        assertTrue(text.contains("\"currentVersion\":\"2\"") && text.contains("\"pending\":1"), text);
        assertTrue(text.contains("{\"status\":\"down\",\"id\":\"3\""), text);
    }

    @Test
    void aDeletedFileShowsAsFileNotFound() {
        cli("migrate");
        files.delete("3_create_t3.sql");
        Run status = cli("status");
        assertTrue(status.out().contains("** FILE NOT FOUND **"), status.out());
    }

    @Test
    void aBrokenMigrationExitsOneNamingTheFile() throws Exception {
        files.dbmate("4", "broken", "select * from no_such_table;", null);
        Run run = cli("migrate");
        assertEquals(1, run.code());
        assertTrue(run.err().startsWith("preflight: ") && run.err().contains("4_broken.sql:2"), run.err());
        assertFalse(run.err().contains("\tat "), "no stack trace without --verbose: " + run.err());
        assertEquals("3", db.queryValue("select count(*) from preflight_schema_history"));
    }

    @Test
    void validateExitsOneOnDriftAndZeroWhenClean() {
        cli("migrate");
        assertEquals(0, cli("validate").code());
        files.dbmate("2", "create_t2", "create table t2 (id bigint primary key);", "drop table t2;");
        Run drift = cli("validate");
        assertEquals(1, drift.code());
        assertTrue(drift.out().contains("2_create_t2.sql") && drift.out().contains("changed"), drift.out());
        Run repair = cli("repair");
        assertEquals(0, repair.code());
        assertTrue(repair.out().contains("accepted the changed file"), repair.out());
        assertEquals(0, cli("validate").code());
    }

    @Test
    void baselineMarksTheVersion() throws Exception {
        Run run = cli("baseline", "--version", "2");
        assertEquals(0, run.code(), run.err());
        assertEquals(0, cli("migrate").code());
        assertEquals(List.of("baseline:2", "schema:3"),
                db.queryColumn("select kind || ':' || version from preflight_schema_history order by installed_rank"));
    }

    @Test
    void usageErrorsExitTwo() {
        Run unknownCommand = cli("migrat");
        assertEquals(2, unknownCommand.code());
        assertTrue(unknownCommand.err().contains("unknown command 'migrat'"), unknownCommand.err());

        Run unknownOption = cli("--lock-wiat=1s", "status");
        assertEquals(2, unknownOption.code());
        assertTrue(unknownOption.err().contains("lock-wait"), "did you mean: " + unknownOption.err());

        Run noTarget = cli("rollback");
        assertEquals(2, noTarget.code());
        assertTrue(noTarget.err().contains("--step N or --to V"), noTarget.err());

        Run severalRepos = cli("--repos=main,audit", "--audit.url=" + db.url(), "rollback", "--step", "1");
        assertEquals(2, severalRepos.code());
        assertTrue(severalRepos.err().contains("needs --repo"), severalRepos.err());

        assertEquals(2, raw().code(), "no command");
        assertEquals(0, raw("help").code());
        assertTrue(raw("--version").out().startsWith("preflight "));
    }

    @Test
    void anUnreachableDatabaseExitsThreeAndThePasswordIsNeverPrinted() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String secret = "Sup3r-s3cret";
        Run run = raw("--url=jdbc:postgresql://127.0.0.1:" + port + "/x", "--user=app", "--password=" + secret,
                "--connect-retry=1s", "--locations=" + files.dir(), "status");
        assertEquals(3, run.code(), run.err());
        assertFalse(run.out().contains(secret) || run.err().contains(secret), run.err());
        Run help = raw("--password=" + secret, "help");
        assertFalse(help.out().contains(secret) || help.err().contains(secret));
    }

    @Test
    @Timeout(120)  // no retry loop: with connect-retry=10m a retried missing database would never end in time
    void aMissingDatabaseExitsTwoAtOnceNamingItAndCreateDatabaseCreatesIt() throws Exception {
        String name = db.name() + "_missing";
        String url = db.url().replace("/" + db.name(), "/" + name);
        String secret = "Sup3r-s3cret";
        Run missing = raw("--url=" + url, "--password=" + secret, "--user=postgres", "--connect-retry=10m",
                "--locations=" + files.dir(), "migrate");
        assertEquals(2, missing.code(), missing.err());
        assertTrue(missing.err().contains("Database \"" + name + "\" does not exist")
                && missing.err().contains("createdb " + name) && missing.err().contains("create-database=true"),
                missing.err());
        assertFalse(missing.err().contains(secret), missing.err());

        Run created = raw("--url=" + url, "--create-database=true", "--locations=" + files.dir(), "migrate");
        try {
            assertEquals(0, created.code(), created.err());
            assertTrue(created.out().contains("3 migrations"), created.out());
            Run again = raw("--url=" + url, "--create-database=true", "--locations=" + files.dir(), "status");
            assertEquals(0, again.code(), again.err());
            assertTrue(again.out().matches("(?s).*up +3 .*"), again.out());
        } finally {
            try (Connection c = DriverManager.getConnection(TestDatabase.SERVER_URL); Statement s = c.createStatement()) {
                s.execute("drop database if exists " + name + " with (force)");
            }
        }
    }

    @Test
    void aLockHeldLongerThanLockWaitExitsFour() throws Exception {
        files.dbmate("4", "slow", "select pg_sleep(3);", null);
        PreflightConfig config = PreflightConfig.fromProperties(Map.of("url", db.url(),
                "locations", files.dir().toString(), "data-locations", tmp.resolve("data").toString()));
        CompletableFuture<Integer> slow = CompletableFuture.supplyAsync(() -> {
            try (Preflight p = Preflight.open(config)) {
                return p.migrate().count();
            }
        });
        long deadline = System.currentTimeMillis() + 10_000;
        while (db.queryValue("select count(*) from pg_locks where locktype = 'advisory' and granted"
                + " and database = (select oid from pg_database where datname = current_database())").equals("0")) {
            assertTrue(System.currentTimeMillis() < deadline, "the slow run never took the lock");
            Thread.sleep(20);
        }
        Run waiting = cli("--lock-wait=300ms", "migrate");
        assertEquals(4, waiting.code(), waiting.err());
        assertTrue(waiting.err().contains("lock-wait"), waiting.err());
        assertEquals(4, slow.get());
    }

    @Test
    void lintExitsOneWithABlockPerHazardAndZeroWhenCleanOrAllowed() {
        assertEquals(0, cli("lint").code(), "three create tables are safe");
        files.dbmate("4", "email", "alter table t1 add column email text;\n"
                + "alter table t1 alter column email set not null;", null);
        Run hazard = cli("lint");
        assertEquals(1, hazard.code(), hazard.err());
        assertTrue(hazard.out().contains("set-not-null  " + files.dir().resolve("4_email.sql") + ":3"), hazard.out());
        assertTrue(hazard.out().contains("why:  SET NOT NULL scans") && hazard.out().contains("safe: ADD CONSTRAINT"),
                hazard.out());
        assertTrue(hazard.out().contains("lint main: 1 hazard(s)"), hazard.out());

        files.dbmate("4", "email", "alter table t1 add column email text;\n"
                + "alter table t1 alter column email set not null; -- preflight:allow set-not-null", null);
        Run allowed = cli("lint");
        assertEquals(0, allowed.code(), allowed.out());
        assertTrue(allowed.out().contains("lint main: ok"), allowed.out());
    }

    /** Runs the CLI with the tests' own tasks on the context class loader, as an application's jar would list them. */
    private Run cliWithAppTasks(String... args) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        try (java.net.URLClassLoader loader = new TestServices(tmp.resolve("cp"))
                .add(dev.preflight.Task.class, FillTask.class, CliTasks.Boom.class)
                .add(dev.preflight.JavaMigration.class, CliTasks.V1__FillT1.class).loader()) {
            thread.setContextClassLoader(loader);
            return cli(args);
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    @Test
    void tasksListsEveryTaskWithItsParameters() throws Exception {
        Run tasks = cliWithAppTasks("tasks");
        assertEquals(0, tasks.code(), tasks.err());
        assertTrue(tasks.out().startsWith("analyze  Runs ANALYZE on the tables touched by the last applied schema"
                + " migrations, or on the tables given\n    last (int, default 1): "), tasks.out());
        assertTrue(tasks.out().contains("\nboom     Fails\nfill     Creates and backfills table filled\n"
                + "    rows (int, required): how many rows\n    batch (int, default 100): rows per batch\n"),
                tasks.out());
    }

    @Test
    void taskRunsWithArgumentsAndPrintsOnlyItsSummary() throws Exception {
        assertEquals(0, cli("migrate").code());
        Run run = cli("task", "analyze", "tables=t1,t2");
        assertEquals(0, run.code(), run.err());
        // The task's lines go to the log (stderr), once; stdout holds the result alone.
        assertTrue(run.out().matches("task analyze \\(repo main\\): done in \\d+ ms\n"), run.out());
        assertEquals("2", db.queryValue("select count(*) from pg_stat_user_tables where last_analyze is not null"));

        Run json = cli("task", "analyze", "tables=t1", "--json");
        assertTrue(json.out().matches("\\{\"repo\":\"main\",\"task\":\"analyze\",\"arguments\":\\{\"tables\":\"t1\""
                + ",\"last\":\"1\"},\"millis\":\\d+}\n"), json.out());
    }

    @Test
    void aTaskWithABackfillPrintsItsSummaryOnStdout() throws Exception {
        Run run = cliWithAppTasks("task", "fill", "rows=1000");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().startsWith("task fill (repo main): done in "), run.out());
        assertEquals(1, run.out().lines().count(), run.out());
        assertEquals("1000", db.queryValue("select count(*) from filled"));
    }

    @Test
    void taskUsageErrorsExitTwoAndAFailingTaskExitsOne() throws Exception {
        Run badValue = cli("task", "analyze", "last=x");
        assertEquals(2, badValue.code());
        assertTrue(badValue.err().contains("task analyze: last must be a whole number (int), got `x`"), badValue.err());
        assertTrue(badValue.err().contains("  tables (string, optional): "), "lists every parameter: " + badValue.err());

        Run typo = cli("task", "analyse");
        assertEquals(2, typo.code());
        assertTrue(typo.err().contains("did you mean analyze?"), typo.err());

        Run noName = cli("task");
        assertEquals(2, noName.code());
        assertTrue(noName.err().contains("task needs a name"), noName.err());

        Run notAPair = cli("task", "analyze", "last");
        assertEquals(2, notAPair.code());
        assertTrue(notAPair.err().contains("name=value"), notAPair.err());

        Run severalRepos = cli("--repos=main,audit", "--audit.url=" + db.url(), "task", "analyze");
        assertEquals(0, severalRepos.code(), "a task runs on the default repo: " + severalRepos.err());
        assertTrue(severalRepos.out().startsWith("task analyze (repo main)"), severalRepos.out());
        assertEquals(0, cli("--repos=main,audit", "--audit.url=" + db.url(), "--repo", "audit", "task", "analyze")
                .code());

        Run missing = cliWithAppTasks("task", "fill");
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("missing parameter rows"), missing.err());

        Run failed = cliWithAppTasks("task", "boom");
        assertEquals(1, failed.code());
        assertTrue(failed.err().contains("preflight: task boom failed: the boom task always fails"), failed.err());
    }

    @Test
    void aJavaDataMigrationWithABackfillPrintsItsResult() throws Exception {
        assertEquals(0, cli("migrate").code());
        db.execute("insert into t1 select g from generate_series(1, 500) g", "analyze t1");
        Run run = cliWithAppTasks("migrate-data");
        assertEquals(0, run.code(), run.err());
        List<String> lines = run.out().lines().toList();
        assertTrue(lines.get(0).matches("  applied 1 FillT1 \\(\\d+ ms\\)"), run.out());
        assertTrue(lines.get(1).startsWith("migrate-data main: 1 migration in "), run.out());
        assertEquals(2, lines.size(), run.out());
    }
}
