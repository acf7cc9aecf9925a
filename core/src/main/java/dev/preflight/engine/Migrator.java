package dev.preflight.engine;

import dev.preflight.ConfigException;
import dev.preflight.Kind;
import dev.preflight.MigrateResult;
import dev.preflight.MigrationException;
import dev.preflight.MigrationListener;
import dev.preflight.MigrationStatus;
import dev.preflight.PreflightException;
import dev.preflight.RepoConfig;
import dev.preflight.StatusReport;
import dev.preflight.Target;
import dev.preflight.ValidationReport;
import dev.preflight.ValidationReport.Problem;
import dev.preflight.Version;
import dev.preflight.config.Durations;
import dev.preflight.config.LintMode;
import dev.preflight.db.AdvisoryLock;
import dev.preflight.db.Database;
import dev.preflight.db.HistoryRow;
import dev.preflight.db.HistoryTable;
import dev.preflight.db.VerifiedFiles;
import dev.preflight.engine.ScriptRunner.FailedStatement;
import dev.preflight.engine.ScriptRunner.Step;
import dev.preflight.lint.Finding;
import dev.preflight.lint.Linter;
import dev.preflight.progress.CurrentOperation;
import dev.preflight.source.Migration;
import dev.preflight.source.MigrationFinder;
import dev.preflight.source.ParsedMigrations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The engine behind {@link dev.preflight.Preflight}: each public method is one command. A command reads
 * the files and the history table once, plans, checks everything it can, and only then takes the lock
 * and runs; each migration and its history row commit together. Before migrating, the migrations about to
 * run pass the safety lint ({@code lint} setting); each runs with {@code lock_timeout} and is retried when it
 * hits it (see {@code runOne}).
 */
public final class Migrator {

    private static final Logger LOG = LoggerFactory.getLogger(Migrator.class);

    private final RepoConfig repo;
    private final ClassLoader loader;
    private final MigrationListener listener;
    private final Database database;
    private final HistoryTable table;
    private final AdvisoryLock lock;
    private final VerifiedFiles verified;
    /** Parsed migrations of unchanged files, for repeated calls on this instance (e.g. status from JConsole). */
    private final ParsedMigrations parsed = new ParsedMigrations();

    public Migrator(RepoConfig repo, ClassLoader loader, MigrationListener listener, Database database) {
        this.repo = repo;
        this.loader = loader;
        this.listener = listener;
        this.database = database;
        this.table = new HistoryTable(repo.schema(), repo.table());
        this.lock = new AdvisoryLock(repo.name(), repo.schema(), repo.table());
        this.verified = new VerifiedFiles(repo.schema(), repo.table());
    }

    private List<Migration> files(Kind kind) {
        return MigrationFinder.find(kind == Kind.DATA ? repo.dataLocations() : repo.locations(), kind, repo.name(),
                loader, repo.strict(), parsed);
    }

    private Optional<String> fingerprint(Kind kind) {
        return MigrationFinder.fingerprint(kind == Kind.DATA ? repo.dataLocations() : repo.locations(), kind,
                repo.name(), loader, repo.strict());
    }

    private History read(Connection c, Kind kind, List<Migration> files) throws SQLException {
        return new History(kind, files, table.read(c));
    }

    // ---------------------------------------------------------------- status, validate

    public StatusReport status() {
        return withFilesAndHistory(() -> List.of(files(Kind.SCHEMA), files(Kind.DATA)), (c, files, rows) -> {
            List<Migration> schemaFiles = files.get(0);
            List<Migration> dataFiles = files.get(1);
            List<MigrationStatus> lines = new ArrayList<>(new History(Kind.SCHEMA, schemaFiles, rows).statuses());
            lines.addAll(new History(Kind.DATA, dataFiles, rows).statuses());
            return new StatusReport(repo.name(), lines);
        });
    }

