package dev.preflight.engine;

/** Wall time of the engine's steps, for results and logs. */
final class Elapsed {

    private Elapsed() {
    }

    /** Milliseconds since {@code startNanos}, a {@link System#nanoTime()}. */
    static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
