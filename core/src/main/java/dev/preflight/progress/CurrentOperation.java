package dev.preflight.progress;

import dev.preflight.MigrationListener;

import java.util.Optional;

/**
 * The operation running on this thread, with its listener, while a migration or a task runs. A
 * {@link dev.preflight.backfill.Backfill} inside a Java migration reports its progress here, so it reaches the
 * CLI's output and the JMX job's log without the migration's author wiring anything.
 *
 * <pre>{@code
 * try (CurrentOperation.Binding b = CurrentOperation.bind("main", "migrate-data", listener)) {
 *     javaMigration.up(connection);        // CurrentOperation.progress(...) inside goes to listener
 * }
 * }</pre>
 *
 * <p>A thread-local rather than a parameter: {@link dev.preflight.JavaMigration#up} has only a connection, and
 * the operation and its migration always run on one thread.
 */
public final class CurrentOperation {

    private static final ThreadLocal<Bound> CURRENT = new ThreadLocal<>();

    /** What is bound: the repo, the operation (e.g. {@code migrate-data}, {@code task analyze}) and its listener. */
    public record Bound(String repo, String operation, MigrationListener listener) {
    }

    /** Undoes a {@link #bind}, restoring what was bound before (bindings nest). */
    public interface Binding extends AutoCloseable {
        @Override
        void close();
    }

    private CurrentOperation() {
    }

    /** Binds {@code listener} to this thread until the returned binding is closed. */
    public static Binding bind(String repo, String operation, MigrationListener listener) {
        Bound previous = CURRENT.get();
        CURRENT.set(new Bound(repo, operation, listener));
        return () -> {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        };
    }

    /** The operation running on this thread, if any. */
    public static Optional<Bound> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /**
     * Reports to the bound listener, if any; a listener's exception is not the operation's failure, so it is
     * dropped.
     */
    public static void progress(long done, long total, String message) {
        Bound bound = CURRENT.get();
        if (bound == null) {
            return;
        }
        try {
            bound.listener().progress(bound.repo(), bound.operation(), done, total, message);
        } catch (RuntimeException e) {
            // A broken progress display must not break a migration.
        }
    }
}