    public ValidationReport validate() {
        return withFilesAndHistory(() -> List.of(files(Kind.SCHEMA), files(Kind.DATA)), (c, files, rows) -> {
            List<Migration> schemaFiles = files.get(0);
            List<Migration> dataFiles = files.get(1);
            List<Problem> problems = new ArrayList<>();
            for (History h : List.of(new History(Kind.SCHEMA, schemaFiles, rows),
                    new History(Kind.DATA, dataFiles, rows))) {
                h.failed().forEach(r -> problems.add(new Problem(Problem.Kind.FAILED, failedMessage(r))));
                h.drifted().forEach(d -> problems.add(new Problem(Problem.Kind.CHANGED, driftMessage(d))));
                h.missing().forEach(r -> problems.add(new Problem(Problem.Kind.MISSING, h.kind().code() + " migration "
                        + r.version().normalized() + " " + r.name() + " is applied but its file is not found in "
                        + (h.kind() == Kind.DATA ? repo.dataLocations() : repo.locations())
                        + ". Restore the file, or check the locations setting.")));
                if (h.kind() == Kind.SCHEMA) {
                    List<Migration> pending = h.pending();
                    pending.addAll(h.repeatablesToRun());
                    if (!pending.isEmpty()) {
                        problems.add(new Problem(Problem.Kind.PENDING, pending.size() + " schema migration(s) pending: "
                                + pending.stream().map(Migration::id).collect(Collectors.joining(", "))
                                + ". Run migrate."));
                    }
                }
            }
            return new ValidationReport(repo.name(), problems);
        });
    }

    // ---------------------------------------------------------------- migrate

    /** Applies pending migrations of {@code kind} (SCHEMA or DATA) up to {@code target}. */
    public MigrateResult migrate(Kind kind, Target target) {
        String operation = kind == Kind.DATA ? "migrate-data" : "migrate";
        long start = System.nanoTime();
        // A start-up (every schema migration) whose files and history are as a full check left them: one query.
        VerifiedShortcut shortcut = kind == Kind.SCHEMA && target.isAll()
                ? VerifiedShortcut.check(database, verified, repo.name(), () -> fingerprint(kind)) : null;
        if (shortcut != null && shortcut.upToDate()) {
            return finish(new MigrateResult(repo.name(), operation, List.of(), millisSince(start)),
                    " (files and history as last checked)");
        }
        return withFilesAndHistory(() -> files(kind), (work, files, rows) -> {
            // Optimistic first look without the lock: a start-up with nothing to do costs one query.
            History history = new History(kind, files, rows);
            if (planMigrate(history, target).isEmpty()) {
                recordChecked(shortcut, work, kind);
                return finish(new MigrateResult(repo.name(), operation, List.of(), millisSince(start)));
            }
            return underLock(lockConnection -> {
                // Re-read: another instance may have applied some while we waited for the lock.
                History current = read(work, kind, files);
                List<Migration> plan = planMigrate(current, target);
                if (plan.isEmpty()) {
                    recordChecked(shortcut, work, kind);
                }
                List<Step> steps = plan.stream().map(m -> ScriptRunner.prepare(m, true)).toList();
                lintBeforeRunning(steps);
                if (!steps.isEmpty()) {
                    table.createIfMissing(work);
                }
                return finish(new MigrateResult(repo.name(), operation,
                        runAll(work, lockConnection, operation, steps, current),
                        millisSince(start)));
            });
        });
    }

    /** A full check of every schema migration found nothing to do: let the next start-up take the shortcut. */
    private void recordChecked(VerifiedShortcut shortcut, Connection work, Kind kind) {
        if (shortcut != null) {
            shortcut.record(work, () -> fingerprint(kind));
        }
    }

