package dev.preflight.lint;

import dev.preflight.source.Migration;
import dev.preflight.source.Script;
import dev.preflight.sql.SqlSplitter;
import dev.preflight.sql.SqlStatement;

import java.util.List;

/**
 * One direction of a migration as a command is about to run it: its statements, split, and whether it runs in a
 * transaction (the engine's decision). A list of these, in the order they run, is what {@link Linter#lint(List,
 * LintSettings)} lints as one run.
 *
 * <pre>{@code
 * LintScript up = LintScript.of(migration, true);     // split here; transactional as the migration's layout decides
 * }</pre>
 *
 * @param migration the migration the script belongs to
 * @param up true for the up script, false for the down script
 * @param statements the script's statements, as the splitter returned them
 * @param transactional whether the engine runs the script inside a transaction
 */
public record LintScript(Migration migration, boolean up, List<SqlStatement> statements, boolean transactional) {

    public LintScript {
        statements = List.copyOf(statements);
    }

    /**
     * One direction of a SQL migration, split, and transactional as {@link Migration#runsInTransaction} decides.
     *
     * @throws IllegalArgumentException when the migration has no SQL for that direction
     * @throws dev.preflight.sql.SqlSyntaxException when the script cannot be split (file:line)
     */
    public static LintScript of(Migration migration, boolean up) {
        Script script = up ? migration.up() : migration.down();
        if (script == null) {
            throw new IllegalArgumentException(migration.origin() + " has no " + (up ? "up" : "down") + " SQL script");
        }
        List<SqlStatement> statements = SqlSplitter.split(script.sql(), script.origin(), script.firstLine());
        return new LintScript(migration, up, statements, migration.runsInTransaction(statements));
    }

    /** The script itself: its file and text, for {@code file:line} and the allow comments. */
    public Script script() {
        return up ? migration.up() : migration.down();
    }
}
