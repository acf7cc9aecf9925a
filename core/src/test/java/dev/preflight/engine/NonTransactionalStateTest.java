package dev.preflight.engine;

import dev.preflight.ConfigException;
import dev.preflight.MigrationException;
import dev.preflight.MigrationStatus;
import dev.preflight.Preflight;
import dev.preflight.Target;
import dev.preflight.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A non-transactional migration's state in the history table: failed after some statements, failed before any,
 * interrupted (its session gone), running (its session still there), and the repairs that mend it. The kill of a
 * real process is in the integration tests ({@code InterruptedMigrationTest}); here the rows are made as a killed
 * run leaves them.
 */
class NonTransactionalStateTest {

    @RegisterExtension
    final TestDatabase db = TestDatabase.perTest();
    @TempDir
    Path tmp;
    EngineFixture fx;

    @BeforeEach
    void setUp() {
        fx = new EngineFixture(db, tmp);
    }

    private void threeStatements(String second) {
        fx.files.dbmate("1", "nt", "-- preflight:no-transaction\ncreate table nt1 (id int);\n" + second + "\n"
                + "create table nt3 (id int);", null);
    }

    private String row(String column) throws Exception {
        return db.queryValue("select " + column + " from preflight_schema_history where version = '1'");
    }

    @Test
    void aFailureAfterItsFirstStatementIsRecordedWithWhereItStopped() throws Exception {
        threeStatements("create table nt1 (id int);");
        try (Preflight p = fx.open()) {
            MigrationException e = assertThrows(MigrationException.class, p::migrate);
            String m = e.getMessage();
            assertTrue(m.contains("1_nt.sql:4: ERROR: relation \"nt1\" already exists"), m);
            assertTrue(m.contains("applied: statement 1 (line 3: 'create table nt1 (id int)')"), m);
            assertTrue(m.contains("failed: statement 2 (line 4"), m);
            assertTrue(m.contains("not run: statement 3 (line 5"), m);
            assertTrue(m.contains("Fix what made statement 2 fail. Then either complete the rest by hand"), m);
            assertTrue(m.contains("repair --mark-applied 1") && m.contains("repair --remove 1"), m);
            assertFalse(m.contains("statements before the failing one"), m);

            assertEquals("failed", row("state"));
            assertEquals("2", row("statement"));
            assertEquals("3", row("statements"));
            MigrationStatus status = p.status().migrations().get(0);
            assertEquals(MigrationStatus.State.FAILED, status.state());
            assertTrue(p.status().toTable().contains("FAILED (statement 2 of 3)"), p.status().toTable());

            MigrationException again = assertThrows(MigrationException.class, p::migrate);
            assertTrue(again.getMessage().contains("failed at statement 2 of 3 (") && again.getMessage()
                    .contains("1_nt.sql:4)"), again.getMessage());
            assertTrue(again.getMessage().contains("applied: statement 1 (line 3"), again.getMessage());

            // Completed by hand: statement 3 run, the migration recorded as applied.
            db.execute("create table nt3 (id int)");
            assertEquals(List.of("recorded schema migration 1 nt as applied"), p.repairMarkApplied("1"));
            assertEquals(MigrationStatus.State.UP, p.status().migrations().get(0).state());
            assertEquals(0, p.migrate().count());
        }
        assertEquals(List.of("schema:1:true"), fx.history());
        assertEquals("applied", row("state"));
    }

