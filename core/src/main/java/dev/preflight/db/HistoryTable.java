package dev.preflight.db;

import dev.preflight.Kind;
import dev.preflight.MigrationException;
import dev.preflight.Version;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The history table ({@code preflight_schema_history} unless configured): one row per applied migration,
 * failed, running or interrupted non-transactional migration, repeatable run, or baseline. Read once per command.
 *
 * <p>A non-transactional migration has a row before its first statement runs ({@code state} = {@code running},
 * the statement it is at, the process and the database session running it), committed on its own, so that a
 * process killed half-way leaves a trace that says where it stopped. Tables created by releases before these
 * columns are upgraded ({@code ALTER TABLE ... ADD COLUMN}) the first time such a migration runs; until then
 * they are read as they are.
 */
public final class HistoryTable {

    private static final Logger LOG = LoggerFactory.getLogger(HistoryTable.class);
    private static final String UNDEFINED_TABLE = "42P01";
    private static final String UNDEFINED_SCHEMA = "3F000";
    private static final String UNDEFINED_COLUMN = "42703";

    /** The columns added after the first release, with their types: what an older table is upgraded with. */
    private static final Map<String, String> PROGRESS_COLUMNS = new LinkedHashMap<>();

    static {
        PROGRESS_COLUMNS.put("state", "text");
        PROGRESS_COLUMNS.put("statement", "integer");
        PROGRESS_COLUMNS.put("statements", "integer");
        PROGRESS_COLUMNS.put("client", "text");
        PROGRESS_COLUMNS.put("backend_pid", "integer");
        PROGRESS_COLUMNS.put("backend_start", "timestamptz");
    }

    private final String schema;
    private final String qualifiedName;
    /** Whether the table is known to have the {@link #PROGRESS_COLUMNS}; set by {@link #createOrUpgrade}. */
    private volatile boolean progressColumns;

    public HistoryTable(String schema, String table) {
        this.schema = schema;
        this.qualifiedName = quote(schema) + "." + quote(table);
    }

    /** The table's name as SQL, schema-qualified and quoted. */
    public String qualifiedName() {
        return qualifiedName;
    }

    /**
     * Every row in installation order, or an empty list when the table does not exist yet. Must run in auto-commit
     * mode: a missing table (or, in a table of an older release, a missing column) is an error that would spoil a
     * transaction.
     */
    public List<HistoryRow> read(Connection c) throws SQLException {
        try {
            List<HistoryRow> rows = read(c, true);
            progressColumns |= !rows.isEmpty();
            return rows;
        } catch (SQLException e) {
            if (UNDEFINED_COLUMN.equals(e.getSQLState())) {
                return read(c, false);
            }
            throw e;
        }
    }

