package dev.preflight.it;

import dev.preflight.testing.ChildJvm;
import dev.preflight.testing.MigrationFiles;
import dev.preflight.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code kill -9} of the CLI in the middle of a non-transactional migration, then what every later command says:
 * the migration's session still running its statement, then (once the database ends it) interrupted at statement 2
 * of 3 with the statements applied, in {@code migrate} and {@code status}; and the two repairs.
 */
class InterruptedMigrationTest {

    @RegisterExtension
    final TestDatabase db = TestDatabase.perTest();
    @TempDir
    Path dir;
    MigrationFiles files;

    @BeforeEach
    void setUp() throws Exception {
        files = new MigrationFiles(dir.resolve("migrations"));
        new MigrationFiles(dir.resolve("data"));
        // Migration 2 sleeps as long as the gate says, so a run can be killed in the middle of it.
        files.dbmate("1", "gate", "create table gate (seconds int);\ninsert into gate values (0);", null);
        files.dbmate("2", "nt", "-- preflight:no-transaction\ncreate table nt1 (id int);\n"
                + "select pg_sleep(seconds) from gate;\ncreate table nt3 (id int);", null);
        assertEquals(0, cli("migrate", "--step", "1").exitCode());
        db.execute("update gate set seconds = 600");
    }

    private ChildJvm.Result cli(String... args) {
        return ChildJvm.cli(dir, args).env("PREFLIGHT_URL", db.url())
                .env("PREFLIGHT_LOCATIONS", files.dir().toString())
                .env("PREFLIGHT_DATA_LOCATIONS", dir.resolve("data").toString()).run();
    }

    /** Starts migrate, kills it (-9) while it runs statement 2 of migration 2; returns that statement's session. */
    private String killInTheMiddle() throws Exception {
        try (ChildJvm.Running run = ChildJvm.cli(dir, "migrate").env("PREFLIGHT_URL", db.url())
                .env("PREFLIGHT_LOCATIONS", files.dir().toString())
                .env("PREFLIGHT_DATA_LOCATIONS", dir.resolve("data").toString()).start()) {
            String pid = awaitSleeping();
            run.kill();
            assertFalse(run.isAlive());
            return pid;
        }
    }

    private String awaitSleeping() throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (true) {
            List<String> pids = db.queryColumn("select pid from pg_stat_activity where datname = current_database()"
                    + " and query like 'select pg_sleep(seconds)%' and state = 'active'");
            if (!pids.isEmpty()) {
                return pids.get(0);
            }
            assertTrue(System.nanoTime() < deadline, "migration 2 never reached its second statement");
            Thread.sleep(50);
        }
    }

    /** Ends the killed run's statement as a DBA would, and waits until its session is gone. */
    private void terminate(String pid) throws Exception {
        db.queryValue("select pg_terminate_backend(" + pid + ")");
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!db.queryValue("select count(*) from pg_stat_activity where pid = " + pid).equals("0")) {
            assertTrue(System.nanoTime() < deadline, "session " + pid + " did not end");
            Thread.sleep(50);
        }
    }

    private void assertNoStackTrace(ChildJvm.Result r) {
        assertFalse(r.stderr().contains("\tat ") || r.stderr().contains("Exception"), r::toString);
    }

    /** The killed run's state as every command sees it, up to the refusal that names the two repairs. */
    private void interrupted() throws Exception {
        String session = killInTheMiddle();
        assertEquals(List.of("t"), db.queryColumn("select to_regclass('nt1') is not null"), "statement 1 is applied");

        // Its statement still runs in the database: no one may run over it.
        ChildJvm.Result running = cli("migrate");
        assertEquals(1, running.exitCode(), running::toString);
        assertTrue(running.stderr().contains("is still running outside a transaction at statement 2 of 3")
                && running.stderr().contains("pg_cancel_backend(" + session + ")"), running::toString);
        assertNoStackTrace(running);
        assertTrue(cli("status").stdout().contains("running (statement 2 of 3)"));

        terminate(session);
        ChildJvm.Result status = cli("status");
        assertEquals(0, status.exitCode(), status::toString);
        assertTrue(status.stdout().contains("INTERRUPTED (statement 2 of 3)"), status::toString);

        ChildJvm.Result refused = cli("migrate");
        assertEquals(1, refused.exitCode(), refused::toString);
        String m = refused.stderr();
        assertTrue(m.contains("schema migration 2 nt (") && m.contains("was interrupted at statement 2 of 3 ("), m);
        assertTrue(m.contains("2_nt.sql:4)"), m);
        assertTrue(m.contains("applied: statement 1 (line 3: 'create table nt1 (id int)')"), m);
        assertTrue(m.contains("may or may not have taken effect: statement 2 (line 4: 'select pg_sleep(seconds) from"
                + " gate')"), m);
        assertTrue(m.contains("not run: statement 3 (line 5: 'create table nt3 (id int)')"), m);
        assertTrue(m.contains("`repair --mark-applied 2`") && m.contains("`repair --remove 2`"), m);
        assertNoStackTrace(refused);
        assertFalse(db.tableExists("nt3"));
    }

    @Test
    void aKilledMigrationFinishedByHandIsMarkedApplied() throws Exception {
        interrupted();
        db.execute("create table nt3 (id int)");
        ChildJvm.Result repair = cli("repair", "--mark-applied", "2");
        assertEquals(0, repair.exitCode(), repair::toString);
        assertTrue(repair.stdout().contains("recorded schema migration 2 nt as applied"), repair::toString);

        assertTrue(cli("status").stdout().lines().anyMatch(l -> l.startsWith("up") && l.contains(" 2 ")));
        ChildJvm.Result migrate = cli("migrate");
        assertEquals(0, migrate.exitCode(), migrate::toString);
        assertTrue(migrate.stdout().contains("nothing to do"), migrate::toString);
        assertEquals(List.of("t", "t"), db.queryColumn("select success from preflight_schema_history"
                + " order by installed_rank"));
    }

    @Test
    void aKilledMigrationUndoneByHandIsRemovedAndRunsAgain() throws Exception {
        interrupted();
        db.execute("drop table nt1", "update gate set seconds = 0");
        ChildJvm.Result repair = cli("repair", "--remove", "2");
        assertEquals(0, repair.exitCode(), repair::toString);
        assertTrue(repair.stdout().contains("removed the interrupted row of schema migration 2 nt"), repair::toString);
        assertTrue(cli("status").stdout().lines().anyMatch(l -> l.startsWith("down") && l.contains(" 2 ")));

        ChildJvm.Result migrate = cli("migrate");
        assertEquals(0, migrate.exitCode(), migrate::toString);
        assertTrue(db.tableExists("nt3"));
        assertEquals(List.of("t", "t"), db.queryColumn("select success from preflight_schema_history"
                + " order by installed_rank"));
    }
}
