package dev.preflight.progress;

/**
 * The one wording of a progress line, shared by the CLI and the JMX job log.
 *
 * <pre>{@code
 * ProgressLines.format(500, 2000, "rows archived");  // "rows archived: 500 of 2000 (25%)"
 * ProgressLines.format(7, 0, "tables");              // "tables: 7"
 * ProgressLines.format(-1, 0, "analyzed todos");     // "analyzed todos"
 * }</pre>
 */
public final class ProgressLines {

    private ProgressLines() {
    }

    /** {@code message: done of total (p%)}; just {@code message} for a log line ({@code done} below 0). */
    public static String format(long done, long total, String message) {
        String text = message == null ? "" : message;
        if (done < 0) {
            return text;
        }
        String prefix = text.isEmpty() ? "" : text + ": ";
        if (total <= 0) {
            return prefix + done;
        }
        return prefix + done + " of " + total + " (" + Math.min(100, done * 100 / total) + "%)";
    }
}
