package dev.preflight.engine;

import dev.preflight.MigrationException;
import dev.preflight.MigrationStatus.State;
import dev.preflight.Preflight;
import dev.preflight.Target;
import dev.preflight.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BaselineTest {

    @RegisterExtension
    final TestDatabase db = TestDatabase.perTest();
    @TempDir
    Path tmp;

    @Test
    void baselineMarksAnExistingDatabaseSoOnlyNewerMigrationsRun() throws Exception {
        EngineFixture fx = new EngineFixture(db, tmp);
        db.execute("create table t1 (id int primary key)", "create table t2 (id int primary key)");
        fx.files.table("1");
        fx.files.table("2");
        fx.files.table("3");
        try (Preflight p = fx.open()) {
            p.baseline("2");
            assertEquals(List.of(State.BELOW_BASELINE, State.BELOW_BASELINE, State.BASELINE, State.DOWN),
                    p.status().migrations().stream().map(m -> m.state()).toList());
            assertEquals("2", p.status().currentVersion().orElseThrow());
            assertEquals(1, p.migrate().count());
            assertEquals("3", p.status().currentVersion().orElseThrow());

            MigrationException again = assertThrows(MigrationException.class, () -> p.baseline("3"));
            assertTrue(again.getMessage().contains("already has"), again.getMessage());
            MigrationException below = assertThrows(MigrationException.class, () -> p.rollback(Target.to("1")));
            assertTrue(below.getMessage().contains("baseline"), below.getMessage());
        }
        assertEquals(List.of("baseline:2:true", "schema:3:true"), fx.history());
    }
}
