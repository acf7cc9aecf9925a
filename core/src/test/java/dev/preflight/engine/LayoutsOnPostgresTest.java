package dev.preflight.engine;

import dev.preflight.MigrationStatus;
import dev.preflight.Preflight;
import dev.preflight.Target;
import dev.preflight.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each layout's folder applied, statused and rolled back on real PostgreSQL in its tool's own order: where that
 * order differs from plain numbers (Diesel's text, sql-migrate's file names for one number, Flyway's dotted
 * numbers), a migration run out of that order would fail on the table it needs.
 */
class LayoutsOnPostgresTest {

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
    void dieselFolderMixingFourteenAndEighteenDigitVersionsRunsInDieselsOrder() throws Exception {
        fx.files.write("00000000000000_diesel_initial_setup/up.sql", "create table setup (c int);\n");
        fx.files.write("00000000000000_diesel_initial_setup/down.sql", "drop table setup;\n");
        // As numbers 202401010000000000 > 20240601000000; Diesel compares the text, so create_items comes first.
        fx.files.write("2024-01-01-000000-0000_create_items/up.sql", "create table items (id int);\n");
        fx.files.write("2024-01-01-000000-0000_create_items/down.sql", "drop table items;\n");
        fx.files.write("2024-06-01-000000_add_price/up.sql", "alter table items add column price int;\n");
        fx.files.write("2024-06-01-000000_add_price/down.sql", "alter table items drop column price;\n");
        try (Preflight p = fx.open()) {
            assertEquals(2, p.migrate(Target.to("2024-01-01-000000-0000")).count());
            assertEquals(List.of("00000000000000 up", "2024-01-01-000000-0000 up", "2024-06-01-000000 down"), status(p));
            assertEquals(1, p.migrate().count());
            assertEquals(List.of("0", "202401010000000000", "20240601000000"), applied());
            assertTrue(db.queryColumn("select column_name from information_schema.columns where table_name = 'items'")
                    .contains("price"));
            assertEquals(List.of("2024-06-01-000000"), ids(p.rollback(Target.to("202401010000000000"))));
            assertEquals(List.of("2024-01-01-000000-0000", "00000000000000"), ids(p.rollback(Target.step(2))));
        }
        assertFalse(db.tableExists("items"));
        assertFalse(db.tableExists("setup"));
    }

    @Test
    void sqlMigrateFolderRunsTiesByFileNameAndSeveralUpSections() throws Exception {
        fx.files.write("1-create-items.sql", "-- +migrate Up\ncreate table items (id int);\n-- +migrate Down\ndrop table items;\n");
        fx.files.write("2_b.sql", "-- +migrate Up\nalter table items add column b int;\n-- +migrate Down\n"
                + "alter table items drop column b;\n");
        // 2_a runs before 2_b: 2_b's index would fail without column a.
        fx.files.write("2_a.sql", """
                -- +migrate Up
                alter table items add column a int;
                -- +migrate Down
                alter table items drop column a;
                """);
        fx.files.write("2_c.sql", """
                -- +migrate Up
                alter table items add column sku text;
                -- +migrate Down
                drop index concurrently items_sku;
                alter table items drop column sku;
                -- +migrate Up notransaction
                create index concurrently items_sku on items (sku, a);
                """);
        fx.files.write("3.sql", "-- +migrate Up\ncreate table three (c int);\n-- +migrate Down\ndrop table three;\n");
        try (Preflight p = fx.open()) {
            assertEquals(4, p.migrate(Target.to("2")).count(), "--to 2 covers every file numbered 2");
            assertEquals(List.of("1 up", "2 up", "2 up", "2 up", "3 down"), status(p));
            assertEquals(List.of("1:create-items", "2:a", "2:b", "2:c"), appliedWithNames());
            assertEquals("1", db.queryValue("select count(*) from pg_indexes where indexname = 'items_sku'"));
            p.migrate();
            assertEquals(List.of("3"), ids(p.rollback(Target.to("2"))));
            assertEquals(List.of("2"), ids(p.rollback(Target.step(1))));
            assertEquals(List.of("1:create-items", "2:a", "2:b"), appliedWithNames(), "only 2_c's row is gone");
            assertEquals("0", db.queryValue("select count(*) from pg_indexes where indexname = 'items_sku'"));
            assertEquals(List.of("2", "2", "1"), ids(p.rollback(Target.to("0"))));
        }
        assertFalse(db.tableExists("items"));
    }

