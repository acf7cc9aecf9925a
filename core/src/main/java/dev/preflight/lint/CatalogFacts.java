package dev.preflight.lint;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@link DatabaseFacts} asked of a live connection, each question at most once, and only when a rule needs the
 * answer: a run of migrations without a function default costs no catalog query. A question the database cannot
 * answer (a role without access to the catalog, a broken connection) is answered as offline, with a log line:
 * the lint never fails a migration because it could not ask. Synchronized: the lint of independent migrations runs
 * side by side.
 */
final class CatalogFacts implements DatabaseFacts {

    private static final Logger LOG = LoggerFactory.getLogger(CatalogFacts.class);

    private final Connection connection;
    private OptionalInt version;
    private String defaultSchema;
    private final Map<String, Optional<Boolean>> volatility = new HashMap<>();

    CatalogFacts(Connection connection) {
        this.connection = connection;
    }

    @Override
    public synchronized OptionalInt serverVersionNum() {
        if (version == null) {
            version = OptionalInt.empty();
            try {
                // The driver has the version from the connection's start-up: no query.
                DatabaseMetaData meta = connection.getMetaData();
                version = OptionalInt.of(meta.getDatabaseMajorVersion() * 10_000 + meta.getDatabaseMinorVersion());
            } catch (SQLException e) {
                unanswered("the server version", e);
            }
        }
        return version;
    }

    @Override
    public synchronized String defaultSchema() {
        if (defaultSchema == null) {
            defaultSchema = DatabaseFacts.offline().defaultSchema();
            try (Statement s = connection.createStatement();
                 ResultSet rs = s.executeQuery("select current_schema()")) {
                if (rs.next() && rs.getString(1) != null) {
                    defaultSchema = rs.getString(1);
                }
            } catch (SQLException e) {
                unanswered("current_schema()", e);
            }
        }
        return defaultSchema;
    }

    @Override
    public synchronized Optional<Boolean> isVolatile(String schema, String function) {
        return volatility.computeIfAbsent(schema + "." + function, key -> ask(schema, function));
    }

    private Optional<Boolean> ask(String schema, String function) {
        // Unqualified: the functions a call would find on the search path. Any volatile overload counts.
        String sql = "select bool_or(p.provolatile = 'v') from pg_catalog.pg_proc p"
                + " join pg_catalog.pg_namespace n on n.oid = p.pronamespace where p.proname = ?"
                + (schema == null ? " and pg_catalog.pg_function_is_visible(p.oid)" : " and n.nspname = ?");
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            s.setString(1, function);
            if (schema != null) {
                s.setString(2, schema);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                boolean anyVolatile = rs.getBoolean(1);
                return rs.wasNull() ? Optional.empty() : Optional.of(anyVolatile);
            }
        } catch (SQLException e) {
            unanswered("the volatility of " + function + "()", e);
            return Optional.empty();
        }
    }

    private static void unanswered(String what, Exception e) {
        LOG.info("lint: could not ask the database for {} ({}); linting as without a database", what, e.getMessage());
    }
}
