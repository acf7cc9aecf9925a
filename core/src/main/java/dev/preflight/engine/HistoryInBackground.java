package dev.preflight.engine;

import dev.preflight.db.Database;
import dev.preflight.db.HistoryRow;
import dev.preflight.db.HistoryTable;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Opens the work connection and reads the history table on a thread of its own, while the caller lists, reads and
 * checksums the files: in a fresh JVM (an agent's start-up) each takes about as long as the other, and the machine
 * has a second core for it.
 *
 * <pre>{@code
 * HistoryInBackground history = HistoryInBackground.start(database, table, repo.name());
 * List<Migration> files;
 * try {
 *     files = MigrationFinder.find(...);
 * } catch (RuntimeException e) {
 *     history.cancel();                        // the files' error is reported, without waiting for the database
 *     throw e;
 * }
 * try (Connection c = history.connection()) { ... history.rows() ... }
 * }</pre>
 *
 * <p>Errors come out in the order they did when one followed the other: a file error first (it is what the user
 * must fix, and must not wait out {@code connect-retry} behind a database that is down), then the database's,
 * unchanged ({@link dev.preflight.DatabaseUnavailableException} after connect-retry, or the history's
 * {@link SQLException}).
 */
final class HistoryInBackground {

    private record Read(Connection connection, List<HistoryRow> rows) {
    }

    private final CompletableFuture<Read> read = new CompletableFuture<>();
    private final Thread thread;
    private List<HistoryRow> rows;

    private HistoryInBackground(Database database, HistoryTable table, String repo) {
        thread = new Thread(() -> {
            Connection c = null;
            try {
                c = database.connection();
                read.complete(new Read(c, table.read(c)));
            } catch (Throwable e) {
                closeQuietly(c);
                read.completeExceptionally(e);
            }
        }, "preflight-history-" + repo);
        // Never keeps the JVM up; and finds the driver as the caller's thread would.
        thread.setDaemon(true);
        thread.setContextClassLoader(Thread.currentThread().getContextClassLoader());
    }

    static HistoryInBackground start(Database database, HistoryTable table, String repo) {
        HistoryInBackground history = new HistoryInBackground(database, table, repo);
        history.thread.start();
        return history;
    }

    /**
     * The work connection, once the history is read; the caller closes it.
     *
     * @throws SQLException the history's read failed
     * @throws RuntimeException as {@link Database#connection()} throws it (e.g. the database did not answer)
     */
    Connection connection() throws SQLException {
        Read done;
        try {
            done = read.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SQLException sql) {
                throw sql;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw e;
        }
        rows = done.rows();
        return done.connection();
    }

    /** Every history row, in installation order; after {@link #connection()}. */
    List<HistoryRow> rows() {
        return rows;
    }

    /**
     * The caller failed before it needed the history: stop waiting for the database (an interrupted connect-retry
     * gives up at once) and close the connection if it came. Returns once the thread is done, so that nothing of this
     * command is left running behind the error.
     */
    void cancel() {
        thread.interrupt();
        Read done = read.handle((r, e) -> r).join();
        closeQuietly(done == null ? null : done.connection());
    }

    private static void closeQuietly(Connection c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (SQLException | RuntimeException e) {
            // Already failing or cancelled: the connection goes back to the pool or away with it.
        }
    }
}
