package dev.preflight.engine;

import dev.preflight.MigrateResult;
import dev.preflight.MigrationException;
import dev.preflight.Preflight;
import dev.preflight.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How long {@code CREATE INDEX CONCURRENTLY} may wait for older transactions: not cut by {@code lock-timeout} (it
 * blocks no query while it waits), bounded by {@code statement-timeout} or the script's own {@code lock_timeout};
 * when it is cut before it changed anything, nothing is recorded and a plain restart builds the index.
 */
class ConcurrentIndexWaitTest {

    @RegisterExtension
    final TestDatabase db = TestDatabase.perTest();
    @TempDir
    Path tmp;
    EngineFixture fx;
    Connection writer;

    @BeforeEach
    void setUp() throws Exception {
        fx = new EngineFixture(db, tmp);
        fx.files.dbmate("1", "items", "create table items (id int);", null);
        try (Preflight p = fx.open()) {
            p.migrate();
        }
        // An open transaction that wrote to the table: a concurrent build waits for it to end.
        writer = db.connect();
        writer.setAutoCommit(false);
        try (Statement s = writer.createStatement()) {
            s.execute("insert into items values (1)");
        }
    }

    @AfterEach
    void tearDown() throws Exception {
        writer.close();
    }

    private void index(String head) {
        fx.files.dbmate("2", "items_id", "-- preflight:no-transaction\n" + head
                + "create index concurrently items_id on items (id);", null);
    }

    /** Seconds the concurrent build has been waiting for a lock, as the server sees it; 0 while it does not wait. */
    private double waitingSeconds() throws Exception {
        List<String> rows = db.queryColumn("select extract(epoch from now() - query_start) from pg_stat_activity"
                + " where datname = current_database() and query ilike 'create index concurrently%'"
                + " and wait_event_type = 'Lock'");
        return rows.isEmpty() ? 0 : Double.parseDouble(rows.get(0));
    }

    @Test
    void aConcurrentBuildWaitsForAnOlderTransactionLongerThanLockTimeout() throws Exception {
        index("");
        try (Preflight p = fx.open("lock-timeout", "100ms", "lock-retries", "0")) {
            CompletableFuture<MigrateResult> run = CompletableFuture.supplyAsync(p::migrate);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            // Ten lock-timeouts, measured by the server on the waiting statement itself.
            while (waitingSeconds() < 1.0) {
                assertFalse(run.isDone(), () -> "the build ended while waiting: " + run.join());
                assertTrue(System.nanoTime() < deadline, "the build never waited for the open transaction");
                Thread.sleep(50);
            }
            assertFalse(run.isDone());
            writer.commit();
            assertEquals(1, run.get(60, TimeUnit.SECONDS).count());
        }
        assertEquals("t", db.queryValue("select indisvalid from pg_index where indexrelid = 'items_id'::regclass"));
        assertEquals(List.of("schema:1:true", "schema:2:true"), fx.history());
    }

    @Test
    void statementTimeoutBoundsTheWaitAndAPlainRestartBuildsTheIndex() throws Exception {
        index("");
        try (Preflight p = fx.open("statement-timeout", "1s")) {
            MigrationException e = assertThrows(MigrationException.class, p::migrate);
            assertTrue(e.getMessage().contains("2_items_id.sql:3: ERROR: canceling statement due to statement timeout"
                    + " (SQLSTATE 57014)"), e.getMessage());
            assertTrue(e.getMessage().contains("its first statement failed, so nothing of it is applied and it is not"
                    + " recorded"), e.getMessage());
        }
        assertEquals(List.of("schema:1:true"), fx.history());
        assertEquals("f", db.queryValue("select indisvalid from pg_index where indexrelid = 'items_id'::regclass"),
                "the cancelled build left its INVALID index");
        writer.commit();
        try (Preflight p = fx.open("statement-timeout", "1s")) {
            assertEquals(1, p.migrate().count());
        }
        assertEquals("t", db.queryValue("select indisvalid from pg_index where indexrelid = 'items_id'::regclass"));
        assertEquals(List.of("schema:1:true", "schema:2:true"), fx.history());
    }

    @Test
    void aFirstStatementLockTimeoutOfAConcurrentBuildLeavesNoRowAndAPlainRestartSucceeds() throws Exception {
        // The script bounds the wait itself; Preflight leaves its lock_timeout as it is.
        index("set lock_timeout = '300ms';\n");
        try (Preflight p = fx.open("lock-retries", "0")) {
            MigrationException e = assertThrows(MigrationException.class, p::migrate);
            assertTrue(e.getMessage().contains("2_items_id.sql:4: ERROR: canceling statement due to lock timeout"
                    + " (SQLSTATE 55P03)"), e.getMessage());
            assertTrue(e.getMessage().contains("the first statement that changes the database failed, so nothing of"
                    + " it is applied and it is not recorded: the next run tries it again"), e.getMessage());
        }
        assertEquals(List.of("schema:1:true"), fx.history());
        writer.commit();
        try (Preflight p = fx.open()) {
            assertEquals(1, p.migrate().count());
        }
        assertEquals("t", db.queryValue("select indisvalid from pg_index where indexrelid = 'items_id'::regclass"));
        assertEquals(List.of("schema:1:true", "schema:2:true"), fx.history());
    }
}
