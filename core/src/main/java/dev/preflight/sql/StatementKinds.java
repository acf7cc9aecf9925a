package dev.preflight.sql;

import dev.preflight.sql.SqlLexer.Token;

/**
 * What a statement is, read from its leading keywords (comments skipped, case ignored): whether PostgreSQL
 * refuses it inside a transaction block, whether it is transaction control, whether it returns rows.
 * Best effort by design: it reads keywords, it does not parse SQL.
 *
 * <pre>{@code
 * char[] sql = "CREATE INDEX CONCURRENTLY i ON t (c)".toCharArray();
 * StatementKinds.cannotRunInTransaction(sql, 0, sql.length); // true
 * }</pre>
 *
 * @see SqlStatement#cannotRunInTransaction()
 */
final class StatementKinds {

    private StatementKinds() {
    }

    /**
     * The statements the server rejects with "cannot run inside a transaction block": those Flyway's
     * PostgreSQL parser detects (CREATE/DROP DATABASE, TABLESPACE, SUBSCRIPTION; ALTER SYSTEM; CREATE [UNIQUE]
     * / DROP INDEX CONCURRENTLY; REINDEX SCHEMA/DATABASE/SYSTEM; VACUUM; DISCARD ALL) plus the other clear
     * cases of {@code PreventInTransactionBlock} in the server: REINDEX ... CONCURRENTLY, ALTER TABLE ...
     * DETACH PARTITION ... CONCURRENTLY, ALTER DATABASE ... SET TABLESPACE, CLUSTER without a table, COMMIT /
     * ROLLBACK PREPARED. ({@code ALTER TYPE ... ADD VALUE} runs in a transaction since PostgreSQL 12 and is
     * left to the lint.)
     */
    static boolean cannotRunInTransaction(char[] text, int from, int to) {
        Cursor t = new Cursor(text, from, to);
        if (!t.next()) {
            return false;
        }
        if (t.is("CREATE")) {
            t.next();
            if (t.is("UNIQUE")) {
                t.next();
            }
            return t.is("INDEX") ? t.nextIs("CONCURRENTLY") : t.isAny("DATABASE", "TABLESPACE", "SUBSCRIPTION");
        }
        if (t.is("DROP")) {
            t.next();
            return t.is("INDEX") ? t.nextIs("CONCURRENTLY") : t.isAny("DATABASE", "TABLESPACE", "SUBSCRIPTION");
        }
        if (t.is("ALTER")) {
            t.next();
            if (t.is("SYSTEM")) {
                return true;
            }
            if (t.is("DATABASE")) {
                t.next(); // the database name
                return t.nextIs("SET") && t.nextIs("TABLESPACE");
            }
            return t.is("TABLE") && t.skipTo("DETACH", 0) && t.nextIs("PARTITION") && t.skipTo("CONCURRENTLY", 0);
        }
        if (t.is("REINDEX")) {
            return reindexCannotRunInTransaction(t);
        }
        if (t.is("CLUSTER")) {
            // Only "CLUSTER [VERBOSE]" / "CLUSTER (options)" - reclustering every table - is refused.
            t.next();
            if (t.is("VERBOSE")) {
                t.next();
            }
            if (t.at(Token.OPEN_PAREN)) {
                t.skipTo(Token.CLOSE_PAREN, 0);
                t.next();
            }
            return t.at(Token.END);
        }
        if (t.isAny("COMMIT", "ROLLBACK")) {
            return t.nextIs("PREPARED");
        }
        return t.is("VACUUM") || (t.is("DISCARD") && t.nextIs("ALL"));
    }

