package dev.preflight.engine;

import dev.preflight.Kind;
import dev.preflight.MigrateResult;
import dev.preflight.MigrationException;
import dev.preflight.MigrationListener;
import dev.preflight.RepoConfig;
import dev.preflight.config.Durations;
import dev.preflight.db.HistoryTable;
import dev.preflight.engine.ScriptRunner.Step;
import dev.preflight.engine.StatementSender.FailedStatement;
import dev.preflight.progress.CurrentOperation;
import dev.preflight.source.Migration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Runs the planned migrations of a command one after the other, each with its history row: {@code lock_timeout}
 * set for it, retried when it hits the timeout, and reported to the listener and the log.
 *
 * <pre>{@code
 * List<MigrateResult.Applied> done = new MigrationRunner(repo, listener, table)
 *         .runAll(work, lockConnection, "migrate", steps, Kind.SCHEMA);
 * }</pre>
 */
final class MigrationRunner {

    /** Migrator's logger, by name, as before the split: users' log settings and filters name it. */
    private static final Logger LOG = LoggerFactory.getLogger("dev.preflight.engine.Migrator");

    private final RepoConfig repo;
    private final MigrationListener listener;
    private final HistoryTable table;
    private final NonTransactionalRun nonTransactional;

    MigrationRunner(RepoConfig repo, MigrationListener listener, HistoryTable table) {
        this.repo = repo;
        this.listener = listener;
        this.table = table;
        this.nonTransactional = new NonTransactionalRun(repo, table);
    }

    List<MigrateResult.Applied> runAll(Connection work, Connection lockConnection, String operation,
                                       List<Step> steps, Kind kind) throws SQLException {
        listener.started(repo.name(), operation, steps.size());
        List<MigrateResult.Applied> done = new ArrayList<>();
        // One probe for the whole run, not a thread per migration: that showed in runs of thousands.
        try (BlockerProbe probe = BlockerProbe.start(lockConnection, work, repo.lockTimeout())) {
            for (int i = 0; i < steps.size(); i++) {
                runStep(work, probe, operation, steps, i, kind, done);
            }
        }
        return done;
    }

    private void runStep(Connection work, BlockerProbe probe, String operation, List<Step> steps, int i, Kind kind,
                         List<MigrateResult.Applied> done) throws SQLException {
        Step step = steps.get(i);
        Migration m = step.migration();
        listener.migrationStarted(repo.name(), operation, i + 1, steps.size(), m.id(), m.name());
        long t0 = System.nanoTime();
        // Code inside a Java migration (a Backfill) reports its progress to this operation's listener.
        try (CurrentOperation.Binding bound = CurrentOperation.bind(repo.name(), operation, listener)) {
            runOne(work, probe, step, kind, done);
        }
        long ms = Elapsed.millisSince(t0);
        LOG.info("{} {}: {} {} {} ({} ms) [{}/{}]", operation, repo.name(), step.up() ? "applied" : "reverted",
                m.id(), m.name(), ms, i + 1, steps.size());
        listener.migrationFinished(repo.name(), operation, i + 1, steps.size(), m.id(), m.name(), ms);
        done.add(new MigrateResult.Applied(m.version() == null ? null : m.version().toString(), m.name(),
                m.kind(), ms));
    }

