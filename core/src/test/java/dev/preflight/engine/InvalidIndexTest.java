package dev.preflight.engine;

import dev.preflight.MigrationException;
import dev.preflight.Preflight;
import dev.preflight.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An INVALID index left by a failed CREATE INDEX CONCURRENTLY is dropped and built again on the next run. */
class InvalidIndexTest {

    @RegisterExtension
    final TestDatabase db = TestDatabase.perTest();
    @TempDir
    Path tmp;
    EngineFixture fx;

    @BeforeEach
    void setUp() throws Exception {
        fx = new EngineFixture(db, tmp);
        fx.files.dbmate("1", "users", "create schema app;\ncreate table app.users (id int, email text);\n"
                + "insert into app.users values (1, 'a@x'), (2, 'a@x');", null);
    }

    private String validity() throws Exception {
        return db.queryValue("select coalesce(string_agg(indisvalid::text, ','), 'none') from pg_index"
                + " where indexrelid = to_regclass('app.users_email')");
    }

    private void indexMigration(String create) {
        fx.files.dbmate("2", "users_email", "-- preflight:no-transaction\n" + create, null);
    }

    @Test
    void aFailedConcurrentBuildIsCleanedUpAndRebuiltAfterRepair() throws Exception {
        indexMigration("create unique index concurrently users_email on app.users (email);");
        try (Preflight p = fx.open()) {
            MigrationException e = assertThrows(MigrationException.class, p::migrate);
            assertTrue(e.getMessage().contains("23505"), e.getMessage());
        }
        assertEquals("false", validity(), "the failed build leaves an INVALID index");

        db.execute("delete from app.users where id = 2");
        try (Preflight p = fx.open()) {
            p.repair();
            assertEquals(1, p.migrate().count());
        }
        assertEquals("true", validity());
        assertEquals(List.of("schema:1:true", "schema:2:true"), fx.history());
    }

    @Test
    void ifNotExistsDoesNotKeepTheInvalidIndex() throws Exception {
        indexMigration("CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS users_email ON ONLY app.users (email);");
        try (Preflight p = fx.open()) {
            assertThrows(MigrationException.class, p::migrate);
        }
        assertEquals("false", validity());
        db.execute("delete from app.users where id = 2");
        try (Preflight p = fx.open()) {
            p.repair();
            p.migrate();
        }
        assertEquals("true", validity(), "IF NOT EXISTS alone would have kept the INVALID index");
    }

    @Test
    void aValidIndexOfThatNameIsNeverDropped() throws Exception {
        db.execute("create schema app", "create table app.users (id int, email text)",
                "create unique index users_email on app.users (email)");
        fx.files.delete("1_users.sql");
        indexMigration("create unique index concurrently if not exists users_email on app.users (email);");
        String oid = db.queryValue("select 'app.users_email'::regclass::oid");
        try (Preflight p = fx.open()) {
            p.migrate();
        }
        assertEquals(oid, db.queryValue("select 'app.users_email'::regclass::oid"));
    }

    @Test
    void aConcurrentBuildSucceedsWhileTheApplicationKeepsWriting() throws Exception {
        fx.files.delete("1_users.sql");
        db.execute("create schema app", "create table app.users (id int, email text)");
        indexMigration("create unique index concurrently users_email on app.users (email);");
        AtomicBoolean stop = new AtomicBoolean();
        CompletableFuture<Integer> writer = CompletableFuture.supplyAsync(() -> {
            int n = 0;
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                while (!stop.get() || n < 200) {
                    s.execute("insert into app.users values (" + n + ", 'user" + n + "@x')");
                    n++;
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            return n;
        });
        try (Preflight p = fx.open()) {
            assertEquals(1, p.migrate().count());
        } finally {
            stop.set(true);
        }
        int written = writer.get();
        assertEquals("true", validity());
        assertEquals(String.valueOf(written), db.queryValue("select count(*) from app.users"));
    }

    @Test
    void aConcurrentBuildThatTimesOutIsCleanedUpAndRetried() throws Exception {
        try (Preflight p = fx.open()) {
            p.migrate();
        }
        db.execute("delete from app.users where id = 2");
        indexMigration("create unique index concurrently users_email on app.users (email);");
        // An open writing transaction: the build registers its (INVALID) index, then waits for this
        // transaction, hits lock_timeout and leaves the INVALID index behind.
        try (Connection writer = db.connect()) {
            writer.setAutoCommit(false);
            try (Statement s = writer.createStatement()) {
                s.execute("insert into app.users values (3, 'b@x')");
            }
            CompletableFuture.runAsync(() -> {
                try {
                    writer.commit();
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }, CompletableFuture.delayedExecutor(1_200, TimeUnit.MILLISECONDS));
            try (Preflight p = fx.open("lock-timeout", "200ms", "lock-retries", "8")) {
                assertEquals(1, p.migrate().count());
            }
        }
        assertEquals("true", validity());
        assertEquals("1", db.queryValue("select count(*) from pg_class where relname = 'users_email'"));
    }
}
