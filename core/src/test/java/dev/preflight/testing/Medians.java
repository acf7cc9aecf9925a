package dev.preflight.testing;

import java.util.Arrays;

/**
 * The median of repeated measurements, as the benchmarks print them (a noisy machine makes the mean useless).
 *
 * <pre>{@code
 * long typical = Medians.of(new long[] {410, 395, 1200, 402});   // 406
 * }</pre>
 */
public final class Medians {

    private Medians() {
    }

    public static long of(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
