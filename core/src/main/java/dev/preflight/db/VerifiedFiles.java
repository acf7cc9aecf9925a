package dev.preflight.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;

/**
 * The file sets that a full check found up to date with the history, kept beside the history table in
 * {@code <table>_verified}: one row per fingerprint of the schema migrations (see
 * {@link dev.preflight.source.MigrationFinder#fingerprint}) with a digest (SHA-256) of the history's schema rows as they were
 * then. A start-up whose files have a recorded fingerprint, while the history still has the recorded digest, has
 * nothing to do and nothing has drifted, without reading any file or history row: one query instead of reading and
 * checksumming thousands of files in a fresh JVM.
 *
 * <p>The digest is computed by PostgreSQL from every row but data migrations' (rank, version, name, kind, checksum,
 * success), so anything that changes the history (a migration applied or rolled back by another instance, a repair,
 * an edit by hand) makes every recorded file set miss until a full check records it again. Rows of file sets that no
 * longer match the history are dropped when a new one is recorded, so the table keeps only what can still hit (two
 * versions of an application running side by side keep a row each).
 */
public final class VerifiedFiles {

    private static final String UNDEFINED_TABLE = "42P01";
    private static final String UNDEFINED_SCHEMA = "3F000";

    private final String table;
    private final String historyDigest;

    public VerifiedFiles(String schema, String historyTable) {
        this.table = HistoryTable.quote(schema) + "." + HistoryTable.quote(historyTable + "_verified");
        // sha256 rather than md5, which PostgreSQL refuses in FIPS mode.
        this.historyDigest = "select encode(sha256(convert_to(coalesce(string_agg(installed_rank || '|'"
                + " || coalesce(version, '-') || '|' || name || '|' || kind || '|' || coalesce(checksum, '-') || '|'"
                + " || success, E'\\n' order by installed_rank), ''), 'UTF8')), 'hex') from "
                + HistoryTable.quote(schema) + "." + HistoryTable.quote(historyTable) + " where kind <> 'data'";
    }

    /** The table's name as SQL, schema-qualified and quoted. */
    public String tableName() {
        return table;
    }

    /**
     * What the database knows: the history's digest now, and the file sets checked against exactly that history.
     *
     * @param historyDigest the history's digest now, or null when there is no history table yet
     * @param verifiedFiles fingerprints of the file sets a full check found up to date with this history
     */
    public record Check(String historyDigest, Set<String> verifiedFiles) {

        public boolean verified(String files) {
            return historyDigest != null && verifiedFiles.contains(files);
        }
    }

    /**
     * One query (two, the first time, when the table is still missing); run in auto-commit mode. It needs no
     * fingerprint, so it can run while the files are being fingerprinted.
     */
    public Check check(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select d.digest, v.files from (" + historyDigest + ") d(digest) left join "
                     + table + " v on v.history = d.digest")) {
            String digest = null;
            Set<String> files = new HashSet<>();
            while (rs.next()) {
                digest = rs.getString(1);
                String verified = rs.getString(2);
                if (verified != null) {
                    files.add(verified);
                }
            }
            return new Check(digest, files);
        } catch (SQLException e) {
            if (!isMissingTable(e)) {
                throw e;
            }
            return new Check(historyDigest(c), Set.of());
        }
    }

    /** The history's digest now, or null when there is no history table. */
    private String historyDigest(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(historyDigest)) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            if (isMissingTable(e)) {
                return null;
            }
            throw e;
        }
    }

    /**
     * Records that {@code files} were checked against the history whose digest was {@code historyDigest} when the
     * check began; nothing is recorded when the history has changed since (another instance migrated meanwhile), so
     * a record never vouches for rows the check did not see. Run in auto-commit mode.
     */
    public void record(Connection c, String files, String historyDigest) throws SQLException {
        createIfMissing(c);
        try (PreparedStatement ps = c.prepareStatement("insert into " + table + " (files, history) select ?, ? where ("
                + this.historyDigest + ") = ? on conflict (files) do update set history = excluded.history,"
                + " verified_at = now()")) {
            ps.setString(1, files);
            ps.setString(2, historyDigest);
            ps.setString(3, historyDigest);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("delete from " + table + " where history <> (" + this.historyDigest
                + ")")) {
            ps.executeUpdate();
        }
    }

    /**
     * Looks before creating: PostgreSQL checks the CREATE privilege even for {@code create table if not exists} on a
     * table that exists, so a user without it could never use a table its DBA created for it.
     */
    private void createIfMissing(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select to_regclass(?) is null")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return;
                }
            }
        }
        try (Statement s = c.createStatement()) {
            s.execute("create table if not exists " + table + " (files text primary key, history text not null,"
                    + " verified_at timestamptz not null default now())");
        }
    }

    private static boolean isMissingTable(SQLException e) {
        return UNDEFINED_TABLE.equals(e.getSQLState()) || UNDEFINED_SCHEMA.equals(e.getSQLState());
    }
}
