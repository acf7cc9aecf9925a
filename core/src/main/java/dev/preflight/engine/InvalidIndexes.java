package dev.preflight.engine;

import dev.preflight.sql.SqlStatement;
import dev.preflight.sql.SqlWords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Clean-up before {@code CREATE [UNIQUE] INDEX CONCURRENTLY [IF NOT EXISTS] name ON table}: a build of it that
 * failed earlier (a duplicate key, a lock timeout, a killed session) leaves an INVALID index of that name
 * behind, which makes the same statement fail ("already exists") or, with {@code IF NOT EXISTS}, silently keeps
 * an index that is never used. So before running the statement, an INVALID index of that name in the table's
 * schema is dropped with {@code DROP INDEX CONCURRENTLY IF EXISTS}; a valid one is never touched.
 */
final class InvalidIndexes {

    private static final Logger LOG = LoggerFactory.getLogger(InvalidIndexes.class);

    private InvalidIndexes() {
    }

    /**
     * Drops the INVALID index that an earlier run of {@code statement} left, if {@code statement} is a
     * named {@code CREATE INDEX CONCURRENTLY} and there is one; otherwise does nothing.
     */
    static void dropLeftOver(Connection c, SqlStatement statement, String where) throws SQLException {
        SqlWords w = SqlWords.of(statement.sql());
        int i = w.is(1, "UNIQUE") ? 2 : 1;
        if (!(w.is(0, "CREATE") && w.is(i, "INDEX") && w.is(i + 1, "CONCURRENTLY"))) {
            return;
        }
        i += 2;
        if (w.is(i, "IF") && w.is(i + 1, "NOT") && w.is(i + 2, "EXISTS")) {
            i += 3;
        }
        if (!w.isIdentifier(i) || w.is(i, "ON") || !w.is(i + 1, "ON")) {
            return; // an unnamed index gets a fresh name each time: nothing can be in its way
        }
        int table = w.is(i + 2, "ONLY") ? i + 3 : i + 2;
        // The index lives in its table's schema; to_regclass resolves the table as the statement will.
        String invalid;
        try (PreparedStatement ps = c.prepareStatement("select i.indexrelid::regclass::text from pg_index i"
                + " join pg_class c on c.oid = i.indexrelid where not i.indisvalid and c.relname = ?"
                + " and c.relnamespace = (select relnamespace from pg_class where oid = to_regclass(?))")) {
            ps.setString(1, w.identifier(i));
            ps.setString(2, w.join(table, w.nameEnd(table)));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return;
                }
                invalid = rs.getString(1);
            }
        }
        LOG.warn("{}: dropping the INVALID index {} left by an earlier failed CREATE INDEX CONCURRENTLY before"
                + " building it again", where, invalid);
        try (Statement s = c.createStatement()) {
            s.execute("DROP INDEX CONCURRENTLY IF EXISTS " + invalid);
        }
    }
}
