package dev.preflight.engine;

import dev.preflight.MigrationException;
import dev.preflight.MigrationStatus;
import dev.preflight.Preflight;
import dev.preflight.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A history table as the first release created and filled it keeps working, and is upgraded when it must be. */
class HistoryUpgradeTest {

    /** The first release's table, exactly. */
    private static final String FIRST_RELEASE_TABLE = "create table preflight_schema_history ("
            + " installed_rank bigserial primary key,"
            + " version text,"
            + " name text not null,"
            + " kind text not null check (kind in ('schema', 'data', 'repeatable', 'baseline')),"
            + " checksum text,"
            + " installed_by text not null default current_user,"
            + " installed_at timestamptz not null default now(),"
            + " execution_ms integer not null default 0,"
            + " success boolean not null)";

    @RegisterExtension
    final TestDatabase db = TestDatabase.perTest();
    @TempDir
    Path tmp;
    EngineFixture fx;

    @BeforeEach
    void setUp() throws Exception {
        fx = new EngineFixture(db, tmp);
        fx.files.table("1");
        db.execute(FIRST_RELEASE_TABLE, "create table t1 (id int primary key)",
                "insert into preflight_schema_history (version, name, kind, checksum, execution_ms, success)"
                        + " values ('1', 'create_t1', 'schema', null, 3, true)");
    }

    private List<String> columns() throws Exception {
        return db.queryColumn("select attname from pg_attribute where attrelid = 'preflight_schema_history'::regclass"
                + " and attnum > 0 and not attisdropped order by attnum");
    }

    @Test
    void aFirstReleaseTableIsReadAsItIsAndUpgradedByTheNextMigration() throws Exception {
        fx.files.dbmate("2", "nt", "-- preflight:no-transaction\ncreate table nt (id int);", null);
        try (Preflight p = fx.open()) {
            List<MigrationStatus> before = p.status().migrations();
            assertEquals(MigrationStatus.State.UP, before.get(0).state());
            assertEquals(MigrationStatus.State.DOWN, before.get(1).state());
            assertEquals(9, columns().size(), "reading changes nothing");

            assertEquals(1, p.migrate().count());
            assertEquals(MigrationStatus.State.UP, p.status().migrations().get(1).state());
        }
        assertEquals(List.of("installed_rank", "version", "name", "kind", "checksum", "installed_by", "installed_at",
                "execution_ms", "success", "state", "statement", "statements", "client", "backend_pid",
                "backend_start"), columns());
        assertEquals(List.of("schema:1:true", "schema:2:true"), fx.history());
        assertEquals(java.util.Arrays.asList(null, "applied"),
                db.queryColumn("select state from preflight_schema_history order by installed_rank"));
    }

    @Test
    void aFailedRowOfTheFirstReleaseStillBlocksAndIsRepaired() throws Exception {
        fx.files.dbmate("2", "nt", "-- preflight:no-transaction\ncreate table nt (id int);", null);
        db.execute("insert into preflight_schema_history (version, name, kind, checksum, success)"
                + " values ('2', 'nt', 'schema', null, false)");
        try (Preflight p = fx.open()) {
            assertEquals(MigrationStatus.State.FAILED, p.status().migrations().get(1).state());
            MigrationException e = assertThrows(MigrationException.class, p::migrate);
            assertTrue(e.getMessage().contains("schema migration 2 nt (") && e.getMessage().contains("failed")
                    && e.getMessage().contains("repair --remove 2"), e.getMessage());
            p.repairRemove("2");
            assertEquals(1, p.migrate().count());
        }
        assertEquals(List.of("schema:1:true", "schema:2:true"), fx.history());
    }

    @Test
    void aRoleThatMayNotAlterTheTableRecordsTransactionalMigrationsAndIsToldWhatToRunForTheOthers()
            throws Exception {
        String role = "preflight_writer_" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
        db.execute("create role " + role + " login",
                "grant create, usage on schema public to " + role,
                "grant select, insert, update, delete on preflight_schema_history to " + role,
                "grant usage on sequence preflight_schema_history_installed_rank_seq to " + role);
        try {
            String url = db.urlWithoutParameters();
            fx.files.table("2");
            try (Preflight p = fx.open("url", url, "user", role, "password", "unused")) {
                assertEquals(1, p.migrate().count());
            }
            assertEquals(9, columns().size());
            fx.files.dbmate("3", "nt", "-- preflight:no-transaction\ncreate table nt (id int);", null);
            try (Preflight p = fx.open("url", url, "user", role, "password", "unused")) {
                MigrationException e = assertThrows(MigrationException.class, p::migrate);
                assertTrue(e.getMessage().contains("Nothing was run. Ask the table's owner to run: alter table"
                        + " \"public\".\"preflight_schema_history\" add column if not exists state text"), e.getMessage());
            }
            assertFalse(db.tableExists("nt"));
            assertEquals(List.of("schema:1:true", "schema:2:true"), fx.history());
        } finally {
            db.execute("drop owned by " + role, "drop role " + role);
        }
    }
}
