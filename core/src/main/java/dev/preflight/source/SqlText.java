package dev.preflight.source;

import java.util.Locale;

/**
 * Just enough lexing to look at the comments above the first statement of a script: whether it has a statement
 * at all, and whether a leading comment asks for it to run outside a transaction. Splitting statements is the
 * job of {@link dev.preflight.sql.SqlSplitter}; before the first statement there are no strings or dollar quotes
 * to care about, only blank lines, {@code --} comments and (nested) block comments.
 */
final class SqlText {

    /** The universal marker; any SQL file of any layout may carry it above its first statement. */
    static final String NO_TRANSACTION_MARKER = "-- preflight:no-transaction";

    /**
     * What the head of a script says.
     *
     * @param noTransaction a leading comment asks for no transaction
     * @param hasStatements the script has something besides whitespace and comments
     * @param firstStatementLine 1-based line (within the script) of the first statement, or -1
     */
    record Head(boolean noTransaction, boolean hasStatements, int firstStatementLine) {
    }

    private SqlText() {
    }

    static Head head(String sql) {
        boolean noTransaction = false;
        int line = 1;
        int depth = 0;
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (depth > 0) {
                if (sql.startsWith("/*", i)) {
                    depth++;
                    i += 2;
                } else if (sql.startsWith("*/", i)) {
                    depth--;
                    i += 2;
                } else {
                    line += c == '\n' ? 1 : 0;
                    i++;
                }
            } else if (c == '\n') {
                line++;
                i++;
            } else if (Character.isWhitespace(c)) {
                i++;
            } else if (sql.startsWith("--", i)) {
                int end = sql.indexOf('\n', i);
                end = end < 0 ? n : end;
                noTransaction |= isNoTransactionComment(sql.substring(i + 2, end));
                i = end;
            } else if (sql.startsWith("/*", i)) {
                depth = 1;
                i += 2;
            } else {
                return new Head(noTransaction, true, line);
            }
        }
        return new Head(noTransaction, false, -1);
    }

    /**
     * True for the body of a {@code --} comment that asks for no transaction: Preflight's own marker, or Flyway's
     * in-script {@code flyway:executeInTransaction=false}, which projects put in their headers.
     */
    static boolean isNoTransactionComment(String commentBody) {
        String body = commentBody.strip().toLowerCase(Locale.ROOT).replace(" ", "");
        return body.equals("preflight:no-transaction") || body.equals("flyway:executeintransaction=false");
    }
}
