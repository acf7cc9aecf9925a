package dev.preflight.engine;

import dev.preflight.engine.ScriptRunner.Step;
import dev.preflight.source.Migration;
import dev.preflight.sql.SqlStatement;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Sends the statements of a prepared {@link Step} (or runs its Java migration) on a connection set up by the
 * caller, and says which statement failed, with its {@code file:line}.
 *
 * <p>Two ways. {@link #sendBatched} is the fast one, for a step in a transaction: runs of statements that return
 * no rows go to the server as JDBC batches (pipelined, a round trip per chunk), so a seed file of 100,000 INSERTs
 * costs time linear in its length; a statement that returns rows goes alone (a batch would read only its first
 * row), {@code COPY ... FROM stdin} through the copy API. A batch that fails does not say which of its statements
 * failed, so the caller then rolls back and runs the step again {@link #sendOneByOne one by one}, which names the
 * statement. (One multi-statement {@code execute} would not do: pgjdbc chains its results one by one, which is
 * quadratic in the number of statements.)
 */
final class StatementSender {

    /** At most this many statements, or {@link #CHUNK_CHARS} characters of SQL, go in one batch. */
    private static final int CHUNK_STATEMENTS = 1_000;
    private static final int CHUNK_CHARS = 1 << 20;

    private StatementSender() {
    }

    /**
     * Runs a transactional SQL step, after {@code settings} (its {@code SET LOCAL}s), in batches. When it fails,
     * the transaction is rolled back and false returned: the caller then runs the step {@link #sendOneByOne one by
     * one}, which names the failing statement's file:line and handles lock_timeout as always. Running it again is
     * safe because nothing of the first try is left after the rollback.
     *
     * @return true when the step ran; false when it was not tried (a Java migration, or not in a transaction), or
     *         failed and was rolled back
     */
    static boolean sendBatched(Connection c, Step step, List<String> settings) throws SQLException {
        if (!step.transactional() || step.statements() == null) {
            return false;
        }
        try (Statement s = c.createStatement()) {
            // Send the SQL exactly as written: no JDBC {escape} rewriting.
            s.setEscapeProcessing(false);
            Batch batch = new Batch(s);
            for (String setting : settings) {
                batch.add(setting);
            }
            for (SqlStatement statement : step.statements()) {
                if (statement.isCopyFromStdin()) {
                    batch.flush();
                    copyIn(c, statement);
                } else if (!statement.returnsNoRows() || !batch.add(statement.sql())) {
                    batch.flush();
                    s.execute(statement.sql());
                }
            }
            batch.flush();
            return true;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            return false;
        }
    }

    /** Statements collected for one {@code executeBatch}. */
    private static final class Batch {

        private final Statement statement;
        private int size;
        private int chars;

        Batch(Statement statement) {
            this.statement = statement;
        }

        /** Adds {@code sql}, sending the batch first when it is full; false when the driver will not batch it. */
        boolean add(String sql) throws SQLException {
            if (size >= CHUNK_STATEMENTS || chars + sql.length() > CHUNK_CHARS) {
                flush();
            }
            try {
                statement.addBatch(sql);
            } catch (SQLException e) {
                // pgjdbc refuses what it reads as several statements; such a statement is sent alone.
                return false;
            }
            size++;
            chars += sql.length();
            return true;
        }

        void flush() throws SQLException {
            if (size > 0) {
                size = 0;
                chars = 0;
                statement.executeBatch();
            }
        }
    }

    /**
     * Runs the statements (or the Java migration) one at a time on {@code c} as it is set up by the caller (in a
     * transaction or not).
     *
     * @throws FailedStatement naming the line of the statement that failed
     */
    static void sendOneByOne(Connection c, Step step) throws FailedStatement {
        if (step.statements() == null) {
            runJava(c, step);
            return;
        }
        for (int i = 0; i < step.statements().size(); i++) {
            send(c, step, i);
        }
    }

    /** Runs the Java migration of {@code step}. */
    static void runJava(Connection c, Step step) throws FailedStatement {
        Migration m = step.migration();
        try {
            if (step.up()) {
                m.java().up(c);
            } else {
                m.java().down(c);
            }
        } catch (Exception e) {
            throw new FailedStatement(m.origin(), 0, -1, e);
        }
    }

    /** Sends statement {@code index} of {@code step} alone. */
    static void send(Connection c, Step step, int index) throws FailedStatement {
        SqlStatement statement = step.statements().get(index);
        try {
            if (!step.transactional()) {
                InvalidIndexes.dropLeftOver(c, statement, step.script().origin() + ":" + statement.line());
            }
            if (statement.isCopyFromStdin()) {
                copyIn(c, statement);
            } else {
                try (Statement s = c.createStatement()) {
                    s.setEscapeProcessing(false);
                    s.execute(statement.sql());
                }
            }
        } catch (Exception e) {
            throw new FailedStatement(step.script().origin(), statement.line(), index, e);
        }
    }

    /** COPY ... FROM stdin with its rows from memory, or streamed from the file they were left in. */
    private static void copyIn(Connection c, SqlStatement statement) throws SQLException {
        CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
        try {
            if (statement.copyRows() == null) {
                copy.copyIn(statement.sql(), new StringReader(statement.copyData()));
            } else {
                try (InputStream rows = statement.copyRows().open()) {
                    copy.copyIn(statement.sql(), rows);
                }
            }
        } catch (IOException e) {
            throw new SQLException("could not send the data of " + statement.sql() + ": " + e.getMessage(), e);
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
