package dev.preflight.engine;

import dev.preflight.Kind;
import dev.preflight.RepoConfig;
import dev.preflight.db.HistoryRow;
import dev.preflight.db.HistoryTable;
import dev.preflight.db.ThisProcess;
import dev.preflight.engine.ScriptRunner.Step;
import dev.preflight.engine.StatementSender.FailedStatement;
import dev.preflight.source.Migration;
import dev.preflight.sql.SqlStatement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Runs one migration outside a transaction, statement by statement in auto-commit, with its state in the history
 * table: before the first statement a row is written and committed ({@code running}, or {@code reverting} for a
 * down script, with the process and the database session), each statement's number is recorded before it runs,
 * and the row ends as {@code applied} (a down script's row is deleted) or, after an error, {@code failed}. So a
 * process killed half-way leaves a row that says at which statement it stopped. When the statement that failed is
 * the first one that changes the database (a lock timeout, a cancelled concurrent build), nothing was applied: the
 * row goes away (a down's row is applied again), so the next run simply tries again.
 *
 * <p>Session settings: {@code lock_timeout} for every statement but the concurrent ones ({@link
 * SqlStatement#isConcurrent}), which wait for older transactions without blocking the application and may wait as
 * long as {@code statement-timeout} allows; once the script sets {@code lock_timeout} itself, its value stays.
 * Everything set is reset before the connection goes back to the pool.
 */
final class NonTransactionalRun {

    private static final Logger LOG = LoggerFactory.getLogger(NonTransactionalRun.class);

    private final RepoConfig repo;
    private final HistoryTable table;

    NonTransactionalRun(RepoConfig repo, HistoryTable table) {
        this.repo = repo;
        this.table = table;
    }

    /** The migration stopped at a statement; its history row says so (or is gone when nothing was applied). */
    static final class Failed extends Exception {

        private static final long serialVersionUID = 1L;

        final transient FailedStatement failure;
        final boolean nothingApplied;
        final String consequence;

        Failed(FailedStatement failure, boolean nothingApplied, String consequence) {
            super(failure.getMessage(), failure, false, false);
            this.failure = failure;
            this.nothingApplied = nothingApplied;
            this.consequence = consequence;
        }
    }

    void run(Connection work, BlockerProbe probe, Step step, Kind kind) throws SQLException, Failed {
        Migration m = step.migration();
        List<SqlStatement> statements = step.statements();
        int n = statements == null ? 0 : statements.size();
        long t0 = System.nanoTime();
        long rank = step.up()
                ? table.insertRunning(work, m.version(), m.name(), m.kind(), m.checksum(), n, ThisProcess.describe())
                : table.startReverting(work, kind, m.version(), m.name(), n, ThisProcess.describe());
        Settings settings = new Settings(work);
        int at = 0;
        try {
            settings.start();
            if (statements == null) {
                probe.watch(step.describe());
                StatementSender.runJava(work, step);
            } else {
                for (at = 0; at < n; at++) {
                    if (at > 0) {
                        table.progress(work, rank, at + 1);
                    }
                    settings.before(statements.get(at));
                    probe.watch(step.describe() + " at " + step.script().origin() + ":" + statements.get(at).line());
                    StatementSender.send(work, step, at);
                }
            }
        } catch (FailedStatement e) {
            boolean nothingApplied = stopped(work, rank, step, e.index, t0);
            throw new Failed(e, nothingApplied, Unfinished.afterFailure(step, e.index, nothingApplied, m.id()));
        } catch (SQLException | RuntimeException e) {
            // Not the migration's statement but the work around it (a setting, a progress write): the row must not
            // stay "running" in a session that lives on in the pool.
            try {
                stopped(work, rank, step, statements == null ? -1 : at, t0);
            } catch (SQLException | RuntimeException again) {
                e.addSuppressed(again);
            }
            throw e;
        } finally {
            settings.reset();
        }
        if (step.up()) {
            table.markApplied(work, rank, Elapsed.millisSince(t0));
        } else {
            table.delete(work, kind, m.version(), m.name());
        }
    }

    /**
     * Records that the migration stopped at statement {@code index} (0-based; -1 for a Java migration): its row goes
     * (a down's is applied again) when nothing was applied, else it stays as failed.
     *
     * @return whether nothing was applied
     */
    private boolean stopped(Connection work, long rank, Step step, int index, long t0) throws SQLException {
        boolean nothingApplied = nothingApplied(step.statements(), index);
        if (nothingApplied && step.up()) {
            table.delete(work, rank);
        } else if (nothingApplied) {
            table.markApplied(work, rank, 0);
        } else {
            table.markFailed(work, rank, step.up() ? HistoryRow.State.FAILED : HistoryRow.State.REVERT_FAILED,
                    index + 1, Elapsed.millisSince(t0));
        }
        return nothingApplied;
    }

    /** Nothing was applied when every statement before the failing one only changed the session. */
    private static boolean nothingApplied(List<SqlStatement> statements, int failed) {
        if (statements == null || failed < 0) {
            return false;
        }
        for (int i = 0; i < failed; i++) {
            if (!statements.get(i).changesOnlySession()) {
                return false;
            }
        }
        return true;
    }

    /** The session settings of the work connection while the migration runs. */
    private final class Settings {

        private final Connection work;
        private final String lockTimeout = "'" + repo.lockTimeout().toMillis() + "ms'";
        private String currentLockTimeout;
        private boolean scriptSetsLockTimeout;

        Settings(Connection work) {
            this.work = work;
        }

        void start() throws SQLException {
            if (repo.statementTimeout().isPresent()) {
                execute("SET statement_timeout = '" + repo.statementTimeout().get().toMillis() + "ms'");
            }
            setLockTimeout(lockTimeout);
        }

        /** lock_timeout for the next statement: none for a concurrent one, unless the script chose its own. */
        void before(SqlStatement statement) throws SQLException {
            if (scriptSetsLockTimeout || statement.setsSetting("lock_timeout")) {
                scriptSetsLockTimeout = true;
                return;
            }
            setLockTimeout(statement.isConcurrent() ? "0" : lockTimeout);
        }

        private void setLockTimeout(String value) throws SQLException {
            if (!value.equals(currentLockTimeout)) {
                execute("SET lock_timeout = " + value);
                currentLockTimeout = value;
            }
        }

        /**
         * The work connection goes back to the pool: leave no session setting behind. A failure here (the migration
         * broke the connection) is logged rather than thrown, so it never hides the migration's own error.
         */
        void reset() {
            try {
                execute("RESET lock_timeout");
                if (repo.statementTimeout().isPresent()) {
                    execute("RESET statement_timeout");
                }
            } catch (SQLException e) {
                LOG.warn("could not reset the session settings of the work connection of repo {}: {}", repo.name(),
                        e.getMessage());
            }
        }

        private void execute(String sql) throws SQLException {
            try (Statement s = work.createStatement()) {
                s.execute(sql);
            }
        }
    }
}
