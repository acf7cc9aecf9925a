package dev.preflight.engine;

import dev.preflight.MigrationException;
import dev.preflight.Preflight;
import dev.preflight.Target;
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

    @Test
    void atMigrateTheDatabaseSaysWhetherAFunctionDefaultIsVolatile() throws Exception {
        db.execute("create function token_default() returns text language sql as $$ select md5(random()::text) $$",
                "create function tenant_default() returns text language sql immutable as $$ select 'acme' $$");
        fx.files.dbmate("3", "tenant", "alter table users add column tenant text default tenant_default();", null);
        try (Preflight p = fx.open("lint", "error")) {
            assertEquals(3, p.migrate().count(), "an IMMUTABLE function default is catalog-only");
        }
        fx.files.dbmate("4", "token", "alter table users add column token text default token_default();", null);
        try (Preflight p = fx.open("lint", "error")) {
            MigrationException e = assertThrows(MigrationException.class, p::migrate);
            assertTrue(e.getMessage().contains("volatile-default  "), e.getMessage());
            assertTrue(e.getMessage().contains("with the volatile default token_default()"), e.getMessage());
            // Offline, the lint cannot know and says so.
            List<Finding> offline = p.lint();
            assertTrue(offline.stream().anyMatch(f -> f.message().contains("token_default(), which may be volatile")),
                    offline.toString());
        }
    }

    @Test
    void rollbackLintsTheDownScriptsAboutToRun() throws Exception {
        fx.files.delete("2_email_index.sql");
        fx.files.dbmate("2", "email_index", "-- preflight:allow index-not-concurrent\n"
                + "create index users_email on users (email);", "drop index users_email;");
        try (Preflight p = fx.open("lint", "error")) {
            assertEquals(2, p.migrate().count());
            MigrationException e = assertThrows(MigrationException.class, () -> p.rollback(Target.step(1)));
            assertTrue(e.getMessage().contains("drop-index-not-concurrent  "), e.getMessage());
            assertTrue(e.getMessage().contains("down: DROP INDEX users_email"), e.getMessage());
            assertEquals(List.of("drop-index-not-concurrent"), p.lint().stream().map(Finding::rule).toList());
        }
        assertEquals("1", db.queryValue("select count(*) from pg_indexes where indexname = 'users_email'"),
                "nothing was reverted");
    }

    @Test
    void migrateDataLintsTheDataMigrationsAboutToRun() throws Exception {
        fx.data.dbmate("10", "backfill", "alter table users add column plan text;\nupdate users set plan = 'free';",
                null);
        try (Preflight p = fx.open("lint", "error")) {
            p.migrate();
            MigrationException e = assertThrows(MigrationException.class, () -> p.migrateData(Target.all()));
            assertTrue(e.getMessage().contains("backfill-with-ddl  "), e.getMessage());
        }
    }
}
