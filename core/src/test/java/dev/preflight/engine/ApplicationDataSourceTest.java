package dev.preflight.engine;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.preflight.MigrateResult;
import dev.preflight.MigrationListener;
import dev.preflight.Preflight;
import dev.preflight.PreflightConfig;
import dev.preflight.PreflightException;
import dev.preflight.RepoConfig;
import dev.preflight.testing.MigrationFiles;
import dev.preflight.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Preflight.open(DataSource, ...): the application's own pool, with the lock still on a connection of its own. */
class ApplicationDataSourceTest {

    @RegisterExtension
    final TestDatabase db = TestDatabase.perTest();
    @TempDir
    Path tmp;

    @Test
    void migratesThroughTheApplicationsPoolAndLeavesItOpen() throws Exception {
        MigrationFiles files = new MigrationFiles(tmp.resolve("migrations"));
        files.table("1");
        // Recorded while the migration runs: the advisory locks held by sessions other than the migration's own.
        files.dbmate("2", "seen_locks", "create table seen as select count(*) as locks from pg_locks"
                + " where locktype = 'advisory' and granted and pid <> pg_backend_pid()"
                + " and database = (select oid from pg_database where datname = current_database());", null);
        try (HikariDataSource pool = pool(4, true)) {
            try (Preflight preflight = Preflight.open(pool, repo(files))) {
                assertEquals(2, preflight.migrate().count());
                assertEquals(0, preflight.status().pendingCount());
            }
            assertFalse(pool.isClosed(), "the application's pool is the application's to close");
            try (Connection c = pool.getConnection()) {
                assertTrue(c.isValid(1));
            }
        }
        assertEquals("1", db.queryValue("select locks from seen"), "the lock was held on another connection");
        assertEquals(List.of("1", "2"), db.queryColumn("select version from preflight_schema_history order by 1"));
    }

    @Test
    void aPoolWithAutoCommitOffStillCommitsEachMigration() throws Exception {
        MigrationFiles files = new MigrationFiles(tmp.resolve("migrations"));
        files.table("1");
        files.table("2");
        try (HikariDataSource pool = pool(2, false); Preflight preflight = Preflight.open(pool, repo(files))) {
            preflight.migrate();
        }
        assertEquals("2", db.queryValue("select count(*) from preflight_schema_history where success"));
        assertEquals("t1", db.queryValue("select to_regclass('t1')::text"));
    }

    @Test
    void theLockWaitIsReportedToTheListener() throws Exception {
        MigrationFiles files = new MigrationFiles(tmp.resolve("migrations"));
        files.table("1");
        List<String> events = new CopyOnWriteArrayList<>();
        MigrationListener listener = new MigrationListener() {
            @Override
            public void lockAcquired(String repo, Duration waited) {
                events.add(repo + " lock " + (waited.isNegative() ? "negative" : "ok"));
            }
        };
        try (HikariDataSource pool = pool(2, true);
             Preflight preflight = Preflight.open(pool, repo(files), null, listener)) {
            preflight.migrate();
        }
        assertEquals(List.of("main lock ok"), events);
    }

    @Test
    void aPoolOfOneConnectionIsAnErrorThatSaysTwoAreNeeded() throws Exception {
        MigrationFiles files = new MigrationFiles(tmp.resolve("migrations"));
        files.table("1");
        try (HikariDataSource pool = pool(1, true); Preflight preflight = Preflight.open(pool, repo(files))) {
            PreflightException e = assertThrows(PreflightException.class, preflight::migrate);
            assertTrue(e.getMessage().contains("at most two at once"), e.getMessage());
        }
        assertEquals("0", db.queryValue("select count(*) from pg_tables where tablename = 't1'"));
    }

    @Test
    void theRepoUrlIsNotNeeded() throws Exception {
        MigrationFiles files = new MigrationFiles(tmp.resolve("migrations"));
        files.table("1");
        RepoConfig withoutUrl = repo(files);
        assertFalse(withoutUrl.hasUrl());
        try (HikariDataSource pool = pool(2, true); Preflight preflight = Preflight.open(pool, withoutUrl)) {
            MigrateResult result = preflight.migrate();
            assertEquals(1, result.count());
        }
    }

    private RepoConfig repo(MigrationFiles files) {
        return PreflightConfig.fromProperties(Map.of("locations", files.dir().toString())).defaultRepo();
    }

    private HikariDataSource pool(int size, boolean autoCommit) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(db.url());
        config.setMaximumPoolSize(size);
        config.setAutoCommit(autoCommit);
        config.setConnectionTimeout(1_000);
        config.setPoolName("application");
        return new HikariDataSource(config);
    }
}
