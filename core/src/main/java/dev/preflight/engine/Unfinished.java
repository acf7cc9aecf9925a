package dev.preflight.engine;

import dev.preflight.db.HistoryRow;
import dev.preflight.db.HistoryRow.State;
import dev.preflight.engine.ScriptRunner.Step;
import dev.preflight.source.Migration;
import dev.preflight.sql.SqlStatement;

import java.util.List;

/**
 * What to tell a user about a non-transactional migration that did not finish: which of its statements are applied,
 * which one was running or failed (with {@code file:line}), what to check, and the two ways {@code repair} mends its
 * history row. Shared by the error of the run that failed, the refusal of every later run, and {@code validate}.
 *
 * <pre>{@code
 * Unfinished.message(row, file);   // "schema migration 3 add_index (...) was interrupted at statement 2 of 3 ..."
 * }</pre>
 */
final class Unfinished {

    /** Longer lists of statements are summed up as a range. */
    private static final int LISTED = 3;

    private Unfinished() {
    }

    /** Why the migration of {@code row} stops every run of its kind, and what to do; {@code file} may be null. */
    static String message(HistoryRow row, Migration file) {
        boolean down = row.state() == State.REVERTING || row.state() == State.REVERT_FAILED;
        Step step = prepare(file, !down);
        String what = (down ? "reverting " : "") + row.kind().code() + " migration " + row.id() + " " + row.name()
                + (file == null ? "" : " (" + file.origin() + ")");
        HistoryRow.Progress at = row.progress();
        int k = at == null ? 0 : at.statement();
        String where = statementAt(step, k, at == null ? 0 : at.statements(), down);
        if (row.runningNow()) {
            return what + " is still running outside a transaction" + where + " in database session pid "
                    + at.backendPid() + ", started at " + row.installedAt() + " by " + at.client() + ", which no"
                    + " longer holds the migration lock. Let it finish, or cancel it with"
                    + " select pg_cancel_backend(" + at.backendPid() + "); then run again.";
        }
        StringBuilder out = new StringBuilder(what);
        if (row.interrupted()) {
            out.append(" was interrupted").append(where).append(": its run, started at ").append(row.installedAt())
                    .append(at == null || at.client() == null ? "" : " by " + at.client())
                    .append(", ended with its database session (the process was killed or lost its connection).");
        } else {
            out.append(" failed").append(where).append(row.installedAt() == null ? "" : " at " + row.installedAt())
                    .append(", outside a transaction.");
        }
        out.append(progress(step, k, row.interrupted()));
        out.append(advice(row.id(), down, check(step, k, row.interrupted())));
        return out.toString();
    }

    /**
     * The consequence of a non-transactional migration's statement {@code failed} (0-based; -1 for a Java migration)
     * failing now, as the run's error says it.
     */
    static String afterFailure(Step step, int failed, boolean nothingApplied, String id) {
        boolean down = !step.up();
        if (nothingApplied) {
            return "It runs outside a transaction, and " + (failed == 0 ? "its first statement"
                    : "the first statement that changes the database") + " failed, so "
                    + (down ? "nothing of it took effect and the migration is still recorded as applied."
                    : "nothing of it is applied and it is not recorded: the next run tries it again.");
        }
        return "It ran outside a transaction" + (failed >= 0 && step.statements() != null
                ? "; of its " + (down ? "down script's " : "") + step.statements().size() + " statements,"
                + progress(step, failed + 1, false) : ", so what it did before the error is applied.")
                + " It is recorded as failed and blocks further runs."
                + advice(id, down, check(step, failed + 1, false));
    }

    /** {@code  at statement 2 of 3 (file:line)}, or nothing when not known. */
    private static String statementAt(Step step, int k, int n, boolean down) {
        if (k <= 0) {
            return "";
        }
        String line = step != null && step.statements() != null && k <= step.statements().size()
                ? " (" + step.script().origin() + ":" + step.statements().get(k - 1).line() + ")" : "";
        return " at statement " + k + " of " + n + (down ? " of its down script" : "") + line;
    }

    /** Which statements are applied, which one may or may not be, which did not run. */
    private static String progress(Step step, int k, boolean unknown) {
        if (step == null || step.statements() == null || k <= 0 || k > step.statements().size()) {
            return step != null && step.statements() == null
                    ? " It is a Java migration: what it did before it stopped is applied." : "";
        }
        List<SqlStatement> s = step.statements();
        StringBuilder out = new StringBuilder();
        out.append("\n  - applied: ").append(k == 1 ? "none" : describe(s, 0, k - 1));
        out.append("\n  - ").append(unknown ? "may or may not have taken effect: " : "failed: ")
                .append(describe(s, k - 1, k));
        if (k < s.size()) {
            out.append("\n  - not run: ").append(describe(s, k, s.size()));
        }
        return out.toString();
    }

    /** What to look at first: whether the interrupted statement took effect, or why the failed one failed. */
    private static String check(Step step, int k, boolean interrupted) {
        if (step == null || step.statements() == null || k <= 0 || k > step.statements().size()) {
            return "Check the database.";
        }
        if (!interrupted) {
            return "Fix what made statement " + k + " fail.";
        }
        return "Check whether statement " + k + " took effect." + (step.statements().get(k - 1).isConcurrent()
                ? " (An interrupted concurrent index build leaves an INVALID index, which Preflight drops before it"
                + " builds the index again.)" : "");
    }

    private static String advice(String id, boolean down, String check) {
        if (down) {
            return "\n" + check + " Then either finish reverting by hand and run"
                    + " `repair --remove " + id + "` (it counts as not applied; migrate applies it again), or redo"
                    + " what its down script undid and run `repair --mark-applied " + id + "`.";
        }
        return "\n" + check + " Then either complete the rest by hand and run"
                + " `repair --mark-applied " + id + "`, or undo what is applied and run `repair --remove " + id
                + "` (migrate then runs it again from its first statement).";
    }

    /** {@code statement 1 (line 2: CREATE TABLE nt1 ...)}, or a range for long lists. */
    static String describe(List<SqlStatement> s, int from, int to) {
        if (to - from == 1) {
            return "statement " + (from + 1) + " (line " + s.get(from).line() + ": " + ScriptRunner.firstWords(s.get(from))
                    + ")";
        }
        if (to - from <= LISTED) {
            StringBuilder out = new StringBuilder();
            for (int i = from; i < to; i++) {
                out.append(i == from ? "" : ", ").append(describe(s, i, i + 1));
            }
            return out.toString();
        }
        return "statements " + (from + 1) + " to " + to + " (lines " + s.get(from).line() + " to "
                + s.get(to - 1).line() + ")";
    }

    /** The file's statements for the messages; null when there is no file or it no longer splits. */
    private static Step prepare(Migration file, boolean up) {
        if (file == null || (!up && !file.hasDown())) {
            return null;
        }
        try {
            return ScriptRunner.prepare(file, up);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
