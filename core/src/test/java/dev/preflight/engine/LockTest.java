package dev.preflight.engine;

import dev.preflight.LockTimeoutException;
import dev.preflight.MigrateResult;
import dev.preflight.MigrationListener;
import dev.preflight.Preflight;
import dev.preflight.PreflightConfig;
import dev.preflight.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LockTest {

    @RegisterExtension
    final TestDatabase db = TestDatabase.perTest();
    @TempDir
    Path tmp;

    @Test
    void enginesRacingOnOneDatabaseApplyEachMigrationExactlyOnce() throws Exception {
        EngineFixture fx = new EngineFixture(db, tmp);
        for (int i = 1; i <= 20; i++) {
            fx.files.dbmate(String.valueOf(i), "m" + i, "create table t" + i + " (id int);"
                    + (i % 5 == 0 ? " select pg_sleep(0.05);" : ""), null);
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<MigrateResult>> runs = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                runs.add(pool.submit(() -> {
                    try (Preflight p = fx.open()) {
                        return p.migrate();
                    }
                }));
            }
            int applied = 0;
            for (Future<MigrateResult> run : runs) {
                applied += run.get().count();
            }
            assertEquals(20, applied, "between them the engines applied every migration once");
        } finally {
            pool.shutdownNow();
        }
        assertEquals("20", db.queryValue("select count(*) from preflight_schema_history"));
        assertEquals("20", db.queryValue("select count(distinct version) from preflight_schema_history"));
    }

    @Test
    void aWaitingEngineNamesTheHolderAndGivesUpAfterLockWait() throws Exception {
        EngineFixture fx = new EngineFixture(db, tmp);
        fx.files.dbmate("1", "slow", "select pg_sleep(3);", null);
        List<String> holders = new CopyOnWriteArrayList<>();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<MigrateResult> slow = pool.submit(() -> {
                try (Preflight p = fx.open()) {
                    return p.migrate();
                }
            });
            // Wait until the slow run holds the lock.
            long deadline = System.currentTimeMillis() + 10_000;
            while (db.queryValue("select count(*) from pg_locks where locktype = 'advisory' and granted"
                + " and database = (select oid from pg_database where datname = current_database())").equals("0")) {
                assertTrue(System.currentTimeMillis() < deadline, "the first engine never took the lock");
                Thread.sleep(20);
            }
            Map<String, String> settings = Map.of("url", db.url(), "locations", fx.files.dir().toString(),
                    "data-locations", fx.data.dir().toString(), "lock-wait", "500ms");
            MigrationListener listener = new MigrationListener() {
                @Override
                public void waitingForLock(String repo, String holder) {
                    holders.add(holder);
                }
            };
            try (Preflight waiting = Preflight.open(PreflightConfig.fromProperties(settings).defaultRepo(),
                    getClass().getClassLoader(), listener)) {
                assertTrue(waiting.lockHolder().orElseThrow().contains("preflight main"));
                LockTimeoutException e = assertThrows(LockTimeoutException.class, waiting::migrate);
                assertTrue(e.getMessage().contains("lock-wait") && e.getMessage().contains("pid "), e.getMessage());
            }
            assertFalse(holders.isEmpty());
            assertTrue(holders.get(0).contains("preflight main"), holders.toString());
            assertEquals(1, slow.get().count());
        } finally {
            pool.shutdownNow();
        }
    }
}
