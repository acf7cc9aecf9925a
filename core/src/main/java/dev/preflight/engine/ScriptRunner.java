package dev.preflight.engine;

import dev.preflight.MigrationException;
import dev.preflight.source.Migration;
import dev.preflight.source.Script;
import dev.preflight.source.Tool;
import dev.preflight.sql.SqlSplitter;
import dev.preflight.sql.SqlStatement;
import org.postgresql.PGConnection;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Turns one direction of a migration into a ready-to-run {@link Step} (split, and decided whether it runs
 * in a transaction) and runs it. Everything that can be checked without the database is checked while
 * preparing, so a bad file stops a command before any migration of it has run.
 */
final class ScriptRunner {

    private ScriptRunner() {
    }

    /** A migration direction ready to run. {@code statements} is null for a Java migration. */
    record Step(Migration migration, boolean up, List<SqlStatement> statements, boolean transactional) {

        String describe() {
            return "migration " + migration.id() + " " + migration.name() + " (" + migration.origin() + ")";
        }
    }

    static Step prepare(Migration m, boolean up) {
        if (m.java() != null) {
            return new Step(m, up, null, m.java().transactional());
        }
        Script script = up ? m.up() : m.down();
        List<SqlStatement> statements = SqlSplitter.split(script.sql(), script.origin(), script.firstLine());
        return new Step(m, up, statements, runsInTransaction(m, script, statements));
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
                    + "Move the statement into a migration of its own, as " + tool.name() + " requires.");
        }
        if (noTx != null) {
            throw new MigrationException(script.origin() + ":" + noTx.line() + ": " + firstWords(noTx)
                    + " cannot run inside a transaction. Mark the migration non-transactional: "
                    + markerHint(tool) + ".");
        }
        if (control != null) {
            throw new MigrationException(script.origin() + ":" + control.line() + ": " + firstWords(control)
                    + " controls the transaction, but Preflight already runs this migration in one (with its "
                    + "history row). Remove it, or mark the migration non-transactional: " + markerHint(tool) + ".");
        }
        return true;
    }

    private static String markerHint(Tool tool) {
        String own = tool.noTransactionMarker();
        return (own == null ? "" : own + ", or ") + "`-- preflight:no-transaction` in its first lines";
    }

    private static String firstWords(SqlStatement s) {
        String flat = s.sql().replaceAll("\\s+", " ").strip();
        return "'" + (flat.length() > 60 ? flat.substring(0, 60) + "…" : flat) + "'";
    }

    /**
     * Runs the statements (or the Java migration) on {@code c} as it is set up by the caller (in a
     * transaction or not).
     *
     * @throws FailedStatement naming the line of the statement that failed
     */
    static void run(Connection c, Step step) throws FailedStatement {
        Migration m = step.migration();
        if (step.statements() == null) {
            try {
                if (step.up()) {
                    m.java().up(c);
                } else {
                    m.java().down(c);
                }
            } catch (Exception e) {
                throw new FailedStatement(m.origin(), 0, -1, e);
            }
            return;
        }
        Script script = step.up() ? m.up() : m.down();
        try (Statement s = c.createStatement()) {
            // Send the SQL exactly as written: no JDBC {escape} rewriting.
            s.setEscapeProcessing(false);
            List<SqlStatement> statements = step.statements();
            for (int i = 0; i < statements.size(); i++) {
                SqlStatement statement = statements.get(i);
                try {
                    if (!step.transactional()) {
                        InvalidIndexes.dropLeftOver(c, statement, script.origin() + ":" + statement.line());
                    }
                    if (statement.isCopyFromStdin()) {
                        c.unwrap(PGConnection.class).getCopyAPI()
                                .copyIn(statement.sql(), new StringReader(statement.copyData()));
                    } else {
                        s.execute(statement.sql());
                    }
                } catch (Exception e) {
                    throw new FailedStatement(script.origin(), statement.line(), i, e);
                }
            }
        } catch (SQLException e) {
            throw new FailedStatement(script.origin(), 0, -1, e);
        }
    }

    /**
     * Runs a transactional SQL step, after {@code first} (its {@code SET LOCAL}), in one round trip: the
     * statements joined into one {@code execute}, which the driver sends as one pipeline, as a plain-JDBC
     * migration would. Only for a step in a transaction without {@code COPY FROM stdin} (its data goes through
     * the copy API). When the joined execute fails, the transaction is rolled back and false returned: the caller
     * then runs the step statement by statement, which names the failing statement's file:line (the driver's
     * error does not say which statement of the pipeline failed) and handles lock_timeout as always. Running it
     * again is safe because nothing of the first try is left after the rollback.
     *
     * @return true when the step ran; false when it was not tried, or failed and was rolled back
     */
    static boolean runInOneRoundTrip(Connection c, Step step, String first) throws SQLException {
        if (!step.transactional() || step.statements() == null || step.statements().isEmpty()
                || step.statements().stream().anyMatch(SqlStatement::isCopyFromStdin)) {
            return false;
        }
        StringBuilder sql = new StringBuilder(first);
        for (SqlStatement statement : step.statements()) {
            // Each statement ends with its last token (never inside a comment), so ';' closes it. Nothing after the
            // ';': the driver sends each statement from there, and pg_stat_activity and the server log show the
            // statement exactly as when it is sent alone.
            sql.append(';').append(statement.sql());
        }
        try (Statement s = c.createStatement()) {
            s.setEscapeProcessing(false);
            s.execute(sql.toString());
            return true;
        } catch (SQLException e) {
            c.rollback();
            return false;
        }
    }

    /** A statement (or Java migration) failed; carries where. */
    static final class FailedStatement extends Exception {

        private static final long serialVersionUID = 1L;

        final String origin;
        final int line;
        /** Index of the failed statement in the script; -1 for a Java migration or outside any statement. */
        final int index;

        FailedStatement(String origin, int line, int index, Throwable cause) {
            super(cause.getMessage(), cause);
            this.origin = origin;
            this.line = line;
            this.index = index;
        }

        /** SQLSTATE 55P03 lock_not_available: lock_timeout (or NOWAIT) gave up waiting for a lock. */
        boolean isLockTimeout() {
            return getCause() instanceof SQLException sql && "55P03".equals(sql.getSQLState());
        }

        /** {@code origin:line: message (SQLSTATE x)}. */
        String where() {
            String state = getCause() instanceof SQLException sql && sql.getSQLState() != null
                    ? " (SQLSTATE " + sql.getSQLState() + ")" : "";
            String message = String.valueOf(getCause().getMessage()).strip();
            return origin + (line > 0 ? ":" + line : "") + ": " + message + state;
        }
    }
}
