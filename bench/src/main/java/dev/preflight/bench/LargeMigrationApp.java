package dev.preflight.bench;

import dev.preflight.Preflight;
import dev.preflight.PreflightConfig;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.HashMap;
import java.util.Map;

/**
 * A JVM that applies the migrations of one folder and prints how long {@code migrate()} took and the peak heap it
 * used: {@code migrate-ms=<ms> peak-heap-mb=<MB>}. The peak is the sum of every heap pool's own peak since just
 * before {@code migrate()}, an upper bound of the heap in use at any one time.
 */
public final class LargeMigrationApp {

    private LargeMigrationApp() {
    }

    /**
     * @param args the database URL, the migrations folder, an empty folder for data migrations, then any settings
     *             as {@code key=value}
     */
    public static void main(String[] args) {
        Map<String, String> settings = new HashMap<>(Map.of("url", args[0], "locations", args[1],
                "data-locations", args[2]));
        for (int i = 3; i < args.length; i++) {
            settings.put(args[i].substring(0, args[i].indexOf('=')), args[i].substring(args[i].indexOf('=') + 1));
        }
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        long t0 = System.nanoTime();
        try (Preflight p = Preflight.open(PreflightConfig.fromProperties(settings))) {
            p.migrate();
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        long peak = ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        System.out.println("migrate-ms=" + ms + " peak-heap-mb=" + peak / (1 << 20));
    }
}
