package dev.preflight.testing;

import dev.preflight.MigrationListener;
import dev.preflight.progress.ProgressLines;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A listener that keeps every progress/log line as users see it, prefixed with repo and operation:
 * {@code main task echo: rows written: 1 of 5 (20%)}.
 *
 * <pre>{@code
 * ProgressRecorder listener = new ProgressRecorder();
 * try (Preflight p = Preflight.open(repo, loader, listener)) { p.runTask("echo", args); }
 * assertTrue(listener.lines().contains("main task echo: echo ok"), listener.lines().toString());
 * }</pre>
 */
public final class ProgressRecorder implements MigrationListener {

    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void progress(String repo, String operation, long done, long total, String message) {
        lines.add(repo + " " + operation + ": " + ProgressLines.format(done, total, message));
    }

    /** The lines so far, oldest first: the live (synchronized) list, which a test may clear. */
    public List<String> lines() {
        return lines;
    }
}