    @Test
    void golangMigratePairsWithAnEmptyDownRollBackThroughIt() throws Exception {
        fx.files.write("1_init.up.sql", "create table items (id int);\n");
        fx.files.write("1_init.down.sql", "drop table items;\n");
        fx.files.write("2_seed.up.sql", "insert into items values (1);\n");
        fx.files.write("2_seed.down.sql", "-- the row may stay\n");
        fx.files.write("10_more.up.sql", "create index concurrently items_id on items (id);\n");
        fx.files.write("10_more.down.sql", "drop index concurrently items_id;\n");
        try (Preflight p = fx.open()) {
            assertEquals(3, p.migrate().count());
            assertEquals(List.of("1", "2", "10"), applied());
            assertEquals(List.of("10", "2"), ids(p.rollback(Target.to("1"))));
            assertEquals(List.of("1"), applied());
            assertEquals("1", db.queryValue("select count(*) from items"));
        }
    }

    @Test
    void dbmateAndGooseFilesInOneFolderApplyAndRollBack() throws Exception {
        fx.files.write("20240101000000_table.sql", "-- migrate:up\ncreate table b (c int);\n-- migrate:down\ndrop table b;\n");
        fx.files.write("20240102000000_index.sql", "-- +goose Up\n-- +goose NO TRANSACTION\n"
                + "create index concurrently b_c on b (c);\n-- +goose Down\ndrop index concurrently b_c;\n");
        try (Preflight p = fx.open()) {
            assertEquals(2, p.migrate().count());
            assertEquals("1", db.queryValue("select count(*) from pg_indexes where indexname = 'b_c'"));
            assertEquals(List.of("20240102000000", "20240101000000"), ids(p.rollback(Target.step(2))));
        }
        assertFalse(db.tableExists("b"));
    }

    @Test
    void flywayDottedVersionsRunInFlywaysOrder() throws Exception {
        fx.files.write("V1__create.sql", "create table t (c int);\n");
        fx.files.write("V1.9__nine.sql", "alter table t add column nine int;\n");
        fx.files.write("U1.9__nine.sql", "alter table t drop column nine;\n");
        fx.files.write("V1.10__ten.sql", "alter table t add column ten int;\nupdate t set ten = nine;\n");
        fx.files.write("U1.10__ten.sql", "alter table t drop column ten;\n");
        try (Preflight p = fx.open()) {
            assertEquals(3, p.migrate().count());
            assertEquals(List.of("1", "1.9", "1.10"), applied());
            assertEquals(List.of("1.10", "1.9"), ids(p.rollback(Target.to("1"))));
        }
    }

    private static List<String> status(Preflight p) {
        return p.status().migrations().stream().map(s -> s.version() + " " + state(s)).toList();
    }

    private static String state(MigrationStatus s) {
        return s.state() == MigrationStatus.State.UP ? "up" : s.state() == MigrationStatus.State.DOWN ? "down" : s.state().name();
    }

    private static List<String> ids(dev.preflight.MigrateResult result) {
        return result.migrations().stream().map(a -> a.id()).toList();
    }

    private List<String> applied() throws SQLException {
        return db.queryColumn("select version from preflight_schema_history where kind = 'schema' order by installed_rank");
    }

    private List<String> appliedWithNames() throws SQLException {
        return db.queryColumn("select version || ':' || name from preflight_schema_history where kind = 'schema'"
                + " order by installed_rank");
    }
}
