package dev.preflight.engine;

import dev.preflight.MigrationException;
import dev.preflight.source.Migration;
import dev.preflight.source.Script;
import dev.preflight.source.Tool;
import dev.preflight.sql.CopyRows;
import dev.preflight.sql.SqlSplitter;
import dev.preflight.sql.SqlSyntaxException;
import dev.preflight.sql.SqlStatement;
import java.util.List;

/**
 * Turns one direction of a migration into a ready-to-run {@link Step} (split, and decided whether it runs
 * in a transaction) and runs it. Everything that can be checked without the database is checked while
 * preparing, so a bad file stops a command before any migration of it has run. {@link StatementSender} runs it.
 */
final class ScriptRunner {

    private ScriptRunner() {
    }

    /** A migration direction ready to run. {@code statements} is null for a Java migration. */
    record Step(Migration migration, boolean up, List<SqlStatement> statements, boolean transactional) {

        String describe() {
            return "migration " + migration.id() + " " + migration.name() + " (" + migration.origin() + ")";
        }

        /** The SQL this step runs; null for a Java migration. */
        Script script() {
            return up ? migration.up() : migration.down();
        }
    }

    static Step prepare(Migration m, boolean up) {
        if (m.java() != null) {
            return new Step(m, up, null, m.java().transactional());
        }
        Script script = up ? m.up() : m.down();
        List<SqlStatement> statements = split(script);
        return new Step(m, up, statements, runsInTransaction(m, script, statements));
    }

    /**
     * The statements of {@code script}. In a large file the COPY rows left in the file must each be claimed by a
     * {@code COPY ... FROM stdin}; when one is not (its lines were inside a quoted string after all), the script is
     * split again as read whole.
     */
    private static List<SqlStatement> split(Script script) {
        List<CopyRows> inFile = script.ownCopyRows();
        if (inFile.isEmpty()) {
            return SqlSplitter.split(script.sql(), script.origin(), script.firstLine());
        }
        try {
            List<SqlStatement> statements = SqlSplitter.split(script.sql(), script.origin(), script.firstLine(),
                    inFile);
            if (statements.stream().filter(s -> s.copyRows() != null).count() == inFile.size()) {
                return statements;
            }
        } catch (SqlSyntaxException e) {
            // Judged on the whole text below, which is what the file says.
        }
        Script whole = script.whole();
        return SqlSplitter.split(whole.sql(), whole.origin(), whole.firstLine());
    }

    /**
     * Decides as the migration's own tool would ({@link Migration#runsInTransaction}); a statement that cannot
     * run in the transaction so decided is an error up front, with the marker to add.
     */
    private static boolean runsInTransaction(Migration m, Script script, List<SqlStatement> statements) {
        if (!m.runsInTransaction(statements)) {
            return false;
        }
        SqlStatement noTx = statements.stream().filter(SqlStatement::cannotRunInTransaction).findFirst().orElse(null);
        SqlStatement control = statements.stream().filter(SqlStatement::isTransactionControl).findFirst().orElse(null);
        Tool tool = m.tool();
        if (tool.detectsNonTransactionalStatements() && noTx != null && control == null) {
            SqlStatement other = statements.stream().filter(s -> !s.cannotRunInTransaction()).findFirst().orElseThrow();
            throw new MigrationException(script.origin() + ":" + noTx.line() + ": " + firstWords(noTx)
                    + " cannot run inside a transaction, but line " + other.line() + " needs one. "
                    + "Move the statement into a migration of its own, as " + tool.name() + " requires.",
                    script.origin(), noTx.line(), null);
        }
        if (noTx != null) {
            throw new MigrationException(script.origin() + ":" + noTx.line() + ": " + firstWords(noTx)
                    + " cannot run inside a transaction. Mark the migration non-transactional: "
                    + markerHint(tool) + ".", script.origin(), noTx.line(), null);
        }
        if (control != null) {
            throw new MigrationException(script.origin() + ":" + control.line() + ": " + firstWords(control)
                    + " controls the transaction, but Preflight already runs this migration in one (with its "
                    + "history row). Remove it, or mark the migration non-transactional: " + markerHint(tool) + ".",
                    script.origin(), control.line(), null);
        }
        return true;
    }

    private static String markerHint(Tool tool) {
        String own = tool.noTransactionMarker();
        return (own == null ? "" : own + ", or ") + "`-- preflight:no-transaction` in its first lines";
    }

    /** The statement's first words, quoted, on one line: for messages. */
    static String firstWords(SqlStatement s) {
        String flat = s.sql().replaceAll("\\s+", " ").strip();
        return "'" + (flat.length() > 60 ? flat.substring(0, 60) + "…" : flat) + "'";
    }
}
