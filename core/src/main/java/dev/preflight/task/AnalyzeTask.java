package dev.preflight.task;

import dev.preflight.ConfigException;
import dev.preflight.Kind;
import dev.preflight.RepoConfig;
import dev.preflight.Task;
import dev.preflight.TaskArguments;
import dev.preflight.TaskContext;
import dev.preflight.TaskParameter;
import dev.preflight.db.HistoryRow;
import dev.preflight.db.HistoryTable;
import dev.preflight.lint.TableNames;
import dev.preflight.source.Migration;
import dev.preflight.source.MigrationFinder;
import dev.preflight.sql.SqlSplitter;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Built-in task {@code analyze}: refreshes the planner statistics of the tables the last migrations touched
 * (a new column or index, a backfill: the planner still plans with the old numbers until autovacuum comes by),
 * or of the tables given.
 *
 * <pre>
 * java -jar preflight-agent.jar task analyze            # tables of the last applied schema migration
 * java -jar preflight-agent.jar task analyze last=3
 * java -jar preflight-agent.jar task analyze tables=todo,public.audit
 * </pre>
 *
 * <p>The tables come from the SQL of the migrations (the same keyword reading as the lint: CREATE/ALTER TABLE,
 * CREATE INDEX ... ON, INSERT, UPDATE, DELETE, COPY, TRUNCATE); only those that exist now are analyzed, so a
 * table dropped later is skipped. Java migrations have no SQL to read and are reported as skipped.
 */
final class AnalyzeTask implements Task {

    private final RepoConfig repo;
    private final ClassLoader loader;

    AnalyzeTask(RepoConfig repo, ClassLoader loader) {
        this.repo = repo;
        this.loader = loader;
    }

    @Override
    public String name() {
        return "analyze";
    }

    @Override
    public String description() {
        return "Runs ANALYZE on the tables touched by the last applied schema migrations, or on the tables given";
    }

    @Override
    public List<TaskParameter> parameters() {
        return List.of(
                TaskParameter.integer("last", "how many of the last applied schema migrations to read the tables of")
                        .withDefault("1"),
                TaskParameter.string("tables", "comma-separated tables to analyze instead, e.g. todo,public.audit"));
    }

    @Override
    public void run(TaskContext context) throws SQLException {
        TaskArguments args = context.arguments();
        try (Connection c = context.dataSource().getConnection()) {
            Map<String, String> tables;
            if (args.has("tables")) {
                tables = given(c, args.string("tables"));
            } else {
                int last = args.integer("last");
                if (last < 1) {
                    throw new ConfigException("last must be at least 1, got " + last);
                }
                tables = touched(c, context, last);
            }
            if (tables.isEmpty()) {
                context.log("no existing table to analyze");
                return;
            }
            int done = 0;
            for (String table : tables.values()) {
                long t0 = System.nanoTime();
                try (Statement s = c.createStatement()) {
                    s.execute("ANALYZE " + table);
                }
                done++;
                context.log("analyzed " + table + " (" + (System.nanoTime() - t0) / 1_000_000 + " ms)");
                context.progress(done, tables.size(), "tables analyzed");
            }
        }
    }

    /** The tables named by the user, each resolved by PostgreSQL; an unknown one is a usage error. */
    private static Map<String, String> given(Connection c, String list) throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (String name : list.split(",")) {
            if (name.isBlank()) {
                continue;
            }
            String resolved = resolve(c, name.strip());
            if (resolved == null) {
                missing.add(name.strip());
            } else {
                out.put(resolved, resolved);
            }
        }
        if (!missing.isEmpty()) {
            throw new ConfigException("no such table: " + String.join(", ", missing)
                    + " (in the search_path of repo's user; qualify it as schema.table)");
        }
        if (out.isEmpty()) {
            throw new ConfigException("tables is empty: name at least one table, e.g. tables=todo");
        }
        return out;
    }

    /** The existing tables of the last {@code last} applied schema migrations, by their resolved name. */
    private Map<String, String> touched(Connection c, TaskContext context, int last) throws SQLException {
        List<HistoryRow> applied = new HistoryTable(repo.schema(), repo.table()).read(c).stream()
                .filter(r -> r.kind() == Kind.SCHEMA && r.success() && r.version() != null).toList();
        if (applied.isEmpty()) {
            context.log("no schema migration is applied yet");
            return Map.of();
        }
        List<HistoryRow> chosen = applied.subList(Math.max(0, applied.size() - last), applied.size());
        Map<dev.preflight.Version, Migration> files = new LinkedHashMap<>();
        for (Migration m : MigrationFinder.find(repo.locations(), Kind.SCHEMA, repo.name(), loader, false)) {
            if (m.version() != null) {
                files.put(m.version(), m);
            }
        }
        Set<String> names = new LinkedHashSet<>();
        for (HistoryRow row : chosen) {
            Migration m = files.get(row.version());
            if (m == null) {
                context.log("migration " + row.version() + " " + row.name() + ": its file is not found, skipped");
            } else if (m.up() == null) {
                context.log("migration " + m.id() + " " + m.name() + " is a Java migration: no SQL to read its tables"
                        + " from, skipped (name them with tables=...)");
            } else {
                names.addAll(TableNames.touched(SqlSplitter.split(m.up().sql(), m.up().origin(), m.up().firstLine())));
            }
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : names) {
            String resolved = resolve(c, name);
            if (resolved == null) {
                context.log("table " + name + " does not exist any more, skipped");
            } else {
                out.putIfAbsent(resolved, resolved);
            }
        }
        return out;
    }

    /** The table's name as PostgreSQL prints its regclass (quoted and qualified as needed), or null. */
    private static String resolve(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select to_regclass(?)::text from pg_class"
                + " where oid = to_regclass(?) and relkind in ('r', 'p', 'm')")) {
            ps.setString(1, name);
            ps.setString(2, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            if ("42602".equals(e.getSQLState()) || "3F000".equals(e.getSQLState())) {
                return null; // invalid name or unknown schema: no such table
            }
            throw e;
        }
    }
}
