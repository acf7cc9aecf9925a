package dev.preflight.engine;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Remembers which sessions block the work connection while a migration runs, so that a migration that hits
 * {@code lock_timeout} can say who blocked it. Once the statement has been cancelled it no longer waits, and
 * {@code pg_blocking_pids} of its backend is empty: the question must be asked <em>while</em> it waits. A daemon
 * thread therefore asks it a few times per lock-timeout period, on the lock connection (idle while migrations
 * run), and keeps the last non-empty answer. A statement that waits long (a concurrent index build waiting for
 * older transactions, which no lock-timeout cuts) is logged after {@link #FIRST_REPORT}, then every
 * {@link #REPORT_EVERY}, with the sessions it waits for, so that an operator sees why a start-up takes long.
 *
 * <pre>{@code
 * try (BlockerProbe probe = BlockerProbe.start(lockConnection, work, Duration.ofSeconds(5))) {
 *     ... run the migration; on SQLSTATE 55P03: probe.blockers() ...
 * }
 * }</pre>
 */
final class BlockerProbe implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BlockerProbe.class);
    private static final long MIN_PERIOD_MILLIS = 20;
    private static final long MAX_PERIOD_MILLIS = 1_000;
    private static final Duration FIRST_REPORT = Duration.ofSeconds(10);
    private static final Duration REPORT_EVERY = Duration.ofSeconds(30);

    private final Connection probe;
    private final int workPid;
    private final ScheduledExecutorService scheduler;
    private volatile String blockers;
    /** Bumped by {@link #reset()}, so that a look begun before it cannot report a blocker after it. */
    private volatile long generation;
    /** What the work connection runs now, for the log; set by {@link #watch}. */
    private volatile String watched = "the migration";
    /** Since when (nanoTime) the blockers seen have not gone; 0 while none is seen. */
    private long blockedSince;
    private long reportedAt;

    private BlockerProbe(Connection probe, int workPid, long periodMillis) {
        this.probe = probe;
        this.workPid = workPid;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "preflight-blocker-probe");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(this::look, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    /** Starts watching {@code work} from {@code probe} (another session), about four times per {@code lockTimeout}. */
    static BlockerProbe start(Connection probe, Connection work, Duration lockTimeout) throws SQLException {
        long period = Math.max(MIN_PERIOD_MILLIS, Math.min(MAX_PERIOD_MILLIS, lockTimeout.toMillis() / 4));
        return new BlockerProbe(probe, backendPid(work), period);
    }

    /**
     * Asked of the server rather than of the driver: an application's data source may hand out connections of another
     * copy of the PostgreSQL driver than the one Preflight's classes link to (the agent's is relocated).
     */
    private static int backendPid(Connection work) throws SQLException {
        try (Statement s = work.createStatement(); ResultSet rs = s.executeQuery("select pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private void look() {
        long started = generation;
        try (PreparedStatement ps = probe.prepareStatement("select a.pid, a.usename, a.application_name, a.state,"
                + " a.xact_start, left(a.query, 120) from pg_stat_activity a where a.pid = any(pg_blocking_pids(?))"
                + " order by a.pid")) {
            ps.setInt(1, workPid);
            List<String> seen = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String app = rs.getString(3);
                    seen.add("pid " + rs.getInt(1) + (app == null || app.isEmpty() ? "" : " (" + app + ")")
                            + " user " + rs.getString(2) + ", state " + rs.getString(4)
                            + (rs.getTimestamp(5) == null ? "" : ", in a transaction since "
                            + rs.getTimestamp(5).toInstant()) + ", last query: " + rs.getString(6));
                }
            }
            synchronized (this) {
                if (generation == started) {
                    if (!seen.isEmpty()) {
                        blockers = String.join("; ", seen);
                    }
                    reportLongWait(!seen.isEmpty());
                }
            }
        } catch (SQLException | RuntimeException e) {
            LOG.debug("could not look for sessions blocking pid {}: {}", workPid, e.getMessage());
        }
    }

    /** Logs a wait that has lasted {@link #FIRST_REPORT}, and again every {@link #REPORT_EVERY}. */
    private void reportLongWait(boolean blocked) {
        long now = System.nanoTime();
        if (!blocked) {
            blockedSince = 0;
            return;
        }
        if (blockedSince == 0) {
            blockedSince = now;
            reportedAt = 0;
        }
        long waited = now - blockedSince;
        if (waited >= FIRST_REPORT.toNanos() && (reportedAt == 0 || now - reportedAt >= REPORT_EVERY.toNanos())) {
            reportedAt = now;
            LOG.warn("{} has waited {} s for a lock; blocked by {}", watched, waited / 1_000_000_000L, blockers);
        }
    }

    /** Forgets what was seen: called before each migration attempt, as one probe watches a whole run. */
    synchronized void reset() {
        generation++;
        blockers = null;
        blockedSince = 0;
    }

    /** Names what the work connection runs from now on (a migration, or one of its statements), for the log. */
    synchronized void watch(String what) {
        if (!what.equals(watched)) {
            watched = what;
            blockedSince = 0;
        }
    }

    /** The sessions last seen blocking the work connection, or a sentence saying none was seen. */
    String blockers() {
        String seen = blockers;
        return seen != null ? seen : "no blocking session seen (it held the lock only briefly)";
    }

    /** Stops watching; waits for a look in progress, so the lock connection is free again afterwards. */
    @Override
    public void close() {
        // shutdown(), not shutdownNow(): no interrupt in the middle of a query on the lock connection.
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("the blocker probe did not stop within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
