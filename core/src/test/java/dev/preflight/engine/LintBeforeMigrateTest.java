package dev.preflight.engine;

import dev.preflight.MigrationException;
import dev.preflight.Preflight;
import dev.preflight.lint.Finding;
import dev.preflight.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The lint setting as migrate applies it, on a real database. */
class LintBeforeMigrateTest {

    @RegisterExtension
    final TestDatabase db = TestDatabase.perTest();
    @TempDir
    Path tmp;
    EngineFixture fx;

    @BeforeEach
    void setUp() {
        fx = new EngineFixture(db, tmp);
        fx.files.dbmate("1", "users", "create table users (id int, email text);", null);
        fx.files.dbmate("2", "email_index", "create index users_email on users (email);", null);
    }

    @Test
    void lintErrorRefusesToMigrateAndRunsNothing() throws Exception {
        // users exists already (created by hand here); 2 indexes it without CONCURRENTLY.
        db.execute("create table users (id int, email text)");
        fx.files.delete("1_users.sql");
        fx.files.dbmate("1", "orders", "create table orders (id int);", null);
        try (Preflight p = fx.open("lint", "error")) {
            MigrationException e = assertThrows(MigrationException.class, p::migrate);
            assertTrue(e.getMessage().contains("index-not-concurrent  "), e.getMessage());
            assertTrue(e.getMessage().contains("2_email_index.sql:2"), e.getMessage());
            assertTrue(e.getMessage().contains("nothing was run"), e.getMessage());
        }
        assertFalse(db.tableExists("orders"), "migration 1 must not run either");
    }

    @Test
    void aTableCreatedByAnEarlierPendingMigrationOfTheSameRunIsNew() throws Exception {
        // 1 creates users, 2 indexes it: nobody uses users yet, so the plain CREATE INDEX is fine.
        try (Preflight p = fx.open("lint", "error")) {
            assertEquals(2, p.migrate().count());
        }
    }

    @Test
    void aTableCreatedByAnAppliedMigrationIsNotNew() throws Exception {
        fx.files.delete("2_email_index.sql");
        try (Preflight p = fx.open("lint", "error")) {
            assertEquals(1, p.migrate().count());
        }
        fx.files.dbmate("2", "email_index", "create index users_email on public.users (email);", null);
        try (Preflight p = fx.open("lint", "error")) {
            MigrationException e = assertThrows(MigrationException.class, p::migrate);
            assertTrue(e.getMessage().contains("CREATE INDEX on existing table public.users"), e.getMessage());
        }
    }

    @Test
    void lintWarnAndOffLetTheMigrationsRun() throws Exception {
        try (Preflight p = fx.open("lint", "warn")) {
            assertEquals(2, p.migrate().count());
        }
        fx.files.dbmate("3", "drop_email", "alter table users drop column email;", null);
        try (Preflight p = fx.open("lint", "off")) {
            assertEquals(1, p.migrate().count());
        }
        assertEquals("0", db.queryValue("select count(*) from information_schema.columns where column_name = 'email'"));
    }

    @Test
    void anAllowedHazardDoesNotStopLintError() throws Exception {
        fx.files.dbmate("2", "email_index", "-- small table, built in milliseconds\n"
                + "-- preflight:allow index-not-concurrent\ncreate index users_email on users (email);", null);
        try (Preflight p = fx.open("lint", "error")) {
            assertEquals(2, p.migrate().count());
            assertEquals(List.of(), p.lint());
        }
    }

    @Test
    void lintCoversSchemaAndDataMigrationsAppliedOrNot() throws Exception {
        fx.data.dbmate("10", "backfill", "alter table users add column token uuid default gen_random_uuid();", null);
        try (Preflight p = fx.open()) {
            p.migrate();
            List<Finding> findings = p.lint();
            assertEquals(List.of("index-not-concurrent", "volatile-default"), findings.stream().map(Finding::rule).toList());
        }
    }
}
