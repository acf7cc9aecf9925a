package dev.preflight.bench;

import dev.preflight.Preflight;
import dev.preflight.PreflightConfig;
import dev.preflight.testing.MigrationFiles;
import dev.preflight.testing.TestDatabase;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Map;

/**
 * What a no-op {@code migrate()} (nothing pending) costs, against a bare JDBC {@code select} in the same
 * JVM, for 10 and N migrations: time (median) and server round trips (transactions the server counted).
 * Not a test: run {@code scripts/bench-noop [N]}. Prints ratios; asserts nothing.
 */
public final class NoOpBenchmark {

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        System.out.printf("no-op migrate, %d rounds each (median)%n", rounds);
        System.out.printf("%-8s %14s %14s %8s %16s %16s%n", "N", "floor ms", "preflight ms", "ratio",
                "floor trips", "preflight trips");
        for (int size : new int[]{10, n}) {
            run(size, rounds);
        }
    }

    private static void run(int size, int rounds) throws Exception {
        TestDatabase db = new TestDatabase();
        db.create();
        Path dir = Files.createTempDirectory("preflight-bench");
        try {
            MigrationFiles files = new MigrationFiles(dir);
            for (int i = 1; i <= size; i++) {
                files.dbmate(String.format("%05d", i), "t" + i, "create table t" + i
                        + " (id bigint primary key, v text);\ncreate index t" + i + "_v on t" + i + " (v);", null);
            }
            PreflightConfig config = PreflightConfig.fromProperties(Map.of("url", db.url(),
                    "locations", dir.toString(), "data-locations", dir.resolve("none").toString()));
            try (Preflight p = Preflight.open(config)) {
                p.migrate();
            }
            // Floor: what any tool must do at least: ask the database for its newest version.
            double[] floor = new double[rounds];
            double[] preflight = new double[rounds];
            long floorTrips;
            long preflightTrips;
            try (Connection c = DriverManager.getConnection(db.url())) {
                Preflight p = Preflight.open(config);
                p.migrate(); // warm: pool open, classes loaded
                for (int r = 0; r < rounds; r++) {
                    long t0 = System.nanoTime();
                    try (Statement s = c.createStatement();
                         ResultSet rs = s.executeQuery("select max(version) from preflight_schema_history")) {
                        rs.next();
                    }
                    floor[r] = (System.nanoTime() - t0) / 1e6;
                    t0 = System.nanoTime();
                    if (p.migrate().count() != 0) {
                        throw new IllegalStateException("expected nothing pending");
                    }
                    preflight[r] = (System.nanoTime() - t0) / 1e6;
                }
                p.close();
            }
            // Round trips: transactions the server counts for one fresh floor query and one fresh no-op run.
            // A backend flushes its counters when it disconnects, so each side runs on its own connections.
            long before = commits(db);
            try (Connection c = DriverManager.getConnection(db.url()); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select max(version) from preflight_schema_history")) {
                rs.next();
            }
            long mid = commits(db);
            try (Preflight p = Preflight.open(config)) {
                p.migrate();
            }
            long after = commits(db);
            // Each commits() call adds its own one transaction to the next reading.
            floorTrips = mid - before - 1;
            preflightTrips = after - mid - 1;
            double f = median(floor);
            double q = median(preflight);
            System.out.printf("%-8d %14.3f %14.3f %7.1fx %16d %16d%n", size, f, q, q / f, floorTrips, preflightTrips);
        } finally {
            db.drop();
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(pth -> pth.toFile().delete());
            }
        }
    }

    /** Transactions the server has committed in this database (each autocommit statement is one). */
    private static long commits(TestDatabase db) throws Exception {
        Thread.sleep(300); // let the backends that just disconnected flush their counters
        try (Connection stats = db.connect(); Statement s = stats.createStatement();
             ResultSet rs = s.executeQuery("select xact_commit + xact_rollback from pg_stat_database"
                     + " where datname = current_database()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
