package dev.preflight.task;

import dev.preflight.ConfigException;
import dev.preflight.MigrationException;
import dev.preflight.Preflight;
import dev.preflight.PreflightConfig;
import dev.preflight.Task;
import dev.preflight.TaskArguments;
import dev.preflight.testing.MigrationFiles;
import dev.preflight.testing.ProgressRecorder;
import dev.preflight.testing.TestDatabase;
import dev.preflight.testing.TestServices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tasks on a real PostgreSQL: listing, running, every kind of wrong argument, failures, and the analyze task. */
class TaskTest {

    @RegisterExtension
    final TestDatabase db = TestDatabase.perTest();
    @TempDir
    Path tmp;

    /** The progress/log lines a listener saw, as users see them. */
    final ProgressRecorder listener = new ProgressRecorder();
    final List<String> lines = listener.lines();

    /** A class loader with the tests' own {@code META-INF/services/dev.preflight.Task}. */
    ClassLoader loader() {
        return new TestServices(tmp.resolve("cp"))
                .add(Task.class, TestTasks.Echo.class, TestTasks.Fail.class, TestTasks.Pool.class).loader();
    }

    Preflight open(MigrationFiles files) throws IOException {
        Map<String, String> settings = new HashMap<>();
        settings.put("url", db.url());
        settings.put("locations", files.dir().toString());
        settings.put("connect-retry", "2s");
        return Preflight.open(PreflightConfig.fromProperties(settings).defaultRepo(), loader(), listener);
    }

    @Test
    void listsBuiltInAndServiceLoaderTasksSortedByName() throws Exception {
        try (Preflight p = open(new MigrationFiles(tmp.resolve("m")))) {
            assertEquals(List.of("analyze", "echo", "fail", "pool"), p.tasks().stream().map(Task::name).toList());
            Task analyze = p.task("analyze");
            assertEquals(List.of("last (int, default 1): how many of the last applied schema migrations to read the"
                            + " tables of", "tables (string, optional): comma-separated tables to analyze instead, e.g."
                            + " todo,public.audit"),
                    analyze.parameters().stream().map(dev.preflight.TaskParameter::usage).toList());
        }
        try (Preflight plain = Preflight.open(PreflightConfig.fromProperties(Map.of("url", db.url())))) {
            assertTrue(plain.tasks().stream().anyMatch(t -> t.name().equals("analyze")), "built-ins need no loader");
        }
    }

    @Test
    void runsATaskFromTheServicesFileWithTypedArgumentsAndReportsItsLines() throws Exception {
        try (Preflight p = open(new MigrationFiles(tmp.resolve("m")))) {
            String summary = p.runTask("echo", TaskArguments.pairs("when=2024-02-28,mode=SLOW,loud=yes"));
            assertTrue(summary.startsWith("task echo (repo main): done in "), summary);
        }
        assertEquals(List.of("count=20", "loud=false", "mode=slow", "repo=main", "when=2024-02-29"),
                db.queryColumn("select k || '=' || v from echo order by k"));
        assertTrue(lines.contains("main task echo: rows written: 1 of 5 (20%)"), lines.toString());
        assertTrue(lines.contains("main task echo: echo ok"), lines.toString());
    }

    @Test
    void wrongArgumentsFailBeforeTheTaskRunsNamingTheParameterAndListingAll() throws Exception {
        try (Preflight p = open(new MigrationFiles(tmp.resolve("m")))) {
            ConfigException missing = assertThrows(ConfigException.class, () -> p.runTask("echo", Map.of()));
            assertTrue(missing.getMessage().startsWith("task echo: missing parameter when"), missing.getMessage());
            for (String usage : List.of("when (date yyyy-MM-dd, required): a day", "count (int, default 2): a number",
                    "mode (one of fast|slow, default fast): a choice", "loud (boolean, default false): a flag")) {
                assertTrue(missing.getMessage().contains(usage), missing.getMessage());
            }
            ConfigException badDate = assertThrows(ConfigException.class,
                    () -> p.runTask("echo", Map.of("when", "2024-13-01")));
            assertTrue(badDate.getMessage().contains("when must be a date yyyy-MM-dd"), badDate.getMessage());
            ConfigException badInt = assertThrows(ConfigException.class,
                    () -> p.runTask("echo", Map.of("when", "2024-01-01", "count", "two")));
            assertTrue(badInt.getMessage().contains("count must be a whole number (int), got `two`"), badInt.getMessage());
            ConfigException badEnum = assertThrows(ConfigException.class,
                    () -> p.runTask("echo", Map.of("when", "2024-01-01", "mode", "medium")));
            assertTrue(badEnum.getMessage().contains("mode must be one of fast, slow"), badEnum.getMessage());
            ConfigException unknown = assertThrows(ConfigException.class,
                    () -> p.runTask("echo", Map.of("when", "2024-01-01", "cuont", "3")));
            assertTrue(unknown.getMessage().contains("unknown parameter `cuont` (did you mean count?)"),
                    unknown.getMessage());
            assertThrows(ConfigException.class, () -> p.checkTask("echo", Map.of()));
            assertEquals("2024-01-01", p.checkTask("echo", Map.of("when", "2024-01-01")).string("when"));
        }
        assertTrue(!db.tableExists("echo"), "nothing ran");
    }