    /** REINDEX [(options)] {INDEX|TABLE|SCHEMA|DATABASE|SYSTEM} [CONCURRENTLY] name. */
    private static boolean reindexCannotRunInTransaction(Cursor t) {
        t.next();
        boolean concurrently = false;
        if (t.at(Token.OPEN_PAREN)) {
            // PostgreSQL 14+: "(CONCURRENTLY)" or "(CONCURRENTLY true)" but not "(CONCURRENTLY false)".
            boolean option = false;
            while (t.next() && t.depth() > 0) {
                if (option && !t.isAny("FALSE", "OFF", "0")) {
                    concurrently = true;
                }
                option = t.is("CONCURRENTLY");
            }
            concurrently |= option;
            t.next();
        }
        if (t.is("VERBOSE")) {
            t.next();
        }
        if (t.isAny("SCHEMA", "DATABASE", "SYSTEM")) {
            return true;
        }
        t.next();
        return concurrently || t.is("CONCURRENTLY");
    }

    /**
     * BEGIN, START TRANSACTION, COMMIT (also PREPARED), END, ROLLBACK (any form), ABORT, SAVEPOINT, RELEASE,
     * PREPARE TRANSACTION. Not {@code PREPARE name AS ...} (a prepared statement) or {@code SET TRANSACTION}.
     */
    static boolean isTransactionControl(char[] text, int from, int to) {
        Cursor t = new Cursor(text, from, to);
        if (!t.next()) {
            return false;
        }
        if (t.is("BEGIN")) {
            return !t.nextIs("ATOMIC");
        }
        if (t.isAny("START", "PREPARE")) {
            return t.nextIs("TRANSACTION");
        }
        return t.isAny("COMMIT", "END", "ROLLBACK", "ABORT", "SAVEPOINT", "RELEASE");
    }

    /**
     * SELECT (not SELECT ... INTO, which creates a table), VALUES, TABLE, SHOW, EXPLAIN, FETCH, WITH whose main
     * statement returns rows, INSERT/UPDATE/DELETE/MERGE with RETURNING. False for CALL, whose rows depend on
     * the procedure's OUT parameters.
     */
    static boolean returnsRows(char[] text, int from, int to) {
        Cursor t = new Cursor(text, from, to);
        do {
            if (!t.next()) {
                return false;
            }
        } while (t.at(Token.OPEN_PAREN)); // (SELECT ...) UNION (SELECT ...)
        int level = t.depth();
        skipWithList(t, level);
        if (t.is("SELECT")) {
            return !t.skipTo("INTO", level);
        }
        if (t.isAny("INSERT", "UPDATE", "DELETE", "MERGE")) {
            return t.skipTo("RETURNING", level);
        }
        return t.isAny("VALUES", "TABLE", "SHOW", "EXPLAIN", "FETCH");
    }

    /** Statements that return no rows whatever their arguments; the data-changing ones only without RETURNING. */
    private static final String[] NO_ROWS = {"CREATE", "ALTER", "DROP", "COMMENT", "GRANT", "REVOKE", "TRUNCATE",
        "SET", "RESET", "DO", "ANALYZE", "REFRESH", "REINDEX", "CLUSTER", "LOCK", "SECURITY", "REASSIGN", "IMPORT",
        "NOTIFY", "DISCARD", "VACUUM"};

    /**
     * The statements sure to return no rows: DDL and the others of {@link #NO_ROWS}, and INSERT, UPDATE, DELETE,
     * MERGE (also after WITH) without RETURNING. Everything else, SELECT and CALL included, is false.
     */
    static boolean returnsNoRows(char[] text, int from, int to) {
        // One pass: this is asked of every statement of a seed file of 100,000 INSERTs.
        Cursor t = new Cursor(text, from, to);
        if (!t.next()) {
            return false;
        }
        if (t.isAny(NO_ROWS)) {
            return true;
        }
        int level = t.depth();
        skipWithList(t, level);
        return t.isAny("INSERT", "UPDATE", "DELETE", "MERGE") && !t.skipTo("RETURNING", level);
    }

    /** Whether the word {@code keyword} (upper case) appears outside quotes and comments, at any depth. */
    static boolean hasWord(char[] text, int from, int to, String keyword) {
        Cursor t = new Cursor(text, from, to);
        while (t.next()) {
            if (t.is(keyword)) {
                return true;
            }
        }
        return false;
    }

