package dev.preflight.db;

import dev.preflight.LockTimeoutException;
import dev.preflight.MigrationListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

/**
 * The migration lock of one history table: a session-level {@code pg_try_advisory_lock} held on its own
 * connection for the whole command. Polled with backoff rather than a blocking {@code pg_advisory_lock},
 * so that waiting can report who holds it and give up after {@code lock-wait}. A killed holder's lock
 * goes with its session: there is nothing to clean up, and by default no cut-off while the holder lives.
 */
public final class AdvisoryLock {

    private static final Logger LOG = LoggerFactory.getLogger(AdvisoryLock.class);
    private static final long REPORT_EVERY_NANOS = Duration.ofSeconds(30).toNanos();

    private final String repo;
    private final String tableName;
    private long key;
    private boolean keyKnown;

    public AdvisoryLock(String repo, String schema, String table) {
        this.repo = repo;
        this.tableName = schema + "." + table;
    }

    /**
     * Computed on first use: SHA-256 loads the JVM's security providers, which a start-up with nothing to do
     * (no lock taken) should not pay for.
     */
    private synchronized long key() {
        if (!keyKnown) {
            key = keyOf(tableName);
            keyKnown = true;
        }
        return key;
    }

    /** A stable 64-bit key per history table, so two repos in one database do not block each other. */
    static long keyOf(String name) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256")
                    .digest(("preflight:" + name).getBytes(StandardCharsets.UTF_8));
            long k = 0;
            for (int i = 0; i < 8; i++) {
                k = (k << 8) | (d[i] & 0xff);
            }
            return k;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    /**
     * Takes the lock on {@code c}, waiting while another session has it.
     *
     * @param maxWait empty = wait as long as the holder is alive
     * @throws LockTimeoutException after {@code maxWait}, naming the holder
     */
    public void acquire(Connection c, Optional<Duration> maxWait, MigrationListener listener) throws SQLException {
        long start = System.nanoTime();
        if (tryLock(c)) {
            listener.lockAcquired(repo, Duration.ofNanos(System.nanoTime() - start));
            return;
        }
        long lastReport = 0;
        long backoffMillis = 50;
        String holder = null;
        while (true) {
            long waited = System.nanoTime() - start;
            if (holder == null || waited - lastReport >= REPORT_EVERY_NANOS) {
                holder = holder(c).orElse("another session (it may just have released it)");
                lastReport = waited;
                LOG.info("Waiting for the migration lock of repo {}: held by {}", repo, holder);
                listener.waitingForLock(repo, holder);
            }
            if (maxWait.isPresent() && waited >= maxWait.get().toNanos()) {
                throw new LockTimeoutException("gave up waiting for the migration lock of repo " + repo + " after "
                        + maxWait.get().toMillis() + " ms (lock-wait); it is held by " + holder(c).orElse(holder)
                        + ". If that process is stuck, end it (pg_terminate_backend(pid)); its lock goes with its session.");
            }
            long sleep = backoffMillis;
            if (maxWait.isPresent()) {
                sleep = Math.max(1, Math.min(sleep, (maxWait.get().toNanos() - waited) / 1_000_000));
            }
            try {
                Thread.sleep(sleep);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LockTimeoutException("interrupted while waiting for the migration lock of repo " + repo, e);
            }
            backoffMillis = Math.min(backoffMillis * 2, 1_000);
            if (tryLock(c)) {
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                LOG.info("Got the migration lock of repo {} after {} ms", repo, took.toMillis());
                listener.lockAcquired(repo, took);
                return;
            }
        }
    }

    private boolean tryLock(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select pg_try_advisory_lock(?)")) {
            ps.setLong(1, key());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    public void release(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select pg_advisory_unlock(?)")) {
            ps.setLong(1, key());
            ps.execute();
        }
    }

    /** Who holds the lock now (pid, application, client, since when), or empty when nobody does. */
    public Optional<String> holder(Connection c) throws SQLException {
        // A bigint advisory key shows in pg_locks as classid = high 32 bits, objid = low 32 bits, objsubid = 1.
        try (PreparedStatement ps = c.prepareStatement("select a.pid, a.application_name, a.client_addr,"
                + " a.usename, a.backend_start, a.state, left(a.query, 120)"
                + " from pg_locks l join pg_stat_activity a on a.pid = l.pid"
                + " where l.locktype = 'advisory' and l.granted and l.objsubid = 1"
                + " and l.classid::bigint = ? and l.objid::bigint = ?"
                + " and l.database = (select oid from pg_database where datname = current_database())")) {
            ps.setLong(1, key() >>> 32);
            ps.setLong(2, key() & 0xffffffffL);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                String app = rs.getString(2);
                return Optional.of("pid " + rs.getInt(1)
                        + (app == null || app.isEmpty() ? "" : " (" + app + ")")
                        + " user " + rs.getString(4)
                        + (rs.getString(3) == null ? "" : " from " + rs.getString(3))
                        + ", connected since " + rs.getTimestamp(5).toInstant()
                        + ", state " + rs.getString(6)
                        + ", last query: " + rs.getString(7));
            }
        }
    }
}
