package dev.preflight.progress;

/**
 * Lets through the first progress report, the last one ({@code done == total}) and at most one a second in
 * between, so a loop that reports after every row or batch does not flood a terminal or a job's log.
 */
public final class ProgressThrottle {

    private static final long EVERY_NANOS = 1_000_000_000L;

    private long last;
    private boolean any;

    /** True when this report should be shown. */
    public synchronized boolean due(long done, long total) {
        long now = System.nanoTime();
        if (!any || (total > 0 && done >= total) || now - last >= EVERY_NANOS) {
            any = true;
            last = now;
            return true;
        }
        return false;
    }
}