    /** SET (not SET CONSTRAINTS, which checks deferred constraints), RESET, SHOW, DISCARD. */
    static boolean changesOnlySession(char[] text, int from, int to) {
        Cursor t = new Cursor(text, from, to);
        if (!t.next()) {
            return false;
        }
        if (t.is("SET")) {
            return !t.nextIs("CONSTRAINTS");
        }
        return t.isAny("RESET", "SHOW", "DISCARD");
    }

    /** {@code SET [SESSION | LOCAL] name ...}, {@code RESET name}, {@code RESET ALL}; {@code name} in lower case. */
    static boolean setsSetting(char[] text, int from, int to, String name) {
        Cursor t = new Cursor(text, from, to);
        if (!t.next()) {
            return false;
        }
        if (t.is("RESET")) {
            return t.next() && (t.is("ALL") || t.is(name.toUpperCase(java.util.Locale.ROOT)));
        }
        if (!t.is("SET") || !t.next()) {
            return false;
        }
        if (t.isAny("SESSION", "LOCAL") && !t.next()) {
            return false;
        }
        return t.is(name.toUpperCase(java.util.Locale.ROOT));
    }

    /** After {@code WITH}, moves to the main statement: the first verb outside the parentheses of the WITH list. */
    private static void skipWithList(Cursor t, int level) {
        if (t.is("WITH")) {
            while (t.next() && !(t.depth() == level
                    && t.isAny("SELECT", "VALUES", "TABLE", "INSERT", "UPDATE", "DELETE", "MERGE"))) {
                // skip the common table expressions
            }
        }
    }

    /** {@code COPY ... FROM STDIN}: the rows that follow in the script are its data. */
    static boolean isCopyFromStdin(char[] text, int from, int to) {
        Cursor t = new Cursor(text, from, to);
        if (!t.next() || !t.is("COPY")) {
            return false;
        }
        boolean afterFrom = false;
        while (t.next()) {
            if (afterFrom && t.is("STDIN")) {
                return true;
            }
            afterFrom = t.depth() == 0 && t.is("FROM");
        }
        return false;
    }

    /** {@code CREATE [OR REPLACE] FUNCTION|PROCEDURE}: the only statements with a BEGIN ATOMIC body. */
    static boolean isRoutineDefinition(char[] text, int from, int to) {
        Cursor t = new Cursor(text, from, to);
        if (!(t.next() && t.is("CREATE") && t.next())) {
            return false;
        }
        if (t.is("OR") && t.nextIs("REPLACE")) {
            t.next();
        }
        return t.isAny("FUNCTION", "PROCEDURE");
    }

    /** Tokens without comments, with their depth in parentheses ({@code (} and {@code )} count as outside). */
    private static final class Cursor {

        private final SqlLexer lexer;
        private Token token = Token.END;
        private int depth;

        Cursor(char[] text, int from, int to) {
            lexer = new SqlLexer(text, from, to);
        }

        /** Moves to the next token that is not a comment; false at the end. */
        boolean next() {
            if (token == Token.OPEN_PAREN) {
                depth++;
            }
            do {
                token = lexer.next();
            } while (token == Token.LINE_COMMENT || token == Token.BLOCK_COMMENT);
            if (token == Token.CLOSE_PAREN && depth > 0) {
                depth--;
            }
            return token != Token.END;
        }

        boolean nextIs(String keyword) {
            return next() && is(keyword);
        }

        int depth() {
            return depth;
        }

        boolean at(Token expected) {
            return token == expected;
        }

        boolean is(String keyword) {
            return lexer.isWord(keyword);
        }

        boolean isAny(String... keywords) {
            for (String keyword : keywords) {
                if (lexer.isWord(keyword)) {
                    return true;
                }
            }
            return false;
        }

        /** Moves on to the word {@code keyword} at {@code level}; false when there is none. */
        boolean skipTo(String keyword, int level) {
            while (next()) {
                if (depth == level && is(keyword)) {
                    return true;
                }
            }
            return false;
        }

        /** Moves on to the token {@code expected} at {@code level}; false when there is none. */
        boolean skipTo(Token expected, int level) {
            while (next()) {
                if (depth == level && token == expected) {
                    return true;
                }
            }
            return false;
        }
    }
}
