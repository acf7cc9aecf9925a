package dev.preflight.engine;

import dev.preflight.Kind;
import dev.preflight.MigrateResult;
import dev.preflight.MigrationListener;
import dev.preflight.MigrationStatus;
import dev.preflight.RepoConfig;
import dev.preflight.StatusReport;
import dev.preflight.Target;
import dev.preflight.ValidationReport;
import dev.preflight.ValidationReport.Problem;
import dev.preflight.ConfigException;
import dev.preflight.db.Database;
import dev.preflight.engine.ScriptRunner.Step;
import dev.preflight.lint.Finding;
import dev.preflight.lint.LintGate;
import dev.preflight.lint.LintScript;
import dev.preflight.lint.LintSettings;
import dev.preflight.lint.Linter;
import dev.preflight.source.Migration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The engine behind {@link dev.preflight.Preflight}: each public method is one command. A command reads
 * the files and the history table once, plans ({@link Planner}), checks everything it can, and only then takes
 * the lock and runs ({@link MigrationRunner}); each migration and its history row commit together. Before
 * migrating, the migrations about to run pass the safety lint ({@code lint} setting). {@code baseline} and
 * {@code repair} live in {@link Repairs}.
 */
public final class Migrator {

    private static final Logger LOG = LoggerFactory.getLogger(Migrator.class);

    private final RepoConfig repo;
    private final MigrationListener listener;
    private final RepoAccess access;
    private final Planner planner;
    private final MigrationRunner runner;
    private final Repairs repairs;

    public Migrator(RepoConfig repo, ClassLoader loader, MigrationListener listener, Database database) {
        this.repo = repo;
        this.listener = listener;
        this.access = new RepoAccess(repo, loader, listener, database);
        this.planner = new Planner(repo);
        this.runner = new MigrationRunner(repo, listener, access.table);
        this.repairs = new Repairs(access);
    }

    // ---------------------------------------------------------------- status, validate

    public StatusReport status() {
        return access.withFilesAndHistory(() -> List.of(access.files(Kind.SCHEMA), access.files(Kind.DATA)),
                (c, files, rows) -> {
                    List<MigrationStatus> lines = new ArrayList<>(new History(Kind.SCHEMA, files.get(0), rows).statuses());
                    lines.addAll(new History(Kind.DATA, files.get(1), rows).statuses());
                    return new StatusReport(repo.name(), lines);
                });
    }

    public ValidationReport validate() {
        return access.withFilesAndHistory(() -> List.of(access.files(Kind.SCHEMA), access.files(Kind.DATA)),
                (c, files, rows) -> {
                    List<Problem> problems = new ArrayList<>(planner.problems(
                            new History(Kind.SCHEMA, files.get(0), rows), access.locations(Kind.SCHEMA)));
                    problems.addAll(planner.problems(new History(Kind.DATA, files.get(1), rows),
                            access.locations(Kind.DATA)));
                    return new ValidationReport(repo.name(), problems);
                });
    }

    // ---------------------------------------------------------------- migrate, rollback

    /** Applies pending migrations of {@code kind} (SCHEMA or DATA) up to {@code target}. */
    public MigrateResult migrate(Kind kind, Target target) {
        String operation = kind == Kind.DATA ? "migrate-data" : "migrate";
        long start = System.nanoTime();
        // A start-up (every schema migration) whose files and history are as a full check left them: one query.
        VerifiedShortcut shortcut = kind == Kind.SCHEMA && target.isAll()
                ? VerifiedShortcut.check(access.database, access.verified, repo.name(), () -> access.fingerprint(kind))
                : null;
        if (shortcut != null && shortcut.upToDate()) {
            return finish(new MigrateResult(repo.name(), operation, List.of(), Elapsed.millisSince(start)),
                    " (files and history as last checked)");
        }
        return access.withFilesAndHistory(() -> access.files(kind), (work, files, rows) -> {
            // Optimistic first look without the lock: a start-up with nothing to do costs one query.
            History history = new History(kind, files, rows);
            // A non-transactional migration running now: wait for the lock, then look again.
            if (!history.runningNow() && planner.migrate(history, target).isEmpty()) {
                recordChecked(shortcut, work, kind);
                return finish(new MigrateResult(repo.name(), operation, List.of(), Elapsed.millisSince(start)));
            }
            return access.underLock(lockConnection -> {
                // Re-read: another instance may have applied some while we waited for the lock.
                History current = access.read(work, kind, files);
                List<Migration> plan = planner.migrate(current, target);
                if (plan.isEmpty()) {
                    recordChecked(shortcut, work, kind);
                }
                List<Step> steps = plan.stream().map(m -> ScriptRunner.prepare(m, true)).toList();
                lintBeforeRunning(steps, work);
                if (!steps.isEmpty()) {
                    access.table.createOrUpgrade(work, steps.stream().anyMatch(s -> !s.transactional()));
                }
                current.restartable().forEach(row -> LOG.warn("{} migration {} {} was interrupted (its run started at"
                        + " {}{} and its session is gone); it is a Java migration, so it runs again from its start",
                        row.kind().code(), row.id(), row.name(), row.installedAt(),
                        row.progress() == null ? "" : " by " + row.progress().client()));
                return finish(new MigrateResult(repo.name(), operation,
                        runner.runAll(work, lockConnection, operation, steps, kind),
                        Elapsed.millisSince(start)));
            });
        });
    }