    /**
     * Runs one migration with {@code lock_timeout} set, retrying it when it hits the timeout (SQLSTATE 55P03)
     * up to {@code lock-retries} times with exponential backoff and jitter; every other error fails at once.
     * A transactional migration is retried after its rollback. A non-transactional one is retried only when nothing
     * of it was applied yet (the statement that timed out was its first to change the database): after that,
     * running the script again would apply statements twice, so it fails and is recorded as failed.
     */
    private void runOne(Connection work, BlockerProbe probe, Step step, Kind kind,
                        List<MigrateResult.Applied> done) throws SQLException {
        for (int attempt = 0; ; attempt++) {
            LockTimedOut timedOut;
            // Blockers seen for an earlier migration or attempt are not this attempt's.
            probe.reset();
            probe.watch(step.describe());
            try {
                runAttempt(work, probe, step, kind, done, attempt);
                return;
            } catch (LockTimedOut e) {
                timedOut = e;
            }
            long pause = backoffMillis(attempt);
            LOG.warn("{} hit lock-timeout={} waiting for a lock at {}; blocked by {}. Retry {} of {} in {} ms",
                    step.describe(), Durations.format(repo.lockTimeout()), timedOut.failure.where(), timedOut.blockers,
                    attempt + 1, repo.lockRetries(), pause);
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MigrationException("interrupted while waiting to retry " + step.describe(), e);
            }
        }
    }

    private void runAttempt(Connection work, BlockerProbe probe, Step step, Kind kind,
                            List<MigrateResult.Applied> done, int attempt) throws SQLException, LockTimedOut {
        boolean retry = attempt < repo.lockRetries();
        if (!step.transactional()) {
            try {
                nonTransactional.run(work, probe, step, kind);
            } catch (NonTransactionalRun.Failed e) {
                String blockers = e.failure.isLockTimeout() ? probe.blockers() : null;
                if (e.failure.isLockTimeout() && e.nothingApplied && retry) {
                    throw new LockTimedOut(e.failure, blockers);
                }
                throw failure(step, e.failure, done, e.consequence + lockTimeoutAdvice(e.failure, blockers, attempt));
            }
            return;
        }
        long t0 = System.nanoTime();
        work.setAutoCommit(false);
        try {
            // SET LOCAL: the settings end with the transaction, whatever happens. Sent with the first batch of
            // statements when they succeed; statement by statement (for the error's file:line) when not.
            List<String> settings = transactionSettings();
            if (!StatementSender.sendBatched(work, step, settings)) {
                for (String setting : settings) {
                    execute(work, setting);
                }
                StatementSender.sendOneByOne(work, step);
            }
            recordSuccess(work, step, kind, Elapsed.millisSince(t0));
            work.commit();
        } catch (FailedStatement e) {
            // Ask who blocked before the rollback frees the locks this transaction took.
            String blockers = e.isLockTimeout() ? probe.blockers() : null;
            work.rollback();
            if (e.isLockTimeout() && retry) {
                throw new LockTimedOut(e, blockers);
            }
            throw failure(step, e, done, "It ran in a transaction and was rolled back: nothing of it is applied."
                    + lockTimeoutAdvice(e, blockers, attempt));
        } catch (SQLException | RuntimeException e) {
            work.rollback();
            throw e;
        } finally {
            work.setAutoCommit(true);
        }
    }

    /** {@code SET LOCAL lock_timeout}, and {@code statement_timeout} when configured. */
    private List<String> transactionSettings() {
        List<String> settings = new ArrayList<>(2);
        settings.add("SET LOCAL lock_timeout = '" + repo.lockTimeout().toMillis() + "ms'");
        repo.statementTimeout().ifPresent(t -> settings.add("SET LOCAL statement_timeout = '" + t.toMillis() + "ms'"));
        return settings;
    }

    private String lockTimeoutAdvice(FailedStatement e, String blockers, int retries) {
        if (!e.isLockTimeout()) {
            return "";
        }
        return " It waited longer than lock-timeout=" + Durations.format(repo.lockTimeout())
                + " for a lock (SQLSTATE 55P03 lock_not_available)" + (retries > 0 ? ", also in " + retries
                + " retr" + (retries == 1 ? "y" : "ies") : "") + "; blocked by " + blockers
                + ". Run it again when that session is done, or raise lock-timeout or lock-retries.";
    }

    /** Exponential backoff from 200 ms, capped at 10 s, with jitter (50-100 %) so instances do not retry in step. */
    private static long backoffMillis(int attempt) {
        long base = Math.min(10_000L, 200L << Math.min(attempt, 6));
        return base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1);
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** A migration hit lock_timeout and may be retried. */
    private static final class LockTimedOut extends Exception {

        private static final long serialVersionUID = 1L;

        final transient FailedStatement failure;
        final String blockers;

        LockTimedOut(FailedStatement failure, String blockers) {
            super(failure.getMessage(), failure, false, false);
            this.failure = failure;
            this.blockers = blockers;
        }
    }

    private void recordSuccess(Connection work, Step step, Kind kind, long ms) throws SQLException {
        Migration m = step.migration();
        if (step.up()) {
            table.insert(work, m.version(), m.name(), m.kind(), m.checksum(), ms, true);
        } else {
            table.delete(work, kind, m.version(), m.name());
        }
    }

    private MigrationException failure(Step step, FailedStatement e, List<MigrateResult.Applied> done,
                                       String consequence) {
        String before = done.isEmpty() ? "" : "\nThe " + (done.size() == 1 ? "migration" : "migrations")
                + " before it in this run " + (done.size() == 1 ? "is " : "are ") + (step.up() ? "applied: " : "reverted: ")
                + Summaries.ids(done.stream().map(MigrateResult.Applied::id).toList()) + ".";
        // The failing statement's file and line as data too: --json reports them as the error's file and line.
        return new MigrationException((step.up() ? "" : "reverting ") + step.describe() + " failed: " + e.where()
                + "\n" + consequence + before, e.origin, e.line, e.getCause());
    }

}
