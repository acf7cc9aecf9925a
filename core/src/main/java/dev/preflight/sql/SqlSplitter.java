package dev.preflight.sql;

import java.util.List;

/** Splits a PostgreSQL script into statements. */
public final class SqlSplitter {

    private SqlSplitter() {
    }

    /**
     * @param sql the script
     * @param origin the file name used in errors
     * @param firstLine the line of {@code origin} on which {@code sql} starts
     * @throws SqlSyntaxException with {@code origin:line} for an unterminated quote, dollar quote, comment or
     *         COPY block, or a psql meta-command (which has no meaning over JDBC)
     */
    public static List<SqlStatement> split(String sql, String origin, int firstLine) {
        throw new UnsupportedOperationException("not written yet");
    }
}
