package dev.preflight.db;

import dev.preflight.Kind;
import dev.preflight.Version;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The history table ({@code preflight_schema_history} unless configured): one row per applied migration,
 * failed non-transactional migration, repeatable run, or baseline. Read once per command.
 */
public final class HistoryTable {

    private static final String UNDEFINED_TABLE = "42P01";
    private static final String UNDEFINED_SCHEMA = "3F000";

    private final String schema;
    private final String qualifiedName;

    public HistoryTable(String schema, String table) {
        this.schema = schema;
        this.qualifiedName = quote(schema) + "." + quote(table);
    }

    /** The table's name as SQL, schema-qualified and quoted. */
    public String qualifiedName() {
        return qualifiedName;
    }

    /**
     * Every row in installation order, or an empty list when the table does not exist yet (one round trip
     * either way). Must run in auto-commit mode: a missing table is an error that would spoil a transaction.
     */
    public List<HistoryRow> read(Connection c) throws SQLException {
        List<HistoryRow> rows = new ArrayList<>();
        // installed_at as microseconds since the epoch: a number is read far faster than a timestamp is parsed,
        // which shows in a fresh JVM reading thousands of rows at every start.
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select installed_rank, version, name, kind, checksum, installed_by,"
                     + " (extract(epoch from installed_at) * 1000000)::int8, execution_ms, success from "
                     + qualifiedName + " order by installed_rank")) {
            while (rs.next()) {
                String version = rs.getString(2);
                long micros = rs.getLong(7);
                Instant at = rs.wasNull() ? null
                        : Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
                rows.add(new HistoryRow(rs.getLong(1), version == null ? null : Version.parse(version),
                        rs.getString(3), Kind.fromCode(rs.getString(4)), rs.getString(5), rs.getString(6),
                        at, rs.getInt(8), rs.getBoolean(9)));
            }
        } catch (SQLException e) {
            if (UNDEFINED_TABLE.equals(e.getSQLState()) || UNDEFINED_SCHEMA.equals(e.getSQLState())) {
                return List.of();
            }
            throw e;
        }
        return rows;
    }

    /** Creates the schema and table if missing; call while holding the migration lock. */
    public void createIfMissing(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("create schema if not exists " + quote(schema));
            s.execute("create table if not exists " + qualifiedName + " ("
                    + " installed_rank bigserial primary key,"
                    + " version text,"
                    + " name text not null,"
                    + " kind text not null check (kind in ('schema', 'data', 'repeatable', 'baseline')),"
                    + " checksum text,"
                    + " installed_by text not null default current_user,"
                    + " installed_at timestamptz not null default now(),"
                    + " execution_ms integer not null default 0,"
                    + " success boolean not null)");
        }
    }

    public void insert(Connection c, Version version, String name, Kind kind, String checksum, long executionMs,
                       boolean success) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into " + qualifiedName
                + " (version, name, kind, checksum, execution_ms, success) values (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, version == null ? null : version.normalized());
            ps.setString(2, name);
            ps.setString(3, kind.code());
            ps.setString(4, checksum);
            ps.setInt(5, (int) Math.min(Integer.MAX_VALUE, executionMs));
            ps.setBoolean(6, success);
            ps.executeUpdate();
        }
    }

    /**
     * Removes the rows of one migration of a kind (a rollback). A {@link Version#tie() tied} version (sql-migrate's,
     * several files with one number) is told from the others of its number by {@code name}.
     */
    public int delete(Connection c, Kind kind, Version version, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("delete from " + qualifiedName
                + " where kind = ? and version = ?" + (version.tie() != null ? " and name = ?" : ""))) {
            bindMigration(ps, kind, version, name);
            return ps.executeUpdate();
        }
    }

    /** Marks the rows of one migration as failed (a non-transactional down that stopped half-way); name as in delete. */
    public void markFailed(Connection c, Kind kind, Version version, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update " + qualifiedName
                + " set success = false where kind = ? and version = ?" + (version.tie() != null ? " and name = ?" : ""))) {
            bindMigration(ps, kind, version, name);
            ps.executeUpdate();
        }
    }

    private static void bindMigration(PreparedStatement ps, Kind kind, Version version, String name) throws SQLException {
        ps.setString(1, kind.code());
        ps.setString(2, version.normalized());
        if (version.tie() != null) {
            ps.setString(3, name);
        }
    }

    public int deleteFailed(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            return s.executeUpdate("delete from " + qualifiedName + " where not success");
        }
    }

    public void updateChecksum(Connection c, long rank, String checksum) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update " + qualifiedName
                + " set checksum = ? where installed_rank = ?")) {
            ps.setString(1, checksum);
            ps.setLong(2, rank);
            ps.executeUpdate();
        }
    }

    /** A SQL identifier, always quoted so any configured name works. */
    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
