package dev.preflight.engine;

import dev.preflight.ConfigException;
import dev.preflight.MigrateResult;
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
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MigrateTest {

    @RegisterExtension
    final TestDatabase db = TestDatabase.perTest();
    @TempDir
    Path tmp;
    EngineFixture fx;

    @BeforeEach
    void setUp() {
        fx = new EngineFixture(db, tmp);
    }

    @Test
    void migrateAppliesEveryPendingMigrationInVersionOrderAndRecordsIt() throws Exception {
        fx.files.table("1");
        fx.files.table("10");
        fx.files.table("2");
        try (Preflight p = fx.open()) {
            MigrateResult result = p.migrate();
            assertEquals(List.of("1", "2", "10"), result.migrations().stream().map(MigrateResult.Applied::id).toList());
        }
        assertEquals(List.of("schema:1:true", "schema:2:true", "schema:10:true"), fx.history());
        assertTrue(db.tableExists("t10"));
    }

    @Test
    void aSecondRunWithNothingPendingDoesNothing() throws Exception {
        fx.files.table("1");
        try (Preflight p = fx.open()) {
            p.migrate();
            assertEquals(0, p.migrate().count());
        }
        assertEquals(List.of("schema:1:true"), fx.history());
    }

    @Test
    void statusOnAnEmptyDatabaseShowsPendingAndCreatesNothing() throws Exception {
        fx.files.table("1");
        try (Preflight p = fx.open()) {
            List<MigrationStatus> lines = p.status().migrations();
            assertEquals(MigrationStatus.State.DOWN, lines.get(0).state());
            assertEquals(1, p.status().pendingCount());
            assertTrue(p.status().toTable().contains("down"), p.status().toTable());
        }
        assertFalse(db.tableExists("preflight_schema_history"));
    }

    @Test
    void stepAppliesTheNextNAndStopsAtTheEnd() throws Exception {
        fx.files.table("1");
        fx.files.table("2");
        fx.files.table("3");
        try (Preflight p = fx.open()) {
            assertEquals(0, p.migrate(Target.step(0)).count());
            assertEquals(1, p.migrate(Target.step(1)).count());
            assertEquals(List.of("schema:1:true"), fx.history());
            assertEquals(2, p.migrate(Target.step(99)).count());
            assertEquals(0, p.migrate(Target.step(1)).count());
        }
        assertEquals(3, fx.history().size());
        assertThrows(ConfigException.class, () -> Target.step(-1));
    }

    @Test
    void toIsInclusiveAndAcceptsTheVersionAsWrittenInTheFileName() throws Exception {
        fx.files.table("0001");
        fx.files.table("0002");
        fx.files.table("0003");
        try (Preflight p = fx.open()) {
            assertEquals(2, p.migrate(Target.to("0002")).count());
            assertEquals(List.of("schema:1:true", "schema:2:true"), fx.history());
            assertEquals(0, p.migrate(Target.to("2")).count(), "already applied: nothing to do");
            assertEquals(1, p.migrate(Target.to("3")).count());
        }
    }

    @Test
    void toAnUnknownVersionIsAnErrorAndAppliesNothing() throws Exception {
        fx.files.table("1");
        fx.files.table("2");
        try (Preflight p = fx.open()) {
            ConfigException e = assertThrows(ConfigException.class, () -> p.migrate(Target.to("7")));
            assertTrue(e.getMessage().contains("version 7"), e.getMessage());
            assertTrue(e.getMessage().contains("pending: 1, 2"), e.getMessage());
        }
        assertFalse(db.tableExists("t1"));
    }

    @Test
    void aFailingMigrationKeepsEarlierOnesAndRecordsNothingOfItself() throws Exception {
        fx.files.table("1");
        fx.files.dbmate("2", "broken", "create table t2 (id int);\n\ninsert into no_such_table values (1);", null);
        fx.files.table("3");
        try (Preflight p = fx.open()) {
            MigrationException e = assertThrows(MigrationException.class, p::migrate);
            assertTrue(e.getMessage().contains("2_broken.sql:4"), e.getMessage());
            assertTrue(e.getMessage().contains("no_such_table"), e.getMessage());
            assertTrue(e.getMessage().contains("rolled back"), e.getMessage());
            assertTrue(e.getMessage().contains("The migration before it in this run is applied: 1."), e.getMessage());
        }
        assertEquals(List.of("schema:1:true"), fx.history());
        assertFalse(db.tableExists("t2"), "the failing migration's first statement was rolled back");
        assertFalse(db.tableExists("t3"));
    }

    @Test
    void aMigrationWithQuestionMarksRowsAndDollarQuotesRunsAsWritten() throws Exception {
        // A transactional migration goes to the server in one round trip: '?' is no parameter there, a statement
        // returning rows is fine, and a ';' inside a dollar-quoted body does not split it.
        fx.files.dbmate("1", "docs", "create table docs (doc jsonb);\n"
                + "insert into docs values ('{\"a\": 1}'), ('{\"b\": 2}');\n"
                + "select count(*) from docs where doc ? 'a';\n"
                + "create function docs_count() returns bigint language plpgsql as $$\n"
                + "begin return (select count(*) from docs); end;\n$$;\n"
                + "create table docs_seen as select docs_count() as n;", null);
        try (Preflight p = fx.open()) {
            assertEquals(1, p.migrate().count());
        }
        assertEquals(List.of("schema:1:true"), fx.history());
        assertEquals("2", db.queryValue("select n from docs_seen"));
        assertEquals("1", db.queryValue("select count(*) from docs where doc ? 'a'"));
    }

    @Test
    void eachStatementReachesTheServerAsWrittenInTheFile() throws Exception {
        // What pg_stat_activity and the server log show (operators and tests look for a running statement there).
        fx.files.dbmate("1", "seen", "create table a (n int);\n\n  create table seen as select current_query() as q;",
                null);
        try (Preflight p = fx.open()) {
            p.migrate();
        }
        assertEquals("create table seen as select current_query() as q", db.queryValue("select q from seen"));
    }

    @Test
    void aFailingMigrationRunAgainStatementByStatementLeavesNothingOfEitherTry() throws Exception {
        // The first try of a transactional migration is one round trip; when it fails it is rolled back and run
        // statement by statement to name the failing line. Neither try may leave anything behind.
        fx.files.dbmate("1", "audit", "create table audit (n int);", null);
        fx.files.dbmate("2", "broken", "insert into audit values (1);\ninsert into audit values (2);\n\n"
                + "insert into no_such_table values (3);", null);
        try (Preflight p = fx.open()) {
            MigrationException e = assertThrows(MigrationException.class, p::migrate);
            assertTrue(e.getMessage().contains("2_broken.sql:5"), e.getMessage());
            assertTrue(e.getMessage().contains("no_such_table"), e.getMessage());
        }
        assertEquals(List.of("schema:1:true"), fx.history());
        assertEquals("0", db.queryValue("select count(*) from audit"));
    }

    @Test
    void statusShowsWhenEachMigrationWasAppliedToTheMicrosecond() throws Exception {
        fx.files.table("1");
        try (Preflight p = fx.open()) {
            p.migrate();
            String stored = db.queryValue("select to_char(installed_at at time zone 'UTC', "
                    + "'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') from preflight_schema_history");
            assertEquals(java.time.Instant.parse(stored), p.status().migrations().get(0).appliedAt());
        }
    }

    @Test
    void aFailingNonTransactionalMigrationIsRecordedAsFailedAndBlocksUntilRepaired() throws Exception {
        fx.files.write("1_half.sql", "-- migrate:up transaction:false\ncreate table t1 (id int);\nselect 1/0;\n");
        try (Preflight p = fx.open()) {
            MigrationException e = assertThrows(MigrationException.class, p::migrate);
            assertTrue(e.getMessage().contains("1_half.sql:3"), e.getMessage());
            assertTrue(e.getMessage().contains("outside a transaction"), e.getMessage());
            assertEquals(List.of("schema:1:false"), fx.history());
            assertTrue(db.tableExists("t1"), "the statement before the failure stays applied");
            assertEquals(MigrationStatus.State.FAILED, p.status().migrations().get(0).state());

            MigrationException blocked = assertThrows(MigrationException.class, p::migrate);
            assertTrue(blocked.getMessage().contains("repair"), blocked.getMessage());
            assertFalse(p.validate().isValid());

            // The operator cleans up by hand, fixes the file, repairs, and migrates again.
            db.execute("drop table t1");
            fx.files.write("1_half.sql", "-- migrate:up transaction:false\ncreate table t1 (id int);\n");
            assertEquals(1, p.repair().size());
            assertEquals(1, p.migrate().count());
        }
        assertEquals(List.of("schema:1:true"), fx.history());
    }

    @Test
    void aChangedFileIsRefusedUntilRestoredOrRepaired() throws Exception {
        fx.files.table("1");
        try (Preflight p = fx.open()) {
            p.migrate();
            fx.files.dbmate("1", "create_t1", "create table t1 (id bigint primary key);", "drop table t1;");
            fx.files.table("2");
            MigrationException e = assertThrows(MigrationException.class, p::migrate);
            assertTrue(e.getMessage().contains("1_create_t1.sql") && e.getMessage().contains("changed"), e.getMessage());
            assertFalse(db.tableExists("t2"));
            assertTrue(p.status().migrations().get(0).checksumMismatch());
            assertTrue(p.validate().messages().stream().anyMatch(m -> m.contains("changed")), p.validate().toString());

            List<String> actions = p.repair();
            assertEquals(1, actions.size(), actions.toString());
            assertEquals(1, p.migrate().count());
        }
    }

    @Test
    void anAppliedMigrationWhoseFileIsGoneIsShownAndDoesNotBlockMigrate() throws Exception {
        fx.files.table("1");
        try (Preflight p = fx.open()) {
            p.migrate();
            fx.files.delete("1_create_t1.sql");
            fx.files.table("2");
            MigrationStatus first = p.status().migrations().get(0);
            assertEquals(MigrationStatus.State.FILE_NOT_FOUND, first.state());
            assertTrue(p.status().toTable().contains("** FILE NOT FOUND **"));
            assertTrue(p.validate().messages().stream().anyMatch(m -> m.contains("not found")));
            assertEquals(1, p.migrate().count());
        }
    }

    @Test
    void aPendingMigrationOlderThanTheNewestAppliedIsRefusedUnlessOutOfOrderIsOn() throws Exception {
        fx.files.table("1");
        fx.files.table("3");
        try (Preflight p = fx.open()) {
            p.migrate();
        }
        fx.files.table("2");
        try (Preflight p = fx.open()) {
            MigrationException e = assertThrows(MigrationException.class, p::migrate);
            assertTrue(e.getMessage().contains("out-of-order=true") && e.getMessage().contains("2_create_t2.sql"),
                    e.getMessage());
        }
        try (Preflight p = fx.open("out-of-order", "true")) {
            assertEquals(1, p.migrate().count());
        }
        assertTrue(db.tableExists("t2"));
    }

    @Test
    void concurrentIndexInATransactionalMigrationIsRefusedBeforeAnythingRuns() throws Exception {
        fx.files.table("1");
        fx.files.dbmate("2", "idx", "create index concurrently t1_id on t1 (id);", null);
        try (Preflight p = fx.open()) {
            MigrationException e = assertThrows(MigrationException.class, p::migrate);
            assertTrue(e.getMessage().contains("2_idx.sql:2") && e.getMessage().contains("transaction:false"),
                    e.getMessage());
        }
        assertFalse(db.tableExists("t1"), "nothing ran: the check happens before the first migration");
    }

    @Test
    void concurrentIndexRunsOutsideATransactionWhenMarked() throws Exception {
        fx.files.table("1");
        fx.files.write("2_idx.sql", "-- migrate:up transaction:false\ncreate index concurrently t1_idx on t1 (id);\n");
        try (Preflight p = fx.open()) {
            assertEquals(2, p.migrate().count());
        }
        assertEquals("t", db.queryValue("select indisvalid from pg_index where indexrelid = 't1_idx'::regclass"));
    }

    @Test
    void copyFromStdinLoadsItsRows() throws Exception {
        fx.files.dbmate("1", "seed", "create table city (name text, pop int);\n"
                + "copy city (name, pop) from stdin;\nOslo\t700000\nBergen;\t285000\n\\.\n"
                + "insert into city values ('Tromsø', 77000);", null);
        try (Preflight p = fx.open()) {
            p.migrate();
        }
        assertEquals(List.of("Bergen;", "Oslo", "Tromsø"), db.queryColumn("select name from city order by name"));
    }

    @Test
    void flywayRepeatableMigrationsRunAfterVersionedOnesAndAgainWhenChanged() throws Exception {
        fx.files.write("V1__create.sql", "create table person (name text);");
        fx.files.write("R__view.sql", "create or replace view people as select name from person;");
        try (Preflight p = fx.open()) {
            assertEquals(2, p.migrate().count());
            assertEquals(0, p.migrate().count());
            fx.files.write("R__view.sql", "create or replace view people as select upper(name) as name from person;");
            assertEquals(1, p.migrate().count());
        }
        assertEquals(List.of("schema:1:true", "repeatable:view:true", "repeatable:view:true"), fx.history());
    }
}
