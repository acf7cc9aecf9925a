package dev.preflight.backfill;

import dev.preflight.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Batched, resumable backfills on a real table. */
class BackfillTest {

    @RegisterExtension
    final TestDatabase db = TestDatabase.perTest();

    @Test
    void aMillionRowBackfillKilledHalfWayResumesAndUpdatesEveryRowExactlyOnce() throws Exception {
        db.execute("create table big (id bigint primary key, n int not null default 0)",
                "insert into big (id) select g from generate_series(1, 1000000) g", "analyze big");
        List<Backfill.Progress> seen = new ArrayList<>();
        try (Connection c = db.connect()) {
            Backfill first = Backfill.of("big_n", "big", "id", "n = n + 1").batchSize(50_000).onProgress(p -> {
                seen.add(p);
                if (seen.size() == 8) {
                    throw new IllegalStateException("killed");
                }
            });
            assertThrows(IllegalStateException.class, () -> first.run(c));
            assertTrue(c.getAutoCommit());
        }
        assertEquals("400000", db.queryValue("select count(*) from big where n = 1"));
        Backfill.Progress last = seen.get(7);
        assertEquals(400_000, last.rowsDone());
        assertTrue(last.estimatedRows() > 900_000, "estimate " + last.estimatedRows());

        try (Connection c = db.connect()) {
            Backfill.Result result = Backfill.of("big_n", "big", "id", "n = n + 1").batchSize(50_000).run(c);
            assertEquals(400_000, result.resumedAfterKey());
            assertEquals(600_000, result.rowsUpdated());
            assertEquals(1_000_000, result.rowsDoneInTotal());
        }
        assertEquals("1000000", db.queryValue("select count(*) from big where n = 1"));
        assertEquals("0", db.queryValue("select count(*) from big where n <> 1"));

        try (Connection c = db.connect()) {
            assertEquals(0, Backfill.of("big_n", "big", "id", "n = n + 1").run(c).rowsUpdated(), "done is done");
        }
    }

    @Test
    void whereLimitsTheRowsAndGapsInTheKeysDoNotMatter() throws Exception {
        db.execute("create table t (id int primary key, v text)",
                "insert into t select g * 7, case when g % 2 = 0 then 'x' end from generate_series(1, 1000) g");
        try (Connection c = db.connect()) {
            Backfill.Result r = Backfill.of("t_v", "t", "id", "v = 'filled'").where("v is null").batchSize(33)
                    .maxRowsPerSecond(1_000_000).run(c);
            assertEquals(500, r.rowsUpdated());
        }
        assertEquals("500", db.queryValue("select count(*) from t where v = 'filled'"));
        assertEquals("500", db.queryValue("select count(*) from t where v = 'x'"));
    }

    @Test
    void aBackfillRefusesToRunInsideATransaction() throws Exception {
        db.execute("create table t (id int primary key)");
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> Backfill.of("t", "t", "id", "id = id").run(c));
            assertTrue(e.getMessage().contains("non-transactional"), e.getMessage());
        }
    }
}
