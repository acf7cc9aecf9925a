package dev.preflight.engine;

import dev.preflight.Kind;
import dev.preflight.MigrationStatus;
import dev.preflight.Preflight;
import dev.preflight.Target;
import dev.preflight.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DataMigrationTest {

    @RegisterExtension
    final TestDatabase db = TestDatabase.perTest();
    @TempDir
    Path tmp;

    @Test
    void dataMigrationsRunOnlyWhenAskedAndHaveTheirOwnHistoryRows() throws Exception {
        EngineFixture fx = new EngineFixture(db, tmp);
        fx.files.dbmate("1", "person", "create table person (name text);", "drop table person;");
        fx.data.dbmate("1", "seed", "insert into person values ('ada'), ('grace');", "delete from person;");
        fx.data.dbmate("2", "upper", "update person set name = upper(name);", "update person set name = lower(name);");
        try (Preflight p = fx.open()) {
            assertEquals(1, p.migrate().count(), "plain migrate never runs data migrations");
            assertEquals(2, p.status().pendingDataCount());
            assertEquals(0, p.status().pendingCount());

            assertEquals(1, p.migrateData(Target.step(1)).count());
            assertEquals(List.of("ada", "grace"), db.queryColumn("select name from person order by name"));
            assertEquals(1, p.migrateData(Target.all()).count());
            assertEquals(List.of("ADA", "GRACE"), db.queryColumn("select name from person order by name"));
            assertEquals(List.of("schema:1:true", "data:1:true", "data:2:true"), fx.history());

            MigrationStatus last = p.status().migrations().get(2);
            assertEquals(Kind.DATA, last.kind());
            assertEquals(MigrationStatus.State.UP, last.state());

            assertEquals(1, p.rollbackData(Target.step(1)).count());
            assertEquals(List.of("ada", "grace"), db.queryColumn("select name from person order by name"));
            assertEquals(0, p.rollback(Target.to("1")).count(), "schema rollback leaves data rows alone");
        }
        assertEquals(List.of("schema:1:true", "data:1:true"), fx.history());
    }
}