    private List<HistoryRow> read(Connection c, boolean withProgress) throws SQLException {
        List<HistoryRow> rows = new ArrayList<>();
        // installed_at as microseconds since the epoch: a number is read far faster than a timestamp is parsed,
        // which shows in a fresh JVM reading thousands of rows at every start. Whether a running migration's
        // session is still there is asked in the same query: same pid and same start, so a reused pid is not it.
        String progress = withProgress ? ", state, statement, statements, client, backend_pid,"
                + " case when backend_pid is not null then exists (select 1 from pg_stat_activity a"
                + " where a.pid = h.backend_pid and a.backend_start = h.backend_start) end" : "";
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select installed_rank, version, name, kind, checksum, installed_by,"
                     + " (extract(epoch from installed_at) * 1000000)::int8, execution_ms, success" + progress
                     + " from " + qualifiedName + " h order by installed_rank")) {
            while (rs.next()) {
                String version = rs.getString(2);
                long micros = rs.getLong(7);
                Instant at = rs.wasNull() ? null
                        : Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
                boolean success = rs.getBoolean(9);
                HistoryRow.State state = HistoryRow.State.of(withProgress ? rs.getString(10) : null, success);
                HistoryRow.Progress where = null;
                if (withProgress && rs.getObject(14) != null) {
                    where = new HistoryRow.Progress(rs.getInt(11), rs.getInt(12), rs.getString(13), rs.getInt(14),
                            rs.getBoolean(15));
                } else if (withProgress && rs.getObject(11) != null) {
                    where = new HistoryRow.Progress(rs.getInt(11), rs.getInt(12), rs.getString(13), 0, false);
                }
                rows.add(new HistoryRow(rs.getLong(1), version == null ? null : Version.parse(version),
                        rs.getString(3), Kind.fromCode(rs.getString(4)), rs.getString(5), rs.getString(6),
                        at, rs.getInt(8), success, state, where));
            }
        } catch (SQLException e) {
            if (UNDEFINED_TABLE.equals(e.getSQLState()) || UNDEFINED_SCHEMA.equals(e.getSQLState())) {
                return List.of();
            }
            throw e;
        }
        return rows;
    }

    /**
     * Creates the schema and table if missing, and adds the columns of this release to a table an older release
     * created; call while holding the migration lock. A table that is there already is only altered when a column
     * is missing (a user without the right to alter it can still record transactional migrations).
     *
     * @param progressRequired true when a non-transactional migration is about to run: then a table that lacks
     *                         the columns and cannot be altered is an error naming the statement its owner must run
     */
    public void createOrUpgrade(Connection c, boolean progressRequired) throws SQLException {
        Set<String> columns = columns(c);
        if (columns.isEmpty()) {
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
                        + " success boolean not null,"
                        + " state text, statement integer, statements integer, client text, backend_pid integer,"
                        + " backend_start timestamptz)");
            }
            progressColumns = true;
            return;
        }
        List<String> missing = PROGRESS_COLUMNS.keySet().stream().filter(name -> !columns.contains(name)).toList();
        if (missing.isEmpty()) {
            progressColumns = true;
            return;
        }
        String alter = "alter table " + qualifiedName + " " + String.join(", ", missing.stream()
                .map(name -> "add column if not exists " + name + " " + PROGRESS_COLUMNS.get(name)).toList());
        try (Statement s = c.createStatement()) {
            s.execute(alter);
            progressColumns = true;
            LOG.info("history table {} upgraded: added column(s) {}", qualifiedName, String.join(", ", missing));
        } catch (SQLException e) {
            if (progressRequired) {
                throw new MigrationException("the history table " + qualifiedName + " was created by an older release"
                        + " and lacks the columns that record where a non-transactional migration is, and adding them"
                        + " failed: " + e.getMessage() + ". Nothing was run. Ask the table's owner to run: " + alter
                        + ";", e);
            }
            LOG.info("history table {} lacks column(s) {} and could not be upgraded ({}); transactional migrations"
                    + " are recorded as before", qualifiedName, String.join(", ", missing), e.getMessage());
        }
    }

    /** The table's column names, or none when it does not exist. */
    private Set<String> columns(Connection c) throws SQLException {
        Set<String> names = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("select attname from pg_attribute where attrelid ="
                + " to_regclass(?) and attnum > 0 and not attisdropped")) {
            ps.setString(1, qualifiedName);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        }
        return names;
    }

    public void insert(Connection c, Version version, String name, Kind kind, String checksum, long executionMs,
                       boolean success) throws SQLException {
        boolean state = progressColumns;
        try (PreparedStatement ps = c.prepareStatement("insert into " + qualifiedName
                + " (version, name, kind, checksum, execution_ms, success" + (state ? ", state" : "")
                + ") values (?, ?, ?, ?, ?, ?" + (state ? ", ?" : "") + ")")) {
            ps.setString(1, version == null ? null : version.normalized());
            ps.setString(2, name);
            ps.setString(3, kind.code());
            ps.setString(4, checksum);
            ps.setInt(5, (int) Math.min(Integer.MAX_VALUE, executionMs));
            ps.setBoolean(6, success);
            if (state) {
                ps.setString(7, (success ? HistoryRow.State.APPLIED : HistoryRow.State.FAILED).code());
            }
            ps.executeUpdate();
        }
    }

    /**
     * The row of a non-transactional migration about to run its first statement, committed at once (call in
     * auto-commit mode after {@link #createOrUpgrade} with progress required): state {@code running}, this session
     * and {@code client}. Rows left by an earlier, interrupted run of the same migration are removed.
     *
     * @param statements the script's statement count; 0 for a Java migration
     * @return the row's rank, for {@link #progress} and the outcome
     */
    public long insertRunning(Connection c, Version version, String name, Kind kind, String checksum,
                              int statements, String client) throws SQLException {
        deleteUnfinished(c, kind, version, name);
        try (PreparedStatement ps = c.prepareStatement("insert into " + qualifiedName
                + " (version, name, kind, checksum, execution_ms, success, state, statement, statements, client,"
                + " backend_pid, backend_start) select ?, ?, ?, ?, 0, false, 'running', ?, ?, ?, pid, backend_start"
                + " from pg_stat_activity where pid = pg_backend_pid() returning installed_rank")) {
            ps.setString(1, version == null ? null : version.normalized());
            ps.setString(2, name);
            ps.setString(3, kind.code());
            ps.setString(4, checksum);
            ps.setInt(5, statements > 0 ? 1 : 0);
            ps.setInt(6, statements);
            ps.setString(7, client);
            return rank(ps);
        }
    }

    /**
     * The applied row of a migration whose non-transactional down script is about to run, marked {@code reverting}
     * (and no longer successful, so that releases before the state column see it as failed), committed at once; a
     * tied version is told by {@code name}, as in {@link #delete}.
     *
     * @return the row's rank
     */
    public long startReverting(Connection c, Kind kind, Version version, String name, int statements, String client)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update " + qualifiedName + " h set success = false,"
                + " state = 'reverting', statement = ?, statements = ?, client = ?, backend_pid = a.pid,"
                + " backend_start = a.backend_start from pg_stat_activity a where a.pid = pg_backend_pid()"
                + " and h.kind = ? and h.version = ?" + (version.tie() != null ? " and h.name = ?" : "")
                + " and h.success returning h.installed_rank")) {
            ps.setInt(1, statements > 0 ? 1 : 0);
            ps.setInt(2, statements);
            ps.setString(3, client);
            ps.setString(4, kind.code());
            ps.setString(5, version.normalized());
            if (version.tie() != null) {
                ps.setString(6, name);
            }
            return rank(ps);
        }
    }

    private static long rank(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("the history row to record the migration's progress in was not written");
            }
            return rs.getLong(1);
        }
    }

    /** Statement {@code statement} (1-based) of the running migration in row {@code rank} starts. */
    public void progress(Connection c, long rank, int statement) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update " + qualifiedName
                + " set statement = ? where installed_rank = ?")) {
            ps.setInt(1, statement);
            ps.setLong(2, rank);
            ps.executeUpdate();
        }
    }

    /**
     * The migration of row {@code rank} counts as applied: it ran to the end, its down script stopped before
     * changing anything, or {@code repair} was told so. Its session is forgotten; the process that ran it is kept.
     */
    public void markApplied(Connection c, long rank, long executionMs) throws SQLException {
        String state = progressColumns ? ", state = 'applied', statement = null, backend_pid = null,"
                + " backend_start = null" : "";
        try (PreparedStatement ps = c.prepareStatement("update " + qualifiedName + " set success = true,"
                + " execution_ms = greatest(execution_ms, ?)" + state + " where installed_rank = ?")) {
            ps.setInt(1, (int) Math.min(Integer.MAX_VALUE, executionMs));
            ps.setLong(2, rank);
            ps.executeUpdate();
        }
    }

    /**
     * The running migration of row {@code rank} stopped with an error at {@code statement}, after some of it was
     * applied: the row stays, as {@code failed} (or {@code revert-failed}), and blocks further runs until repaired.
     */
    public void markFailed(Connection c, long rank, HistoryRow.State state, int statement, long executionMs)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update " + qualifiedName + " set success = false, state = ?,"
                + " statement = ?, execution_ms = ?, backend_pid = null, backend_start = null"
                + " where installed_rank = ?")) {
            ps.setString(1, state.code());
            ps.setInt(2, statement);
            ps.setInt(3, (int) Math.min(Integer.MAX_VALUE, executionMs));
            ps.setLong(4, rank);
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

    /** Removes one row. */
    public void delete(Connection c, long rank) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("delete from " + qualifiedName + " where installed_rank = ?")) {
            ps.setLong(1, rank);
            ps.executeUpdate();
        }
    }

    /** Removes the rows of a migration that did not finish (failed, or running when interrupted); name as in delete. */
    private void deleteUnfinished(Connection c, Kind kind, Version version, String name) throws SQLException {
        if (version == null) {
            try (PreparedStatement ps = c.prepareStatement("delete from " + qualifiedName
                    + " where kind = ? and not success and version is null and name = ?")) {
                ps.setString(1, kind.code());
                ps.setString(2, name);
                ps.executeUpdate();
            }
        } else {
            try (PreparedStatement ps = c.prepareStatement("delete from " + qualifiedName + " where kind = ?"
                    + " and version = ?" + (version.tie() != null ? " and name = ?" : "") + " and not success")) {
                bindMigration(ps, kind, version, name);
                ps.executeUpdate();
            }
        }
    }

    private static void bindMigration(PreparedStatement ps, Kind kind, Version version, String name) throws SQLException {
        ps.setString(1, kind.code());
        ps.setString(2, version.normalized());
        if (version.tie() != null) {
            ps.setString(3, name);
        }
    }

    /** Removes every row that is not applied: failed, interrupted, and those a later success made stale. */
    public int deleteUnsuccessful(Connection c) throws SQLException {
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
