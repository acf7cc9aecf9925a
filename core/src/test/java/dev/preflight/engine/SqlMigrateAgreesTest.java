package dev.preflight.engine;

import dev.preflight.Preflight;
import dev.preflight.Target;
import dev.preflight.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One sql-migrate folder run by the real sql-migrate (Debian's {@code sql-migrate}, installed by scripts/test) on
 * one database and by Preflight on another: every migration appends to a log table, and both logs must read the
 * same after {@code up} and after a rollback of two. The folder has what Preflight once read differently: two files
 * with one number, a name that is only a number, the dashed name {@code sql-migrate new} writes, and a file with
 * two Up sections, the second {@code notransaction} with a {@code CREATE INDEX CONCURRENTLY}.
 */
class SqlMigrateAgreesTest {

    @RegisterExtension
    final TestDatabase preflightDb = TestDatabase.perTest();
    @RegisterExtension
    final TestDatabase sqlMigrateDb = TestDatabase.perTest();
    @TempDir
    Path tmp;
    EngineFixture fx;

    @BeforeEach
    void folder() {
        fx = new EngineFixture(preflightDb, tmp);
        fx.files.write("20240101000000-create-log.sql", """
                -- +migrate Up
                create table log (seq serial, what text);
                insert into log (what) values ('up create-log');
                -- +migrate Down
                drop table log;
                """);
        for (String tie : List.of("20240102000000_b", "20240102000000_a")) {
            fx.files.write(tie + ".sql", "-- +migrate Up\ninsert into log (what) values ('up " + tie + "');\n"
                    + "-- +migrate Down\ninsert into log (what) values ('down " + tie + "');\n");
        }
        fx.files.write("20240103000000.sql", "-- +migrate Up\ninsert into log (what) values ('up number only');\n"
                + "-- +migrate Down\ninsert into log (what) values ('down number only');\n");
        fx.files.write("20240104000000_items.sql", """
                -- +migrate Up
                create table items (sku text);
                insert into log (what) values ('up items, first section');
                -- +migrate Down notransaction
                drop index concurrently items_sku;
                drop table items;
                insert into log (what) values ('down items');
                -- +migrate Up notransaction
                create index concurrently items_sku on items (sku);
                insert into log (what) values ('up items, second section');
                """);
    }

    @Test
    void sqlMigrateAndPreflightRunTheFolderInOneOrder() throws Exception {
        sqlMigrate("up");
        try (Preflight p = fx.open()) {
            p.migrate();
            List<String> expected = List.of("up create-log", "up 20240102000000_a", "up 20240102000000_b",
                    "up number only", "up items, first section", "up items, second section");
            assertEquals(expected, log(sqlMigrateDb));
            assertEquals(expected, log(preflightDb));

            sqlMigrate("down", "-limit=2");
            p.rollback(Target.step(2));
            assertEquals(log(sqlMigrateDb), log(preflightDb));
            assertEquals(List.of("down items", "down number only"), log(preflightDb).subList(6, 8));

            sqlMigrate("down", "-limit=1");
            p.rollback(Target.step(1));
            assertEquals(log(sqlMigrateDb), log(preflightDb));
            assertEquals("down 20240102000000_b", log(preflightDb).get(8), "the later of two files with one number");
        }
    }

    private void sqlMigrate(String... command) throws Exception {
        NeighbourTool server = NeighbourTool.server();
        Path config = tmp.resolve("dbconfig.yml");
        Files.writeString(config, "test:\n  dialect: postgres\n  dir: " + fx.files.dir() + "\n  datasource: host="
                + server.host + " port=" + server.port + " user=" + server.user
                + (server.password.isEmpty() ? "" : " password=" + server.password) + " dbname=" + sqlMigrateDb.name()
                + " sslmode=disable\n");
        String[] argv = new String[command.length + 3];
        argv[0] = "sql-migrate";
        System.arraycopy(command, 0, argv, 1, command.length);
        argv[command.length + 1] = "-config=" + config;
        argv[command.length + 2] = "-env=test";
        NeighbourTool.succeed("apt-get install sql-migrate", argv);
    }

    private static List<String> log(TestDatabase db) throws Exception {
        return db.queryColumn("select what from log order by seq");
    }
}
