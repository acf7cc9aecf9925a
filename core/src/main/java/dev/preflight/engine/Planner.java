package dev.preflight.engine;

import dev.preflight.ConfigException;
import dev.preflight.Kind;
import dev.preflight.MigrationException;
import dev.preflight.RepoConfig;
import dev.preflight.Target;
import dev.preflight.ValidationReport.Problem;
import dev.preflight.Version;
import dev.preflight.db.HistoryRow;
import dev.preflight.source.Migration;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Decides what a command will run, from the files and the history read for it, before anything runs: the pending
 * migrations up to a target, or the applied ones to revert. Everything that stops a command (a failed or
 * interrupted migration, a changed file, a migration out of order, a missing down script) is found here. Pure: no
 * I/O.
 *
 * <pre>{@code
 * List<Migration> plan = new Planner(repo).migrate(history, Target.step(2));
 * }</pre>
 */
final class Planner {

    private final RepoConfig repo;

    Planner(RepoConfig repo) {
        this.repo = repo;
    }

    /** The migrations {@code migrate} runs: pending ones up to {@code target}, then changed repeatables. */
    List<Migration> migrate(History h, Target target) {
        refuseUnfinished(h);
        List<History.Drift> drifted = h.drifted();
        if (!drifted.isEmpty()) {
            throw new MigrationException(drifted.stream().map(Planner::driftMessage).collect(Collectors.joining("\n")));
        }
        List<Migration> pending = h.pending();
        Version newest = h.newestApplied();
        if (!repo.outOfOrder() && newest != null) {
            List<Migration> old = pending.stream().filter(m -> h.order().compare(m.version(), newest) < 0).toList();
            if (!old.isEmpty()) {
                throw new MigrationException("pending " + h.kind().code() + " migration(s) older than the newest "
                        + "applied version " + newest + ": " + Summaries.ids(old.stream()
                        .map(m -> m.id() + " (" + m.origin() + ")").toList()) + ". They would run out of order: give them a newer "
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

    /** The migrations {@code rollback} reverts, newest first; every one must have a down script. */
    List<Migration> rollback(History h, Target target) {
        refuseUnfinished(h);
        List<HistoryRow> applied = new ArrayList<>(h.applied());
        Collections.reverse(applied);
        List<HistoryRow> revert;
        if (target.version() != null) {
            Version to = Version.parse(target.version());
            boolean zero = to.equals(Version.parse("0"));
            if (!zero && !h.isKnown(to)) {
                throw new ConfigException("no " + h.kind().code() + " migration has version " + target.version()
                        + " (applied: " + Summaries.ids(applied.stream().map(r -> r.version().normalized()).toList())
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

    /** Every problem that {@code validate} reports for one kind. */
    List<Problem> problems(History h, List<String> locations) {
        List<Problem> problems = new ArrayList<>();
        h.unfinished().forEach(r -> problems.add(new Problem(unfinishedKind(r), Unfinished.message(r, h.file(r)))));
        h.drifted().forEach(d -> problems.add(new Problem(Problem.Kind.CHANGED, driftMessage(d))));
        h.missing().forEach(r -> problems.add(new Problem(Problem.Kind.MISSING, h.kind().code() + " migration "
                + r.version().normalized() + " " + r.name() + " is applied but its file is not found in " + locations
                + ". Restore the file, or check the locations setting.")));
        if (h.kind() == Kind.SCHEMA) {
            List<Migration> pending = h.pending();
            pending.addAll(h.repeatablesToRun());
            if (!pending.isEmpty()) {
                problems.add(new Problem(Problem.Kind.PENDING, pending.size() + " schema migration(s) pending: "
                        + ids(pending) + ". Run migrate."));
            }
        }
        return problems;
    }

    private static Problem.Kind unfinishedKind(HistoryRow row) {
        if (row.runningNow()) {
            return Problem.Kind.RUNNING;
        }
        return row.interrupted() ? Problem.Kind.INTERRUPTED : Problem.Kind.FAILED;
    }

    /** A failed, interrupted or running non-transactional migration stops every run of its kind. */
    private void refuseUnfinished(History h) {
        List<HistoryRow> unfinished = h.unfinished();
        if (!unfinished.isEmpty()) {
            throw new MigrationException(unfinished.stream().map(r -> Unfinished.message(r, h.file(r)))
                    .collect(Collectors.joining("\n\n")));
        }
    }

    static String driftMessage(History.Drift d) {
        return d.row().kind().code() + " migration " + d.file().id() + " (" + d.file().origin()
                + ") changed after it was applied (checksum " + shorten(d.row().checksum()) + " applied, "
                + shorten(d.file().checksum()) + " now). Restore the file as it was, or run repair to accept the change.";
    }

    private static String shorten(String checksum) {
        return checksum.length() > 12 ? checksum.substring(0, 12) : checksum;
    }

    private static String ids(List<Migration> ms) {
        return Summaries.ids(ms.stream().map(Migration::id).toList());
    }
}
