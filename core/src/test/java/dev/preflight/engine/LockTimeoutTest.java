package dev.preflight.engine;

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
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** lock_timeout with retries on SQLSTATE 55P03, against another session holding a lock on the table. */
class LockTimeoutTest {

    @RegisterExtension
    final TestDatabase db = TestDatabase.perTest();
    @TempDir
    Path tmp;
    EngineFixture fx;
    Connection holder;

    @BeforeEach
    void setUp() throws Exception {
        fx = new EngineFixture(db, tmp);
        fx.files.dbmate("1", "t", "create table t (id int);", null);
        try (Preflight p = fx.open()) {
            p.migrate();
        }
        fx.files.dbmate("2", "add_c", "alter table t add column c int;", null);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (holder != null) {
            holder.close();
        }
    }

    /** Another session takes an ACCESS EXCLUSIVE lock on t and keeps it for {@code millis}; returns its pid. */
    private int holdLock(long millis) throws Exception {
        holder = db.connect();
        int pid;
        try (Statement s = holder.createStatement(); ResultSet rs = s.executeQuery("select pg_backend_pid()")) {
            rs.next();
            pid = rs.getInt(1);
        }
        holder.setAutoCommit(false);
        try (Statement s = holder.createStatement()) {
            s.execute("lock table t in access exclusive mode");
        }
        if (millis > 0) {
            CompletableFuture.runAsync(() -> {
                try {
                    holder.rollback();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, CompletableFuture.delayedExecutor(millis, TimeUnit.MILLISECONDS));
        }
        return pid;
    }

    @Test
    void aMigrationBlockedByALockIsRetriedAndSucceedsOnceTheLockGoes() throws Exception {
        holdLock(1_000);
        long start = System.nanoTime();
        try (Preflight p = fx.open("lock-timeout", "200ms")) {
            assertEquals(1, p.migrate().count());
        }
        assertTrue(System.nanoTime() - start >= 900_000_000L, "it must have waited for the holder");
        assertEquals(List.of("schema:1:true", "schema:2:true"), fx.history());
        assertEquals("1", db.queryValue("select count(*) from information_schema.columns where table_name = 't'"
                + " and column_name = 'c'"));
    }

    @Test
    void withoutRetriesTheMigrationFailsNaming55P03AndTheBlocker() throws Exception {
        int blocker = holdLock(0);
        try (Preflight p = fx.open("lock-timeout", "300ms", "lock-retries", "0")) {
            MigrationException e = assertThrows(MigrationException.class, p::migrate);
            assertTrue(e.getMessage().contains("55P03"), e.getMessage());
            assertTrue(e.getMessage().contains("2_add_c.sql:2"), e.getMessage());
            assertTrue(e.getMessage().contains("blocked by pid " + blocker), e.getMessage());
            assertTrue(e.getMessage().contains("lock-timeout=300ms"), e.getMessage());
        }
        holder.rollback();
        assertEquals(List.of("schema:1:true"), fx.history());
    }

    @Test
    void aNonTransactionalMigrationWhoseFirstStatementTimesOutIsRetried() throws Exception {
        fx.files.dbmate("2", "add_c", "-- preflight:no-transaction\nalter table t add column c int;", null);
        holdLock(800);
        try (Preflight p = fx.open("lock-timeout", "200ms")) {
            assertEquals(1, p.migrate().count());
        }
        assertEquals(List.of("schema:1:true", "schema:2:true"), fx.history());
        // The session setting is reset before the connection goes back to the pool.
        assertEquals("0", db.queryValue("select count(*) from pg_stat_activity where datname = current_database()"
                + " and query ilike 'set lock_timeout%' and state = 'idle'"));
    }

    @Test
    void aNonTransactionalMigrationThatTimesOutAfterItsFirstStatementIsNotRetried() throws Exception {
        fx.files.dbmate("2", "add_c", "-- preflight:no-transaction\ncreate table u (id int);\n"
                + "alter table t add column c int;", null);
        holdLock(0);
        try (Preflight p = fx.open("lock-timeout", "200ms", "lock-retries", "3")) {
            MigrationException e = assertThrows(MigrationException.class, p::migrate);
            assertTrue(e.getMessage().contains("2_add_c.sql:4") && e.getMessage().contains("recorded as failed"),
                    e.getMessage());
            assertFalse(e.getMessage().contains("also in"), "no retry: " + e.getMessage());
        }
        holder.rollback();
        assertEquals(List.of("schema:1:true", "schema:2:false"), fx.history());
    }
}
