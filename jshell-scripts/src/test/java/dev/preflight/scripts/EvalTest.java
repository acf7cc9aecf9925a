package dev.preflight.scripts;

import dev.preflight.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code bin/preflight eval} with no application running: every command through the assembled launcher, in a fresh
 * JVM, against one database shared by the class (jshell starts slowly), so the tests run in order and each builds on
 * the state the previous one left. The application's migrations are on its class path only
 * ({@code classpath:db/migrations} in its {@code preflight.properties}), so every test also proves that the class
 * path reaches the engine.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EvalTest {

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    @TempDir
    static Path dir;

    /** The application's class path: migrations and a task (see {@link TestApp}). */
    static String app;

    @BeforeAll
    static void application() {
        app = TestApp.write(dir.resolve("app"));
    }

    private static Launcher eval(String... args) {
        String[] full = new String[args.length + 2];
        full[0] = "eval";
        System.arraycopy(args, 0, full, 1, args.length);
        full[full.length - 1] = "--url=" + db.url();
        return Launcher.command(full).classpath(app);
    }

    @Test
    @Order(1)
    void statusPrintsTheTableWithEveryMigrationDown() {
        Launcher.Result r = eval("status").run();

        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains("Repo: main"), r::toString);
        assertTrue(r.stdout().matches("(?s).*\\ndown +1 +create_todo +schema.*"), r::toString);
        assertTrue(r.stdout().matches("(?s).*\\ndown +2 +create_tag +schema.*"), r::toString);
    }

    @Test
    @Order(2)
    void migrateStepOneAppliesOnlyTheFirst() throws SQLException {
        Launcher.Result r = eval("migrate", "--step", "1").run();

        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains("applied 1 create_todo"), r::toString);
        assertEquals(List.of("1"), db.queryColumn("select version from preflight_schema_history where success"));
        assertTrue(db.tableExists("todo"));
        assertFalse(db.tableExists("tag"));
    }

    @Test
    @Order(3)
    void statusJson() {
        Launcher.Result r = eval("status", "--json").run();

        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stdout().startsWith("{\"repo\":\"main\",\"currentVersion\":\"1\""), r::toString);
    }

    @Test
    @Order(4)
    void rollbackIsAlwaysExplicit() {
        Launcher.Result r = eval("rollback").run();

        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("preflight: rollback needs --step N or --to V"), r::toString);
    }

    @Test
    @Order(5)
    void rollbackStepOneRevertsTheNewest() throws SQLException {
        Launcher.Result r = eval("rollback", "--step", "1").run();

        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains("reverted 1 create_todo"), r::toString);
        assertFalse(db.tableExists("todo"));
        assertEquals(List.of(), db.queryColumn("select version from preflight_schema_history where success"));
    }

    @Test
    @Order(6)
    void migrateToAVersion() throws SQLException {
        Launcher.Result r = eval("migrate", "--to", "2").run();

        assertEquals(0, r.exitCode(), r::toString);
        assertEquals(List.of("1", "2"),
                db.queryColumn("select version from preflight_schema_history where success order by version"));
    }

    @Test
    @Order(7)
    void migrateDataUsesAtMostTwoConnections() throws Exception {
        Launcher.Running running = eval("migrate-data").start();
        int most = 0;
        int polls = 0;
        try (Connection server = DriverManager.getConnection(TestDatabase.SERVER_URL);
             PreparedStatement count = server.prepareStatement(
                     "select count(*) from pg_stat_activity where datname = ?")) {
            count.setString(1, db.name());
            while (running.isAlive()) {
                try (ResultSet rs = count.executeQuery()) {
                    rs.next();
                    most = Math.max(most, rs.getInt(1));
                }
                polls++;
                Thread.sleep(50);
            }
        }
        Launcher.Result r = running.await();

        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains("applied 1 seed_todos"), r::toString);
        assertEquals("seeded", db.queryValue("select title from todo"));
        assertTrue(most >= 1, "the eval was never seen connected in " + polls + " polls");
        assertTrue(most <= 2, "the eval held " + most + " connections at once");
    }

    @Test
    @Order(8)
    void anExpressionIsPrinted() {
        // The database as a system property this time: -D arguments of the launcher reach the JVM.
        Launcher.Result r = Launcher.command("-Dpreflight.url=" + db.url(), "eval", "-e",
                "preflight.status().currentVersion().orElse(\"none\") + \" of \" + preflight.repo()").classpath(app).run();

        assertEquals(0, r.exitCode(), r::toString);
        assertEquals("2 of main\n", r.stdout(), r::toString);
    }

    @Test
    @Order(9)
    void statementsRunAndAnErrorGivesTheCliExitCode() {
        Launcher.Result ok = eval("-e", "var s = preflight.status(); System.out.println(s.pendingDataCount());").run();
        Launcher.Result failed = eval("-e", "preflight.rollback(Target.to(\"no-such-version\"))").run();

        assertEquals(0, ok.exitCode(), ok::toString);
        assertEquals("0\n", ok.stdout(), ok::toString);
        assertTrue(failed.exitCode() == 1 || failed.exitCode() == 2, failed::toString);
        assertTrue(failed.stderr().contains("preflight: "), failed::toString);
    }

    @Test
    @Order(9)
    void codeThatDoesNotCompileReportsTheCompilerErrorOnceAndExits2() {
        Launcher.Result r = eval("-e", "preflight.stauts()").run();

        assertEquals(2, r.exitCode(), r::toString);
        String all = r.stdout() + r.stderr();
        assertEquals(1, all.split("cannot find symbol", -1).length - 1, r::toString);
        assertTrue(all.contains("stauts()"), r::toString);
    }

    @Test
    @Order(10)
    void aUserScriptHasPreflightAndItsArgumentsInScope() throws IOException {
        Path script = dir.resolve("report.jsh");
        Files.writeString(script, """
                System.out.println("pending " + preflight.status().pendingCount() + " repo " + eval.repo() + " " + eval.words());
                /exit eval.flag("json") ? 5 : 6
                """);
        Path quiet = dir.resolve("quiet.jsh");
        Files.writeString(quiet, "System.out.println(\"no /exit here\");\n");

        // The database from the environment this time, as the CLI reads it.
        Launcher.Result r = Launcher.command("eval", script.toString(), "hello", "--json").classpath(app)
                .env("PREFLIGHT_URL", db.url()).in(dir).run();
        // Without /exit: 0, unless the arguments were wrong (then the CLI's message and exit code).
        Launcher.Result wrongKey = Launcher.command("eval", quiet.toString(), "--no-such-key=1").classpath(app)
                .env("PREFLIGHT_URL", db.url()).run();

        assertEquals(5, r.exitCode(), r::toString);
        assertEquals("pending 0 repo main [hello]\n", r.stdout(), r::toString);
        assertEquals(2, wrongKey.exitCode(), wrongKey::toString);
        assertEquals("no /exit here\n", wrongKey.stdout(), wrongKey::toString);
        assertTrue(wrongKey.stderr().contains("preflight: ") && wrongKey.stderr().contains("no-such-key"),
                wrongKey::toString);
    }

    @Test
    @Order(11)
    void badInputPrintsUsageAndExits2() {
        Launcher.Result unknownCommand = Launcher.command("eval", "frobnicate").run();
        Launcher.Result nothing = Launcher.command().run();
        Launcher.Result unknownKey = eval("status", "--no-such-key=1").run();

        Launcher.Result typo = Launcher.command("eval", "stauts").run();

        assertEquals(2, unknownCommand.exitCode(), unknownCommand::toString);
        assertTrue(unknownCommand.stderr().contains("unknown command 'frobnicate'"), unknownCommand::toString);
        assertTrue(unknownCommand.stderr().contains("bin/preflight eval help"), unknownCommand::toString);
        assertEquals(2, typo.exitCode(), typo::toString);
        assertTrue(typo.stderr().contains("did you mean status?"), typo::toString);
        assertEquals(2, nothing.exitCode(), nothing::toString);
        assertTrue(nothing.stderr().contains("Usage:"), nothing::toString);
        assertEquals(2, unknownKey.exitCode(), unknownKey::toString);
        assertTrue(unknownKey.stderr().contains("no-such-key"), unknownKey::toString);
    }

    @Test
    @Order(12)
    void databaseDownExits3() {
        Launcher.Result r = Launcher.command("eval", "status", "--url=jdbc:postgresql://127.0.0.1:1/nowhere",
                "--connect-retry=1s").classpath(app).run();

        assertEquals(3, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("did not answer"), r::toString);
    }

    @Test
    @Order(13)
    void worksThroughASymlinkFromAnyFolderAndNamesAMissingJar() throws IOException {
        Path link = dir.resolve("links/preflight");
        Files.createDirectories(link.getParent());
        Files.createSymbolicLink(link, Launcher.DIST.resolve("bin/preflight"));

        Launcher.Result help = Launcher.command("help").launcher(link).in(dir).run();
        Launcher.Result missing = Launcher.command("eval", "status").env("PREFLIGHT_JAR", "/no/such.jar").run();

        assertEquals(0, help.exitCode(), help::toString);
        assertTrue(help.stdout().contains("eval <command>"), help::toString);
        assertEquals(2, missing.exitCode(), missing::toString);
        assertTrue(missing.stderr().contains("PREFLIGHT_JAR=/no/such.jar is not a file"), missing::toString);
    }
}