    /** A full check of every schema migration found nothing to do: let the next start-up take the shortcut. */
    private void recordChecked(VerifiedShortcut shortcut, Connection work, Kind kind) {
        if (shortcut != null) {
            shortcut.record(work, () -> access.fingerprint(kind));
        }
    }

    /** Reverts applied migrations of {@code kind} with their down scripts. */
    public MigrateResult rollback(Kind kind, Target target) {
        if (target.isAll()) {
            throw new ConfigException("rollback needs a step count or a version (--step N or --to V); "
                    + "rolling back everything at once is never implicit");
        }
        String operation = kind == Kind.DATA ? "rollback-data" : "rollback";
        long start = System.nanoTime();
        List<Migration> files = access.files(kind);
        return access.withConnection(work -> access.underLock(lockConnection -> {
            History h = access.read(work, kind, files);
            List<Step> steps = planner.rollback(h, target).stream().map(m -> ScriptRunner.prepare(m, false)).toList();
            lintBeforeRunning(steps, work);
            if (steps.stream().anyMatch(s -> !s.transactional())) {
                access.table.createOrUpgrade(work, true);
            }
            return finish(new MigrateResult(repo.name(), operation,
                    runner.runAll(work, lockConnection, operation, steps, kind), Elapsed.millisSince(start)));
        }));
    }

    // ---------------------------------------------------------------- lint

    /** The {@code lint} setting applied to the scripts about to run, as one run ({@link LintGate}). */
    private void lintBeforeRunning(List<Step> steps, Connection work) {
        LintGate.check(repo, steps.stream().filter(s -> s.statements() != null)
                .map(s -> new LintScript(s.migration(), s.up(), s.statements(), s.transactional())).toList(), work);
    }

    /** The safety lint of every SQL migration of the repo, schema and data, up and down, applied or not; offline. */
    public List<Finding> lint() {
        return Linter.lintEach(Stream.concat(access.files(Kind.SCHEMA).stream(), access.files(Kind.DATA).stream())
                .toList(), LintSettings.of(repo));
    }

    // ---------------------------------------------------------------- baseline, repair, lock

    public void baseline(String version) {
        repairs.baseline(version);
    }

    /** Drops failed rows and re-aligns checksums with the files; returns what it did. */
    public List<String> repair() {
        return repairs.repair();
    }

    /** Records the failed or interrupted non-transactional migration {@code version} as applied. */
    public List<String> repairMarkApplied(String version) {
        return repairs.markApplied(version);
    }

    /** Removes the row of the failed or interrupted non-transactional migration {@code version}. */
    public List<String> repairRemove(String version) {
        return repairs.remove(version);
    }

    /** Refuses {@code version} at once when no failed or interrupted migration has it (see the two above). */
    public void checkRepairable(String version) {
        repairs.checkMend(version);
    }

    /** Who holds this repo's migration lock now, if anyone. */
    public Optional<String> lockHolder() {
        return access.lockHolder();
    }

    private MigrateResult finish(MigrateResult result) {
        return finish(result, "");
    }

    private MigrateResult finish(MigrateResult result, String note) {
        LOG.info(result.summary() + note);
        listener.finished(result);
        return result;
    }
}