    private List<Migration> planMigrate(History h, Target target) {
        refuseFailed(h);
        List<History.Drift> drifted = h.drifted();
        if (!drifted.isEmpty()) {
            throw new MigrationException(drifted.stream().map(this::driftMessage).collect(Collectors.joining("\n")));
        }
        List<Migration> pending = h.pending();
        Version newest = h.newestApplied();
        if (!repo.outOfOrder() && newest != null) {
            List<Migration> old = pending.stream().filter(m -> h.order().compare(m.version(), newest) < 0).toList();
            if (!old.isEmpty()) {
                throw new MigrationException("pending " + h.kind().code() + " migration(s) older than the newest "
                        + "applied version " + newest + ": " + old.stream().map(m -> m.id() + " (" + m.origin() + ")")
                        .collect(Collectors.joining(", ")) + ". They would run out of order: give them a newer "
                        + "version, or set out-of-order=true to allow it.");
            }
        }
        List<Migration> plan;
        if (target.isAll()) {
            plan = new ArrayList<>(pending);
        } else if (target.version() != null) {
            Version to = Version.parse(target.version());
            if (!h.isKnown(to)) {
                throw new ConfigException("no " + h.kind().code() + " migration has version " + target.version()
                        + " (pending: " + ids(pending) + "). Use a version from the status table.");
            }
            plan = new ArrayList<>(pending.stream().filter(m -> h.order().compare(m.version(), to) <= 0).toList());
        } else {
            plan = new ArrayList<>(pending.subList(0, Math.min(target.steps(), pending.size())));
        }
        // Repeatables run after the versioned migrations, once none is left pending.
        if (h.kind() == Kind.SCHEMA && plan.size() == pending.size()) {
            plan.addAll(h.repeatablesToRun());
        }
        return plan;
    }

