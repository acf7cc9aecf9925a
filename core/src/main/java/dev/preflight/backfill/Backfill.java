package dev.preflight.backfill;

import dev.preflight.progress.CurrentOperation;
import dev.preflight.progress.ProgressThrottle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Updates a large table in batches by key range, so that no statement holds row locks on more than one batch
 * and no transaction runs long: each batch and its recorded position commit together, so a backfill that is
 * killed resumes after the last committed batch and updates every row exactly once. Throttled by a pause
 * between batches and an optional rate limit; progress (rows done of an estimate, rate, ETA) goes to the log,
 * to an optional listener, and to the running operation's {@link dev.preflight.MigrationListener#progress} (the
 * CLI's output, the JMX job's log; at most one line a second) when it runs inside a Java migration or a task.
 *
 * <pre>{@code
 * public class V8__BackfillTokens implements JavaMigration {
 *     public Kind kind() { return Kind.DATA; }
 *     public boolean transactional() { return false; }   // a backfill commits per batch
 *     public void up(Connection c) throws SQLException {
 *         Backfill.of("users_token", "users", "id", "token = gen_random_uuid()")
 *                 .where("token is null").batchSize(5_000).pause(Duration.ofMillis(50)).run(c);
 *     }
 * }
 * }</pre>
 *
 * <p>The table, key and assignments are SQL written by the developer, used as written. The key must be a
 * unique integer column (typically the primary key). Positions live in {@code preflight_backfill} in the
 * connection's current schema, one row per backfill name.
 */
public final class Backfill {

    private static final Logger LOG = LoggerFactory.getLogger(Backfill.class);
    private static final long LOG_EVERY_NANOS = 5_000_000_000L;

    private final String name;
    private final String table;
    private final String key;
    private final String assignments;
    private String where;
    private int batchSize = 10_000;
    private Duration pause = Duration.ZERO;
    private long maxRowsPerSecond;
    private Consumer<Progress> listener = p -> { };

    /**
     * Progress after a committed batch.
     *
     * @param name the backfill
     * @param rowsDone rows updated so far, earlier runs included
     * @param estimatedRows the planner's estimate of the table's rows (0 when unknown)
     * @param rowsPerSecond the rate of this run
     * @param lastKey the key up to which the table is done
     */
    public record Progress(String name, long rowsDone, long estimatedRows, double rowsPerSecond, long lastKey) {

        /** Estimated time left, or null when it cannot be told. */
        public Duration eta() {
            if (rowsPerSecond <= 0 || estimatedRows <= rowsDone) {
                return null;
            }
            return Duration.ofMillis((long) ((estimatedRows - rowsDone) / rowsPerSecond * 1000));
        }
    }

    /** What a run did. */
    public record Result(long rowsUpdated, long rowsDoneInTotal, int batches, long resumedAfterKey) {
    }

    private Backfill(String name, String table, String key, String assignments) {
        this.name = Objects.requireNonNull(name, "name");
        this.table = Objects.requireNonNull(table, "table");
        this.key = Objects.requireNonNull(key, "key");
        this.assignments = Objects.requireNonNull(assignments, "assignments");
    }

    /**
     * @param name identifies the backfill's recorded position; reusing a name resumes it
     * @param table the table to update, e.g. {@code public.users}
     * @param key its unique integer key column, e.g. {@code id}
     * @param assignments the SET list, e.g. {@code token = gen_random_uuid()}
     */
    public static Backfill of(String name, String table, String key, String assignments) {
        return new Backfill(name, table, key, assignments);
    }

    /** Only rows matching this condition are updated (SQL, as written). */
    public Backfill where(String condition) {
        this.where = condition;
        return this;
    }

    /** Keys per batch (default 10,000). */
    public Backfill batchSize(int keys) {
        if (keys < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, got " + keys);
        }
        this.batchSize = keys;
        return this;
    }

    /** Sleep between batches (default none), to leave room for the application's own queries. */
    public Backfill pause(Duration pause) {
        this.pause = Objects.requireNonNull(pause, "pause");
        return this;
    }

    /** Upper bound of the update rate; 0 (default) = no bound. */
    public Backfill maxRowsPerSecond(long rows) {
        this.maxRowsPerSecond = rows;
        return this;
    }

    /** Called after each committed batch; an exception from it stops the backfill (its batches stay done). */
    public Backfill onProgress(Consumer<Progress> listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
        return this;
    }

