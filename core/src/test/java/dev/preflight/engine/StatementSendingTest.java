package dev.preflight.engine;

import dev.preflight.MigrationException;
import dev.preflight.Preflight;
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

/**
 * A transactional migration's statements go to the server in batches: every kind of statement still runs exactly
 * as written, and a failing one is still named by its line.
 */
class StatementSendingTest {

    @RegisterExtension
    final TestDatabase db = TestDatabase.perTest();
    @TempDir
    Path tmp;
    EngineFixture fx;

    @BeforeEach
    void setUp() {
        fx = new EngineFixture(db, tmp);
    }

    /** {@code create table seed ...} then {@code n} single-row INSERTs, one per line from line 3 of the file. */
    private void seedFile(String version, int n, int duplicateAt) {
        StringBuilder up = new StringBuilder("create table seed (id int primary key, v text);\n");
        for (int i = 1; i <= n; i++) {
            up.append("insert into seed values (").append(i == duplicateAt ? 1 : i).append(", 'row ").append(i)
                    .append("');\n");
        }
        fx.files.dbmate(version, "seed", up.toString(), null);
    }

    @Test
    void aLargeSeedFileIsAppliedWhole() throws Exception {
        seedFile("1", 5_000, -1);
        try (Preflight p = fx.open()) {
            p.migrate();
        }
        assertEquals("5000", db.queryValue("select count(*) from seed"));
        assertEquals("row 5000", db.queryValue("select v from seed where id = 5000"));
    }

    @Test
    void aFailingStatementDeepInALargeFileIsNamedByItsLineAndNothingIsApplied() throws Exception {
        seedFile("1", 5_000, 4_321);
        try (Preflight p = fx.open()) {
            MigrationException e = assertThrows(MigrationException.class, p::migrate);
            // Line 1 is the marker, line 2 the create table, insert i on line i + 2.
            assertTrue(e.getMessage().contains("1_seed.sql:4323: ERROR: duplicate key value"), e.getMessage());
            assertTrue(e.getMessage().contains("nothing of it is applied"), e.getMessage());
        }
        assertFalse(db.tableExists("seed"));
        assertEquals(List.of(), fx.history());
    }

    @Test
    void aSelectReturningManyRowsRunsForEveryRow() throws Exception {
        // A JDBC batch would fetch one row and so call nextval once; such statements are sent alone.
        fx.files.dbmate("1", "sequence", "create sequence s;\nselect nextval('s') from generate_series(1, 5);\n"
                + "create table after_select (id int);\nselect pg_catalog.setval('s', currval('s') + 10, true);", null);
        try (Preflight p = fx.open()) {
            p.migrate();
        }
        assertEquals("15", db.queryValue("select last_value from s"));
        assertTrue(db.tableExists("after_select"));
    }

    @Test
    void statementsWithSemicolonsInsideAndCopyDataRunBetweenBatches() throws Exception {
        fx.files.dbmate("1", "mixed", """
                create table t (id int, v text);
                create table audit (id int);
                create rule t_audit as on insert to t do also (insert into audit values (new.id); insert into audit values (-new.id));
                create function two() returns int language sql begin atomic select 1; select 2; end;
                insert into t values (1, 'a');
                copy t (id, v) from stdin;
                2\tb
                3\tc
                \\.
                insert into t values (two() + 2, 'd');
                """, null);
        try (Preflight p = fx.open()) {
            p.migrate();
        }
        assertEquals(List.of("1:a", "2:b", "3:c", "4:d"), db.queryColumn("select id || ':' || v from t order by id"));
        assertEquals("2", db.queryValue("select count(*) from audit where id > 0"));
    }

    @Test
    void statementTimeoutCutsALongStatementAndTheMigrationIsRolledBack() throws Exception {
        fx.files.dbmate("1", "slow", "create table before_sleep (id int);\nselect pg_sleep(30);", null);
        try (Preflight p = fx.open("statement-timeout", "300ms")) {
            MigrationException e = assertThrows(MigrationException.class, p::migrate);
            assertTrue(e.getMessage().contains("1_slow.sql:3: ERROR: canceling statement due to statement timeout"
                    + " (SQLSTATE 57014)"), e.getMessage());
        }
        assertFalse(db.tableExists("before_sleep"));
        assertEquals(List.of(), fx.history());
    }

    @Test
    void anErrorAfterManyMigrationsSumsUpTheOnesBefore() throws Exception {
        for (int i = 1; i <= 9; i++) {
            fx.files.table(String.valueOf(i));
        }
        fx.files.dbmate("10", "broken", "select 1/0;", null);
        try (Preflight p = fx.open()) {
            MigrationException e = assertThrows(MigrationException.class, p::migrate);
            assertTrue(e.getMessage().contains("The migrations before it in this run are applied: 1, 2, 3 … 8, 9 (9 in all)."), e.getMessage());
        }
    }
}