    @Test
    void aFirstStatementThatFailsLeavesNoRowAndTheNextRunTriesAgain() throws Exception {
        fx.files.dbmate("1", "index", "-- preflight:no-transaction\nset maintenance_work_mem = '64MB';\n"
                + "create index concurrently items_name on items (name);", null);
        try (Preflight p = fx.open()) {
            MigrationException e = assertThrows(MigrationException.class, p::migrate);
            assertTrue(e.getMessage().contains("1_index.sql:4: ERROR: relation \"items\" does not exist"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("nothing of it is applied and it is not recorded: the next run tries"
                    + " it again"), e.getMessage());
            assertEquals(List.of(), fx.history());
            assertEquals(MigrationStatus.State.DOWN, p.status().migrations().get(0).state());

            db.execute("create table items (name text)");
            assertEquals(1, p.migrate().count());
        }
        assertEquals(List.of("schema:1:true"), fx.history());
        assertEquals("t", db.queryValue("select indisvalid from pg_index where indexrelid = 'items_name'::regclass"));
    }

    /** The row a run leaves when its process dies at statement 2 while its session {@code backendPid} runs it. */
    private void runningRow(int backendPid, String backendStart) throws Exception {
        fx.files.dbmate("0", "first", "create table first (id int);", null);
        try (Preflight p = fx.open()) {
            p.migrate(Target.step(1));
        }
        db.execute("insert into preflight_schema_history (version, name, kind, checksum, success, state, statement,"
                + " statements, client, backend_pid, backend_start) values ('1', 'nt', 'schema', null, false,"
                + " 'running', 2, 3, 'pid 4242 on gone-host', " + backendPid + ", " + backendStart + ")",
                "create table nt1 (id int)");
    }

    @Test
    void aRunningRowWhoseSessionIsGoneIsReportedAsInterruptedAndRemovedByRepair() throws Exception {
        threeStatements("select 2;");
        runningRow(999_999, "now()");
        try (Preflight p = fx.open()) {
            MigrationStatus status = p.status().migrations().get(1);
            assertEquals(MigrationStatus.State.INTERRUPTED, status.state());
            assertTrue(p.status().toTable().contains("INTERRUPTED (statement 2 of 3)"), p.status().toTable());

            MigrationException e = assertThrows(MigrationException.class, p::migrate);
            String m = e.getMessage();
            assertTrue(m.contains("schema migration 1 nt (") && m.contains("was interrupted at statement 2 of 3 ("), m);
            assertTrue(m.contains("1_nt.sql:4)"), m);
            assertTrue(m.contains("by pid 4242 on gone-host"), m);
            assertTrue(m.contains("applied: statement 1 (line 3: 'create table nt1 (id int)')"), m);
            assertTrue(m.contains("may or may not have taken effect: statement 2 (line 4: 'select 2')"), m);
            assertTrue(m.contains("not run: statement 3 (line 5: 'create table nt3 (id int)')"), m);
            assertTrue(m.contains("Check whether statement 2 took effect. Then either"), m);
            assertTrue(m.contains("`repair --mark-applied 1`") && m.contains("`repair --remove 1`"), m);
            assertFalse(db.tableExists("nt3"), "nothing ran");
            assertFalse(p.validate().isValid());

            // Undone by hand, forgotten, run again from its first statement.
            db.execute("drop table nt1");
            assertEquals(1, p.repairRemove("1").size());
            assertEquals(1, p.migrate().count());
        }
        assertEquals(List.of("schema:0:true", "schema:1:true"), fx.history());
        assertTrue(db.tableExists("nt3"));
    }

    @Test
    void aRunningRowWhoseSessionStillRunsIsNeitherRunOverNorRepaired() throws Exception {
        threeStatements("select 2;");
        try (Connection session = db.connect(); Statement s = session.createStatement();
             ResultSet rs = s.executeQuery("select pid, backend_start from pg_stat_activity"
                     + " where pid = pg_backend_pid()")) {
            rs.next();
            runningRow(rs.getInt(1), "'" + rs.getString(2) + "'::timestamptz");
            try (Preflight p = fx.open()) {
                assertEquals(MigrationStatus.State.RUNNING, p.status().migrations().get(1).state());
                MigrationException e = assertThrows(MigrationException.class, p::migrate);
                assertTrue(e.getMessage().contains("is still running outside a transaction at statement 2 of 3")
                        && e.getMessage().contains("pg_cancel_backend(" + rs.getInt(1) + ")"), e.getMessage());
                MigrationException repair = assertThrows(MigrationException.class, () -> p.repairRemove("1"));
                assertTrue(repair.getMessage().contains("Nothing was repaired"), repair.getMessage());
                assertThrows(MigrationException.class, p::repair);
            }
        }
        // The session is gone now: the same row reads as interrupted.
        try (Preflight p = fx.open()) {
            assertEquals(MigrationStatus.State.INTERRUPTED, p.status().migrations().get(1).state());
        }
    }

    @Test
    void repairOfAVersionThatDidNotFailSaysSo() throws Exception {
        fx.files.table("1");
        try (Preflight p = fx.open()) {
            p.migrate();
            ConfigException e = assertThrows(ConfigException.class, () -> p.repairMarkApplied("1"));
            assertTrue(e.getMessage().contains("no failed or interrupted migration has version 1"), e.getMessage());
        }
    }

    @Test
    void aDownScriptThatFailsHalfWayIsRecordedAsRevertFailedAndCanBeMarkedApplied() throws Exception {
        fx.files.dbmate("1", "nt", "-- preflight:no-transaction\ncreate table a (id int);\ncreate table b (id int);",
                "drop table b;\ndrop table no_such;\ndrop table a;");
        try (Preflight p = fx.open()) {
            p.migrate();
            MigrationException e = assertThrows(MigrationException.class, () -> p.rollback(Target.step(1)));
            String m = e.getMessage();
            assertTrue(m.contains("reverting migration 1 nt") && m.contains("1_nt.sql:8: ERROR"), m);
            assertTrue(m.contains("of its down script's 3 statements,") && m.contains("applied: statement 1"), m);
            assertEquals("revert-failed", row("state"));
            assertEquals(MigrationStatus.State.FAILED, p.status().migrations().get(0).state());
            assertTrue(p.status().toTable().contains("FAILED (reverting, statement 2 of 3)"), p.status().toTable());

            // What the down script undid is redone: the migration is applied again.
            db.execute("create table b (id int)");
            p.repairMarkApplied("1");
            assertEquals(MigrationStatus.State.UP, p.status().migrations().get(0).state());
        }
    }

    @Test
    void aDownScriptWhoseFirstStatementFailsLeavesTheMigrationApplied() throws Exception {
        fx.files.dbmate("1", "nt", "-- preflight:no-transaction\ncreate table a (id int);", "drop table no_such;");
        try (Preflight p = fx.open()) {
            p.migrate();
            MigrationException e = assertThrows(MigrationException.class, () -> p.rollback(Target.step(1)));
            assertTrue(e.getMessage().contains("nothing of it took effect and the migration is still recorded as applied"),
                    e.getMessage());
            assertEquals(MigrationStatus.State.UP, p.status().migrations().get(0).state());
        }
        assertEquals("applied", row("state"));
    }
}