    private List<MigrateResult.Applied> runAll(Connection work, Connection lockConnection, String operation,
                                               List<Step> steps, History h)
            throws SQLException {
        listener.started(repo.name(), operation, steps.size());
        List<MigrateResult.Applied> done = new ArrayList<>();
        // One probe for the whole run, not a thread per migration: that showed in runs of thousands.
        try (BlockerProbe probe = BlockerProbe.start(lockConnection, work, repo.lockTimeout())) {
            for (int i = 0; i < steps.size(); i++) {
                runStep(work, probe, operation, steps, i, h.kind(), done);
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
        long ms = millisSince(t0);
        LOG.info("{} {}: {} {} {} ({} ms) [{}/{}]", operation, repo.name(), step.up() ? "applied" : "reverted",
                m.id(), m.name(), ms, i + 1, steps.size());
        listener.migrationFinished(repo.name(), operation, i + 1, steps.size(), m.id(), m.name(), ms);
        done.add(new MigrateResult.Applied(m.version() == null ? null : m.version().toString(), m.name(),
                m.kind(), ms));
    }

    /**
     * Runs one migration with {@code lock_timeout} set, retrying it when it hits the timeout (SQLSTATE 55P03)
     * up to {@code lock-retries} times with exponential backoff and jitter; every other error fails at once.
     * A transactional migration is retried after its rollback. A non-transactional one is retried only when its
     * first statement timed out: after that, statements before the failing one are applied and running the
     * script again would apply them twice, so it fails and is recorded as failed as usual.
     */
    private void runOne(Connection work, BlockerProbe probe, Step step, Kind kind,
                        List<MigrateResult.Applied> done) throws SQLException {
        for (int attempt = 0; ; attempt++) {
            LockTimedOut timedOut;
            // Blockers seen for an earlier migration or attempt are not this attempt's.
            probe.reset();
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
        Migration m = step.migration();
        boolean retry = attempt < repo.lockRetries();
        long t0 = System.nanoTime();
        String lockTimeout = "'" + repo.lockTimeout().toMillis() + "ms'";
        if (step.transactional()) {
            work.setAutoCommit(false);
            try {
                // SET LOCAL: the setting ends with the transaction, whatever happens. One round trip for it and the
                // statements when they succeed; statement by statement (for the error's file:line) when not.
                String setLockTimeout = "SET LOCAL lock_timeout = " + lockTimeout;
                if (!ScriptRunner.runInOneRoundTrip(work, step, setLockTimeout)) {
                    execute(work, setLockTimeout);
                    ScriptRunner.run(work, step);
                }
                recordSuccess(work, step, kind, millisSince(t0));
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
            return;
        }
        execute(work, "SET lock_timeout = " + lockTimeout);
        try {
            ScriptRunner.run(work, step);
        } catch (FailedStatement e) {
            String blockers = e.isLockTimeout() ? probe.blockers() : null;
            if (e.isLockTimeout() && e.index == 0 && retry) {
                throw new LockTimedOut(e, blockers);
            }
            if (step.up()) {
                table.insert(work, m.version(), m.name(), m.kind(), m.checksum(), millisSince(t0), false);
            } else {
                table.markFailed(work, kind, m.version(), m.name());
            }
            throw failure(step, e, done, "It ran outside a transaction, so the statements before the failing one "
                    + "are applied. It is recorded as failed and blocks further runs: fix the database by hand, then "
                    + "run repair and try again." + lockTimeoutAdvice(e, blockers, attempt));
        } finally {
            resetLockTimeout(work);
        }
        recordSuccess(work, step, kind, millisSince(t0));
    }

    /**
     * The work connection goes back to the pool: leave no session setting behind. A failure here (the
     * migration broke the connection) is logged rather than thrown, so it never hides the migration's own error.
     */
    private void resetLockTimeout(Connection work) {
        try {
            execute(work, "RESET lock_timeout");
        } catch (SQLException e) {
            LOG.warn("could not reset lock_timeout on the work connection of repo {}: {}", repo.name(), e.getMessage());
        }
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
        String before = done.isEmpty() ? "" : " The " + done.size() + " migration(s) before it ("
                + done.stream().map(MigrateResult.Applied::id).collect(Collectors.joining(", ")) + ") are "
                + (step.up() ? "applied." : "reverted.");
        return new MigrationException((step.up() ? "" : "reverting ") + step.describe() + " failed: " + e.where()
                + "\n" + consequence + before, e.getCause());
    }

    /**
     * The {@code lint} setting applied to the migrations about to run: {@code warn} logs each finding,
     * {@code error} refuses the whole command before anything runs, {@code off} skips the lint.
     */
    private void lintBeforeRunning(List<Step> steps) {
        if (repo.lint() == LintMode.OFF) {
            return;
        }
        List<Finding> findings = steps.stream().filter(s -> s.statements() != null)
                .flatMap(s -> Linter.lint(s.migration(), s.statements(), s.transactional()).stream()).toList();
        if (findings.isEmpty()) {
            return;
        }
        if (repo.lint() == LintMode.ERROR) {
            throw new MigrationException("the safety lint found " + findings.size() + " hazard(s) in the migrations"
                    + " of repo " + repo.name() + " about to run; nothing was run (lint=error):\n\n"
                    + findings.stream().map(Finding::toBlock).collect(Collectors.joining("\n"))
                    + "\nUse the safe pattern, accept a finding with -- preflight:allow <rule> above its statement,"
                    + " or set lint=warn.");
        }
        findings.forEach(f -> LOG.warn("lint {}: {}", repo.name(), f.toBlock().stripTrailing()));
    }

    /** The safety lint of every SQL migration of the repo, schema and data, applied or not; no database needed. */
    public List<Finding> lint() {
        List<Finding> findings = new ArrayList<>();
        for (Kind kind : List.of(Kind.SCHEMA, Kind.DATA)) {
            files(kind).forEach(m -> findings.addAll(Linter.lint(m)));
        }
        return findings;
    }

    // ---------------------------------------------------------------- rollback

    /** Reverts applied migrations of {@code kind} with their down scripts. */
    public MigrateResult rollback(Kind kind, Target target) {
        if (target.isAll()) {
            throw new ConfigException("rollback needs a step count or a version (--step N or --to V); "
                    + "rolling back everything at once is never implicit");
        }
        String operation = kind == Kind.DATA ? "rollback-data" : "rollback";
        long start = System.nanoTime();
        List<Migration> files = files(kind);
        return withConnection(work -> underLock(lockConnection -> {
            History h = read(work, kind, files);
            refuseFailed(h);
            List<Step> steps = planRollback(h, target).stream().map(m -> ScriptRunner.prepare(m, false)).toList();
            return finish(new MigrateResult(repo.name(), operation, runAll(work, lockConnection, operation, steps, h),
                    millisSince(start)));
        }));
    }

    private List<Migration> planRollback(History h, Target target) {
        List<HistoryRow> applied = new ArrayList<>(h.applied());
        java.util.Collections.reverse(applied);
        List<HistoryRow> revert;
        if (target.version() != null) {
            Version to = Version.parse(target.version());
            boolean zero = to.equals(Version.parse("0"));
            if (!zero && !h.isKnown(to)) {
                throw new ConfigException("no " + h.kind().code() + " migration has version " + target.version()
                        + " (applied: " + applied.stream().map(r -> r.version().normalized()).toList()
                        + "). Use a version from the status table, or 0 to revert everything.");
            }
            if (h.baseline() != null && h.order().compare(to, h.baseline().version()) < 0) {
                throw new MigrationException("cannot roll back below the baseline " + h.baseline().version()
                        + ": migrations up to it were never run by Preflight and have no history to revert.");
            }
            revert = applied.stream().filter(r -> h.order().compare(r.version(), to) > 0).toList();
        } else {
            revert = applied.subList(0, Math.min(target.steps(), applied.size()));
        }
        List<String> missing = new ArrayList<>();
        List<Migration> plan = new ArrayList<>();
        for (HistoryRow row : revert) {
            Migration file = h.file(row.version());
            if (file == null) {
                missing.add(row.version().normalized() + " " + row.name() + ": its file is not found");
            } else if (!file.hasDown()) {
                missing.add(file.id() + " " + file.name() + ": " + file.origin() + " has no down script");
            } else {
                plan.add(file);
            }
        }
        if (!missing.isEmpty()) {
            throw new MigrationException("cannot roll back " + h.kind().code() + " migrations of repo " + repo.name()
                    + "; nothing was run:\n  - " + String.join("\n  - ", missing)
                    + "\nAdd the down script(s), or roll back fewer steps.");
        }
        return plan;
    }

    // ---------------------------------------------------------------- baseline, repair

    public void baseline(String version) {
        Version v;
        try {
            v = Version.parse(version);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
        withConnection(work -> underLock(lockConnection -> {
            List<HistoryRow> rows = table.read(work);
            List<HistoryRow> schemaRows = rows.stream()
                    .filter(r -> r.kind() == Kind.SCHEMA || r.kind() == Kind.BASELINE).toList();
            if (!schemaRows.isEmpty()) {
                throw new MigrationException("repo " + repo.name() + " already has " + schemaRows.size()
                        + " schema row(s) in " + table.qualifiedName() + "; baseline is only for a database "
                        + "Preflight has not migrated yet.");
            }
            table.createIfMissing(work);
            table.insert(work, v, "<< baseline >>", Kind.BASELINE, null, 0, true);
            LOG.info("baseline {}: migrations up to {} count as applied", repo.name(), version);
            return null;
        }));
    }

    /** Drops failed rows and re-aligns checksums with the files; returns what it did. */
    public List<String> repair() {
        List<Migration> schemaFiles = files(Kind.SCHEMA);
        List<Migration> dataFiles = files(Kind.DATA);
        return withConnection(work -> underLock(lockConnection -> {
            List<HistoryRow> rows = table.read(work);
            List<String> actions = new ArrayList<>();
            for (History h : List.of(new History(Kind.SCHEMA, schemaFiles, rows),
                    new History(Kind.DATA, dataFiles, rows))) {
                for (HistoryRow r : h.failed()) {
                    actions.add("removed the failed row of " + r.kind().code() + " migration "
                            + (r.version() == null ? "R__" + r.name() : r.version().normalized()) + " " + r.name());
                }
                for (History.Drift d : h.drifted()) {
                    table.updateChecksum(work, d.row().rank(), d.file().checksum());
                    actions.add("accepted the changed file of " + h.kind().code() + " migration " + d.file().id()
                            + " (" + d.file().origin() + ")");
                }
            }
            if (rows.stream().anyMatch(r -> !r.success())) {
                table.deleteFailed(work);
            }
            actions.forEach(a -> LOG.info("repair {}: {}", repo.name(), a));
            return actions;
        }));
    }

    // ---------------------------------------------------------------- helpers

    private void refuseFailed(History h) {
        List<HistoryRow> failed = h.failed();
        if (!failed.isEmpty()) {
            throw new MigrationException(failed.stream().map(this::failedMessage).collect(Collectors.joining("\n")));
        }
    }

    private String failedMessage(HistoryRow r) {
        return r.kind().code() + " migration " + (r.version() == null ? "R__" + r.name() : r.version().normalized())
                + " " + r.name() + " failed at " + r.installedAt() + " outside a transaction and may be half-applied. "
                + "Fix the database by hand (to before or after it), then run repair and migrate again.";
    }

    private String driftMessage(History.Drift d) {
        return d.row().kind().code() + " migration " + d.file().id() + " (" + d.file().origin()
                + ") changed after it was applied (checksum " + shorten(d.row().checksum()) + " applied, "
                + shorten(d.file().checksum()) + " now). Restore the file as it was, or run repair to accept the change.";
    }

    private static String shorten(String checksum) {
        return checksum.length() > 12 ? checksum.substring(0, 12) : checksum;
    }

    private static String ids(List<Migration> ms) {
        return ms.isEmpty() ? "none" : ms.stream().map(Migration::id).collect(Collectors.joining(", "));
    }

    private MigrateResult finish(MigrateResult result) {
        return finish(result, "");
    }

    private MigrateResult finish(MigrateResult result, String note) {
        LOG.info(result.summary() + note);
        listener.finished(result);
        return result;
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    /** Who holds this repo's migration lock now, if anyone. */
    public Optional<String> lockHolder() {
        return withConnection(lock::holder);
    }

    @FunctionalInterface
    private interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    @FunctionalInterface
    private interface Locked<T> {
        /** @param lockConnection the connection holding the lock; idle otherwise, so it may watch the work */
        T run(Connection lockConnection) throws SQLException;
    }

    @FunctionalInterface
    private interface FilesWork<F, T> {
        T run(Connection c, F files, List<HistoryRow> rows) throws SQLException;
    }

    /**
     * Reads the files on this thread while the work connection is opened and the history read on another
     * ({@link HistoryInBackground}); a file error is thrown without waiting for the database, as it was when the
     * files were read first.
     */
    private <F, T> T withFilesAndHistory(Supplier<F> readFiles, FilesWork<F, T> work) {
        HistoryInBackground history = HistoryInBackground.start(database, table, repo.name());
        F files;
        try {
            files = readFiles.get();
        } catch (RuntimeException | Error e) {
            history.cancel();
            throw e;
        }
        try (Connection c = history.connection()) {
            return work.run(c, files, history.rows());
        } catch (SQLException e) {
            throw databaseError(e);
        }
    }

    private PreflightException databaseError(SQLException e) {
        return new PreflightException("database error in repo " + repo.name() + ": " + e.getMessage()
                + (e.getSQLState() == null ? "" : " (SQLSTATE " + e.getSQLState() + ")"), e);
    }

    private <T> T withConnection(SqlWork<T> work) {
        try (Connection c = database.connection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw databaseError(e);
        }
    }

    /** Runs {@code body} holding the migration lock on a connection of its own. */
    private <T> T underLock(Locked<T> body) throws SQLException {
        try (Connection lockConnection = database.connection()) {
            lock.acquire(lockConnection, repo.lockWait(), listener);
            try {
                return body.run(lockConnection);
            } finally {
                try {
                    lock.release(lockConnection);
                } catch (SQLException e) {
                    LOG.warn("Could not release the migration lock of repo {} ({}); it goes with the session",
                            repo.name(), e.getMessage());
                }
            }
        }
    }
}
