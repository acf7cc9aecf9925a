package dev.preflight.engine;

import dev.preflight.Preflight;
import dev.preflight.Target;
import dev.preflight.testing.ChildProcess;
import dev.preflight.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One dbmate folder run by the real dbmate (npm {@code dbmate}, installed by scripts/test) on one database and by
 * Preflight on another: every migration appends to a log table, and both logs must read the same after {@code up}
 * and after each rollback. The folder has {@code transaction:false} sections with a {@code CREATE INDEX
 * CONCURRENTLY} and an empty down section, which both tools roll back without running anything. (dbmate sends a
 * section as one query, which PostgreSQL runs as one implicit transaction: a {@code transaction:false} section
 * holds the concurrent build alone.)
 */
class DbmateAgreesTest {

    private static final String INSTALL = "npm install -g dbmate@2.36.0";

    @RegisterExtension
    final TestDatabase preflightDb = TestDatabase.perTest();
    @RegisterExtension
    final TestDatabase dbmateDb = TestDatabase.perTest();
    @TempDir
    Path tmp;
    EngineFixture fx;

    @BeforeEach
    void fixture() {
        fx = new EngineFixture(preflightDb, tmp);
    }

    @Test
    void dbmateAndPreflightRunAndRollBackTheFolderAlike() throws Exception {
        fx.files.write("20240101000000_create_log.sql", """
                -- migrate:up
                create table log (seq serial, what text);
                insert into log (what) values ('up create_log');
                -- migrate:down
                drop table log;
                """);
        fx.files.write("20240102000000_index.sql", """
                -- migrate:up transaction:false
                create index concurrently log_what on log (what);

                -- migrate:down transaction:false
                drop index concurrently log_what;
                """);
        fx.files.write("20240103000000_keep.sql", """
                -- migrate:up
                insert into log (what) values ('up keep');

                -- migrate:down
                """);
        dbmate("up");
        try (Preflight p = fx.open()) {
            p.migrate();
            assertEquals(List.of("up create_log", "up keep"), log(dbmateDb));
            assertEquals(log(dbmateDb), log(preflightDb));
            assertEquals(List.of("1", "1"), List.of(index(dbmateDb), index(preflightDb)));
            for (int i = 0; i < 2; i++) {
                dbmate("rollback");
                p.rollback(Target.step(1));
                assertEquals(log(dbmateDb), log(preflightDb));
                assertEquals(index(dbmateDb), index(preflightDb));
                assertEquals(dbmateDb.queryValue("select count(*) from schema_migrations"),
                        preflightDb.queryValue("select count(*) from preflight_schema_history where kind = 'schema'"));
            }
            assertEquals(List.of("up create_log", "up keep"), log(preflightDb), "the empty down ran nothing");
            assertEquals("0", index(preflightDb));
        }
    }

    /**
     * dbmate 2.29 reads several up/down sections in one file, but on PostgreSQL it records the version after each
     * section and fails on the second (duplicate key in schema_migrations), leaving the first applied. Preflight runs
     * the sections as one migration, in one transaction.
     */
    @Test
    void aFileWithTwoSectionsFailsInDbmateOnPostgresAndAppliesWholeInPreflight() throws Exception {
        fx.files.write("20240101000000_two.sql", """
                -- migrate:up
                create table a (c int);
                -- migrate:down
                drop table a;
                -- migrate:up
                create table b (c int);
                -- migrate:down
                drop table b;
                """);
        ChildProcess.Result dbmate = NeighbourTool.run(INSTALL, argv("up"));
        assertTrue(dbmate.exitCode() != 0 && dbmate.stderr().contains("schema_migrations_pkey"), dbmate.toString());
        assertTrue(dbmateDb.tableExists("a") && !dbmateDb.tableExists("b"), "dbmate applied the first section only");
        try (Preflight p = fx.open()) {
            assertEquals(1, p.migrate().count());
            assertTrue(preflightDb.tableExists("a") && preflightDb.tableExists("b"));
            p.rollback(Target.step(1));
        }
        assertTrue(!preflightDb.tableExists("a") && !preflightDb.tableExists("b"));
    }

    private void dbmate(String command) {
        NeighbourTool.succeed(INSTALL, argv(command));
    }

    private String[] argv(String command) {
        return new String[]{"dbmate", "--url", NeighbourTool.server().url(dbmateDb.name()), "--migrations-dir",
                fx.files.dir().toString(), "--no-dump-schema", command};
    }

    private static String index(TestDatabase db) throws Exception {
        return db.queryValue("select count(*) from pg_indexes where indexname = 'log_what'");
    }

    private static List<String> log(TestDatabase db) throws Exception {
        return db.queryColumn("select what from log order by seq");
    }
}