    @Test
    void anUnknownTaskSuggestsTheClosestAndListsTheKnownOnes() throws Exception {
        try (Preflight p = open(new MigrationFiles(tmp.resolve("m")))) {
            ConfigException e = assertThrows(ConfigException.class, () -> p.runTask("analyse", Map.of()));
            assertTrue(e.getMessage().contains("unknown task `analyse`; did you mean analyze?"), e.getMessage());
            assertTrue(e.getMessage().contains("Known tasks: analyze, echo, fail, pool"), e.getMessage());
            e = assertThrows(ConfigException.class, () -> p.task("something-else"));
            assertTrue(!e.getMessage().contains("did you mean"), e.getMessage());
        }
    }

    @Test
    void aFailingTaskIsAMigrationExceptionWithItsCause() throws Exception {
        try (Preflight p = open(new MigrationFiles(tmp.resolve("m")))) {
            MigrationException e = assertThrows(MigrationException.class, () -> p.runTask("fail", Map.of()));
            assertTrue(e.getMessage().startsWith("task fail failed: ERROR: division by zero"), e.getMessage());
            assertTrue(e.getMessage().contains("SQLSTATE 22012"), e.getMessage());
            assertInstanceOf(SQLException.class, e.getCause());
            // The pool is fine afterwards.
            p.runTask("echo", Map.of("when", "2024-01-01"));
        }
    }

    @Test
    void theTasksDataSourceIsThePoolOfAtMostTwoConnections() throws Exception {
        try (Preflight p = open(new MigrationFiles(tmp.resolve("m")))) {
            p.runTask("pool", Map.of());
        }
        assertEquals("4", db.queryValue("select count(*) from pool_pids"));
        int pids = Integer.parseInt(db.queryValue("select count(distinct pid) from pool_pids"));
        assertTrue(pids >= 1 && pids <= 2, "server sessions used: " + pids);
        assertEquals("0", db.queryValue("select count(*) from pool_pids where seen > 2"));
    }

    @Test
    void analyzeRunsOnTheExistingTablesOfTheLastMigrationsOnly() throws Exception {
        MigrationFiles files = new MigrationFiles(tmp.resolve("m"));
        files.dbmate("1", "old", "create table old_table (id int primary key);", null);
        files.dbmate("2", "todo", "create table todo (id int primary key, title text);\n"
                + "create table scratch (id int);\n"
                + "insert into todo select g, 't' || g from generate_series(1, 100) g;", null);
        files.dbmate("3", "more", "alter table todo add column done boolean;\n"
                + "create index todo_done on todo (done);\ninsert into scratch values (1);\ndrop table scratch;", null);
        try (Preflight p = open(files)) {
            p.migrate();
            p.runTask("analyze", Map.of());
            assertNotNull(lastAnalyze("todo"), "the last migration touched todo");
            assertNull(lastAnalyze("old_table"));
            assertTrue(lines.stream().anyMatch(l -> l.equals("main task analyze: table scratch does not exist any more,"
                    + " skipped")), lines.toString());
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("main task analyze: analyzed todo (")), lines.toString());

            p.runTask("analyze", Map.of("last", "3"));
            assertNotNull(lastAnalyze("old_table"), "last=3 reaches migration 1");

            db.execute("create table other (id int)");
            p.runTask("analyze", TaskArguments.pairs("tables=other,public.todo"));
            assertNotNull(lastAnalyze("other"));

            ConfigException e = assertThrows(ConfigException.class,
                    () -> p.runTask("analyze", Map.of("tables", "nosuch,other")));
            assertTrue(e.getMessage().contains("task analyze: no such table: nosuch"), e.getMessage());
            e = assertThrows(ConfigException.class, () -> p.runTask("analyze", Map.of("last", "0")));
            assertTrue(e.getMessage().contains("last must be at least 1"), e.getMessage());
        }
    }

    @Test
    void analyzeOnAnEmptyDatabaseSaysSo() throws Exception {
        try (Preflight p = open(new MigrationFiles(tmp.resolve("m")))) {
            p.runTask("analyze", Map.of());
        }
        assertTrue(lines.contains("main task analyze: no schema migration is applied yet"), lines.toString());
    }

    private String lastAnalyze(String table) throws SQLException {
        return db.queryValue("select last_analyze from pg_stat_user_tables where relname = '" + table + "'");
    }
}
