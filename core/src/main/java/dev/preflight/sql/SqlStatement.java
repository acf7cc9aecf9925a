package dev.preflight.sql;

import java.util.Objects;

/**
 * One statement of a script, as {@link SqlSplitter} found it, with what the engine needs to know about it.
 *
 * <pre>{@code
 * SqlStatement s = SqlSplitter.split("CREATE INDEX CONCURRENTLY i ON t (c);", "V2__i.sql", 1).get(0);
 * s.cannotRunInTransaction(); // true: run this migration outside a transaction
 * }</pre>
 *
 * @param sql the statement text from its first to its last token: no terminating semicolon, no comments or
 *            whitespace around it, comments inside it kept
 * @param line the 1-based line (of the original file) where the statement's first token is
 * @param copyData for {@code COPY ... FROM stdin}: the data rows up to (not including) the {@code \.}
 *                 line, each ending with {@code \n} (whatever the file's line endings), else null
 * @param copyRows for {@code COPY ... FROM stdin} in a large file: its data rows, left in the file (then
 *                 {@code copyData} is null)
 */
public record SqlStatement(String sql, int line, String copyData, CopyRows copyRows) {

    public SqlStatement {
        Objects.requireNonNull(sql, "sql");
    }

    /** A statement whose COPY data (if any) is in memory. */
    public SqlStatement(String sql, int line, String copyData) {
        this(sql, line, copyData, null);
    }

    public boolean isCopyFromStdin() {
        return copyData != null || copyRows != null;
    }

    /**
     * True when PostgreSQL refuses the statement inside a transaction block ({@code CREATE INDEX
     * CONCURRENTLY}, {@code VACUUM}, {@code CREATE DATABASE}, {@code ALTER SYSTEM}, ...): the statements
     * Flyway detects plus the other clear cases; see {@link StatementKinds#cannotRunInTransaction}.
     */
    public boolean cannotRunInTransaction() {
        char[] text = sql.toCharArray();
        return StatementKinds.cannotRunInTransaction(text, 0, text.length);
    }

    /**
     * True for BEGIN, START TRANSACTION, COMMIT, END, ROLLBACK (any form), ABORT, SAVEPOINT, RELEASE,
     * PREPARE TRANSACTION and COMMIT/ROLLBACK PREPARED, which would interfere with the transaction the engine
     * runs a migration in.
     */
    public boolean isTransactionControl() {
        char[] text = sql.toCharArray();
        return StatementKinds.isTransactionControl(text, 0, text.length);
    }

    /**
     * True for the statements that take no lock blocking reads or writes but wait for older transactions:
     * {@code CREATE}/{@code DROP INDEX CONCURRENTLY}, {@code REINDEX ... CONCURRENTLY}, {@code ALTER TABLE ... DETACH
     * PARTITION ... CONCURRENTLY}. {@code lock_timeout}, meant to keep a migration from queueing an exclusive lock in
     * front of the application's queries, would only cut them short.
     */
    public boolean isConcurrent() {
        char[] text = sql.toCharArray();
        return StatementKinds.cannotRunInTransaction(text, 0, text.length)
                && StatementKinds.hasWord(text, 0, text.length, "CONCURRENTLY");
    }

    /**
     * True for statements that change nothing but the session: {@code SET} (not {@code SET CONSTRAINTS}), {@code
     * RESET}, {@code SHOW}, {@code DISCARD}. When only such statements ran before a failing one, nothing of a
     * non-transactional migration was applied.
     */
    public boolean changesOnlySession() {
        char[] text = sql.toCharArray();
        return StatementKinds.changesOnlySession(text, 0, text.length);
    }

    /** True when the statement sets or resets the setting {@code name} ({@code SET [SESSION|LOCAL] name}, {@code RESET}). */
    public boolean setsSetting(String name) {
        char[] text = sql.toCharArray();
        return StatementKinds.setsSetting(text, 0, text.length, name);
    }

    /**
     * True when the statement surely returns no rows: DDL, {@code SET}, {@code DO}, and INSERT/UPDATE/DELETE/MERGE
     * without {@code RETURNING}. Such statements may go in a JDBC batch, which would read only the first row of a
     * result (and so run a {@code SELECT f(x) FROM t} for one row only). False when in doubt.
     */
    public boolean returnsNoRows() {
        char[] text = sql.toCharArray();
        return StatementKinds.returnsNoRows(text, 0, text.length);
    }

    /**
     * Best effort: true for SELECT (not SELECT ... INTO), WITH, VALUES, TABLE, SHOW, EXPLAIN, FETCH and
     * INSERT/UPDATE/DELETE/MERGE ... RETURNING; false for everything else, including CALL.
     */
    public boolean returnsRows() {
        char[] text = sql.toCharArray();
        return StatementKinds.returnsRows(text, 0, text.length);
    }
}