    /**
     * Runs or resumes the backfill on {@code c}, which must be in auto-commit mode (the backfill commits per
     * batch, so it cannot run inside the caller's transaction). Leaves {@code c} in auto-commit mode.
     */
    public Result run(Connection c) throws SQLException {
        if (!c.getAutoCommit()) {
            throw new IllegalStateException("backfill " + name + " commits per batch, so it cannot run inside a"
                    + " transaction: run it from a non-transactional migration or task (transactional() = false)");
        }
        try (Statement s = c.createStatement()) {
            s.execute("create table if not exists preflight_backfill (name text primary key, last_key bigint,"
                    + " rows_done bigint not null default 0, updated_at timestamptz not null default now())");
        }
        try (PreparedStatement ps = c.prepareStatement("insert into preflight_backfill (name) values (?)"
                + " on conflict do nothing")) {
            ps.setString(1, name);
            ps.execute();
        }
        long lastKey;
        long rowsDone;
        try (PreparedStatement ps = c.prepareStatement("select last_key, rows_done from preflight_backfill"
                + " where name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                lastKey = rs.getObject(1) == null ? Long.MIN_VALUE : rs.getLong(1);
                rowsDone = rs.getLong(2);
            }
        }
        long resumedAfter = lastKey;
        if (lastKey != Long.MIN_VALUE) {
            LOG.info("backfill {}: resuming after {} = {} ({} rows done before)", name, key, lastKey, rowsDone);
        }
        long estimated = estimate(c);
        String upper = "select max(" + key + ") from (select " + key + " from " + table + " where " + key + " > ?"
                + " order by " + key + " limit ?) batch";
        String update = "update " + table + " set " + assignments + " where " + key + " > ? and " + key + " <= ?"
                + (where == null ? "" : " and (" + where + ")");
        long start = System.nanoTime();
        long lastLog = start;
        // The running migration's or task's listener (the CLI's output, the JMX job's log), if any.
        CurrentOperation.Bound operation = CurrentOperation.current().orElse(null);
        ProgressThrottle shown = new ProgressThrottle();
        long updated = 0;
        int batches = 0;
        c.setAutoCommit(false);
        try (PreparedStatement findUpper = c.prepareStatement(upper);
             PreparedStatement apply = c.prepareStatement(update);
             PreparedStatement record = c.prepareStatement("update preflight_backfill set last_key = ?,"
                     + " rows_done = rows_done + ?, updated_at = now() where name = ?")) {
            while (true) {
                findUpper.setLong(1, lastKey);
                findUpper.setInt(2, batchSize);
                long to;
                try (ResultSet rs = findUpper.executeQuery()) {
                    rs.next();
                    to = rs.getLong(1);
                    if (rs.wasNull()) {
                        c.commit();
                        break;
                    }
                }
                apply.setLong(1, lastKey);
                apply.setLong(2, to);
                int n = apply.executeUpdate();
                record.setLong(1, to);
                record.setLong(2, n);
                record.setString(3, name);
                record.executeUpdate();
                // The batch and its position commit together: a kill after this line loses nothing, before it
                // undoes both, so no row is ever updated twice.
                c.commit();
                lastKey = to;
                updated += n;
                rowsDone += n;
                batches++;
                long now = System.nanoTime();
                double rate = updated / Math.max(1e-9, (now - start) / 1e9);
                Progress progress = new Progress(name, rowsDone, estimated, rate, lastKey);
                if (now - lastLog >= LOG_EVERY_NANOS) {
                    lastLog = now;
                    Duration eta = progress.eta();
                    LOG.info("backfill {}: {} of ~{} rows, {} rows/s{}", name, rowsDone, estimated, Math.round(rate),
                            eta == null ? "" : ", about " + eta.toSeconds() + " s left");
                }
                if (operation != null && shown.due(rowsDone, estimated)) {
                    // A stale estimate below the rows done is no total at all.
                    CurrentOperation.progress(rowsDone, estimated >= rowsDone ? estimated : 0, line(progress));
                }
                listener.accept(progress);
                throttle(start, updated);
            }
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
        LOG.info("backfill {}: done, {} rows in this run ({} in total), {} batches", name, updated, rowsDone, batches);
        if (operation != null) {
            CurrentOperation.progress(-1, 0, "backfill " + name + ": done, " + updated + " rows in this run ("
                    + rowsDone + " in total), " + batches + " batches");
        }
        return new Result(updated, rowsDone, batches, resumedAfter);
    }

    /** {@code backfill users_token rows, 1200/s, about 40 s left}: the message of a progress line. */
    private static String line(Progress p) {
        Duration eta = p.eta();
        return "backfill " + p.name() + " rows, " + Math.round(p.rowsPerSecond()) + "/s"
                + (eta == null ? "" : ", about " + eta.toSeconds() + " s left");
    }

    private long estimate(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select greatest(reltuples, 0)::bigint from pg_class"
                + " where oid = to_regclass(?)")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    private void throttle(long startNanos, long updated) {
        long sleepMillis = pause.toMillis();
        if (maxRowsPerSecond > 0) {
            long dueMillis = updated * 1000 / maxRowsPerSecond;
            long elapsedMillis = (System.nanoTime() - startNanos) / 1_000_000;
            sleepMillis = Math.max(sleepMillis, dueMillis - elapsedMillis);
        }
        if (sleepMillis > 0) {
            try {
                Thread.sleep(sleepMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("backfill " + name + " interrupted; it resumes where it stopped", e);
            }
        }
    }
}
