package dev.preflight.engine;

import dev.preflight.ConfigException;
import dev.preflight.MigrationException;
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

class RollbackTest {

    @RegisterExtension
    final TestDatabase db = TestDatabase.perTest();
    @TempDir
    Path tmp;
    EngineFixture fx;

    @BeforeEach
    void setUp() {
        fx = new EngineFixture(db, tmp);
        fx.files.table("1");
        fx.files.table("2");
        fx.files.table("3");
    }

    @Test
    void rollbackStepRevertsTheNewestWithItsDownScript() throws Exception {
        try (Preflight p = fx.open()) {
            p.migrate();
            assertEquals(List.of("3"), p.rollback(Target.step(1)).migrations().stream().map(a -> a.id()).toList());
            assertEquals(0, p.rollback(Target.step(0)).count());
        }
        assertFalse(db.tableExists("t3"));
        assertEquals(List.of("schema:1:true", "schema:2:true"), fx.history());
    }

    @Test
    void rollbackToKeepsThatVersionAndRevertsEverythingAbove() throws Exception {
        try (Preflight p = fx.open()) {
            p.migrate();
            assertEquals(2, p.rollback(Target.to("1")).count());
            assertEquals(List.of("schema:1:true"), fx.history());
            p.migrate();
            assertEquals(3, p.rollback(Target.to("0")).count(), "0 reverts everything");
            assertEquals(3, p.status().pendingCount());
        }
        assertFalse(db.tableExists("t1"));
    }

    @Test
    void rollbackPastTheStartRevertsWhatThereIs() throws Exception {
        try (Preflight p = fx.open()) {
            p.migrate(Target.step(2));
            assertEquals(2, p.rollback(Target.step(10)).count());
        }
        assertEquals(List.of(), fx.history());
    }

    @Test
    void rollbackRefusesWhenADownScriptIsMissingAndRunsNothing() throws Exception {
        fx.files.dbmate("2", "create_t2", "create table t2 (id int);", null);
        try (Preflight p = fx.open()) {
            p.migrate();
            MigrationException e = assertThrows(MigrationException.class, () -> p.rollback(Target.step(3)));
            assertTrue(e.getMessage().contains("2_create_t2.sql has no down script"), e.getMessage());
            assertTrue(e.getMessage().contains("nothing was run"), e.getMessage());
        }
        assertTrue(db.tableExists("t3"), "the newest migration, which had a down script, was not reverted either");
        assertEquals(3, fx.history().size());
    }

    @Test
    void rollbackNeedsAnExplicitTarget() throws Exception {
        try (Preflight p = fx.open()) {
            p.migrate();
            assertThrows(ConfigException.class, () -> p.rollback(Target.all()));
            ConfigException e = assertThrows(ConfigException.class, () -> p.rollback(Target.to("9")));
            assertTrue(e.getMessage().contains("version 9"), e.getMessage());
        }
        assertEquals(3, fx.history().size());
    }

    @Test
    void aFailingDownScriptLeavesItsMigrationApplied() throws Exception {
        fx.files.dbmate("3", "create_t3", "create table t3 (id int);", "drop table no_such_table;");
        try (Preflight p = fx.open()) {
            p.migrate();
            MigrationException e = assertThrows(MigrationException.class, () -> p.rollback(Target.step(1)));
            assertTrue(e.getMessage().contains("reverting migration 3"), e.getMessage());
        }
        assertTrue(db.tableExists("t3"));
        assertEquals(3, fx.history().size());
    }
}
