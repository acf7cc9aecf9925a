package dev.preflight.db;

import dev.preflight.ConfigException;
import dev.preflight.RepoConfig;
import dev.preflight.config.ConfigKeys;
import dev.preflight.config.DatabaseUrls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.function.Function;

/**
 * A url naming a database that does not exist (SQLSTATE 3D000). Waiting will not cure it, so it is reported at once
 * with the command that creates it; with {@code create-database=true} it is created instead, through a maintenance
 * database of the same server ({@code postgres}, else {@code template1}) and the same credentials, as dbmate's
 * {@code up} does.
 *
 * <pre>{@code
 * MissingDatabase.create(repo, url -> dataSource(url));   // logs: created database "app" (create-database=true)
 * }</pre>
 */
final class MissingDatabase {

    static final String SQL_STATE = "3D000";
    private static final String DUPLICATE_DATABASE = "42P04";
    private static final List<String> MAINTENANCE_DATABASES = List.of("postgres", "template1");
    private static final Logger LOG = LoggerFactory.getLogger(MissingDatabase.class);

    private MissingDatabase() {
    }

    /** The error for a missing database when it is not to be created: names it and says how to create it. */
    static ConfigException error(RepoConfig repo) {
        String name = databaseName(repo.url());
        return new ConfigException("Database \"" + name + "\" does not exist on the server of "
                + DatabaseUrls.mask(repo.url()) + " (repo " + repo.name() + "). Create it, e.g. `createdb "
                + name + "` or `psql -c 'CREATE DATABASE \"" + name + "\"'` as a user allowed to, or set "
                + ConfigKeys.CREATE_DATABASE.name() + "=true to let Preflight create it.");
    }

    /**
     * Creates the repo's database; another instance creating it at the same moment is fine.
     *
     * @param dataSources a data source with the repo's credentials for a given JDBC url
     * @throws ConfigException when it cannot be created (no CREATEDB privilege, no maintenance database)
     */
    static void create(RepoConfig repo, Function<String, DriverDataSource> dataSources) {
        String name = databaseName(repo.url());
        SQLException last = null;
        for (String maintenance : MAINTENANCE_DATABASES) {
            try (Connection connection = dataSources.apply(withDatabase(repo.url(), maintenance)).getConnection();
                 Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE " + HistoryTable.quote(name));
                LOG.info("created database \"{}\" on the server of {} ({}=true)", name, DatabaseUrls.mask(repo.url()),
                        ConfigKeys.CREATE_DATABASE.name());
                return;
            } catch (SQLException e) {
                if (DUPLICATE_DATABASE.equals(e.getSQLState())) {
                    return;  // another instance won the race: the database is there now
                }
                last = e;
                if (!SQL_STATE.equals(e.getSQLState())) {
                    break;  // only a missing maintenance database is worth trying the next one
                }
            }
        }
        throw new ConfigException("Database \"" + name + "\" does not exist and could not be created ("
                + ConfigKeys.CREATE_DATABASE.name() + "=true): " + DatabaseUrls.mask(last.getMessage())
                + ". Create it as a user allowed to (`createdb " + name + "`), or grant CREATEDB to "
                + repo.user().orElse("the connecting user") + ".");
    }

    /** The database a JDBC url names, as the driver reads it. */
    static String databaseName(String url) {
        Properties parsed = org.postgresql.Driver.parseURL(url, null);
        String name = parsed == null ? null : parsed.getProperty("PGDBNAME");
        return name == null || name.isEmpty() ? "(the user's name)" : name;
    }

    /** {@code url} with its database replaced: {@code jdbc:postgresql://h:5432/app?ssl=true} → {@code .../postgres?ssl=true}. */
    static String withDatabase(String url, String database) {
        String prefix = "jdbc:postgresql:";
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        String parameters = query < 0 ? "" : url.substring(query);
        String rest = base.substring(prefix.length());
        if (!rest.startsWith("//")) {
            return prefix + database + parameters;
        }
        int slash = rest.indexOf('/', 2);
        return prefix + (slash < 0 ? rest : rest.substring(0, slash)) + "/" + database + parameters;
    }
}
