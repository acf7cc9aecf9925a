package dev.preflight.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.preflight.DatabaseUnavailableException;
import dev.preflight.MigrationListener;
import dev.preflight.RepoConfig;
import dev.preflight.config.DatabaseUrls;
import dev.preflight.config.Durations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import java.util.Set;

/**
 * The connections of one repository: a HikariCP pool of at most two (one holds the migration lock, one
 * does the work), opened on first use after waiting for the database, idle ones closed. Or, given the application's
 * own {@link DataSource}, connections borrowed from it: still one for the lock and one for the work, each handed back
 * when its command ends, and the data source is never closed here.
 */
public final class Database implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    /** Errors that waiting will not cure: bad password, unknown user, no permission to connect. */
    private static final Set<String> FATAL_SQL_STATES = Set.of("28P01", "28000", "42501");

    /** One attempt's wait: long enough for a fresh JVM's first connection on a busy machine (500 ms was not). */
    private static final Duration FIRST_CONNECT_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration BORROW_TIMEOUT = Duration.ofSeconds(30);

    private final RepoConfig repo;
    private final MigrationListener listener;
    /** The application's own data source, or null: then Preflight's pool, from the repo's url. */
    private final DataSource application;
    private HikariDataSource pool;

    public Database(RepoConfig repo, MigrationListener listener) {
        this(repo, null, listener);
    }

    /** @param application the application's data source, or null for a pool of Preflight's own from the url */
    public Database(RepoConfig repo, DataSource application, MigrationListener listener) {
        this.repo = repo;
        this.application = application;
        this.listener = listener;
    }

    /**
     * A connection from the pool. The first call opens the pool and waits for the database (connect-retry);
     * later calls borrow as usual. From the application's data source: borrowed, in auto-commit mode (the engine
     * opens its own transactions), with the data source's own wait.
     */
    public Connection connection() throws SQLException {
        if (application != null) {
            return borrow();
        }
        HikariDataSource ds;
        synchronized (this) {
            if (pool == null) {
                pool = new HikariDataSource(hikariConfig());
                try {
                    Connection first = firstConnection(pool);
                    // Connected: from now on wait for a busy pool as long as a normal pool would.
                    pool.setConnectionTimeout(BORROW_TIMEOUT.toMillis());
                    return first;
                } catch (RuntimeException e) {
                    closeQuietly(pool);
                    pool = null;
                    throw e;
                }
            }
            ds = pool;
        }
        return ds.getConnection();
    }

    private Connection firstConnection(HikariDataSource ds) {
        long deadline = System.nanoTime() + repo.connectRetry().toNanos();
        long backoffMillis = 200;
        boolean created = false;
        for (int attempt = 1; ; attempt++) {
            try {
                return ds.getConnection();
            } catch (SQLException e) {
                if (Thread.currentThread().isInterrupted()) {
                    // Cancelled (the files failed first): give up without a "not reachable" warning.
                    throw new DatabaseUnavailableException("interrupted while waiting for the database", e);
                }
                SQLException cause = sqlCause(e.getCause());
                if (cause != null && MissingDatabase.SQL_STATE.equals(cause.getSQLState())) {
                    // The server answered: waiting will not make the database appear.
                    if (!repo.createDatabase() || created) {
                        throw MissingDatabase.error(repo);
                    }
                    MissingDatabase.create(repo, url -> dataSource(url, 10));
                    created = true;
                    continue;
                }
                // The server's and the driver's messages never hold the password; a URL in them may.
                String reason = DatabaseUrls.mask(cause != null ? cause.getMessage() : e.getMessage());
                if (cause != null && FATAL_SQL_STATES.contains(cause.getSQLState())) {
                    throw new DatabaseUnavailableException("cannot connect to " + DatabaseUrls.mask(repo.url())
                            + " as " + repo.user().orElse("(default user)") + ": " + reason
                            + ". Check preflight.user and preflight.password.", null);
                }
                if (System.nanoTime() + backoffMillis * 1_000_000 > deadline) {
                    throw new DatabaseUnavailableException("database " + DatabaseUrls.mask(repo.url())
                            + " did not answer within connect-retry=" + Durations.format(repo.connectRetry()) + " ("
                            + attempt + " attempts): " + reason
                            + ". Is PostgreSQL running and reachable? Raise preflight.connect-retry to wait longer.",
                            null);
                }
                listener.waitingForDatabase(repo.name(), attempt, reason);
                LOG.warn("Database {} not reachable (attempt {}): {}; retrying in {} ms",
                        DatabaseUrls.mask(repo.url()), attempt, reason, backoffMillis);
                sleep(backoffMillis);
                backoffMillis = Math.min(backoffMillis * 2, 5_000);
            }
        }
    }

    /**
     * One connection outside the pool: a single attempt, no waiting for the database. For a check that needs one
     * query and, when the database is not there, hands over to the pooled path (which waits as connect-retry says):
     * in a fresh JVM, starting HikariCP costs more than the query. The caller closes it.
     */
    public Connection directConnection() throws SQLException {
        if (application != null) {
            return borrow();
        }
        // A host that does not answer at all costs at most this before the pooled path takes over.
        return dataSource(repo.url(), 2).getConnection();
    }

    private Connection borrow() throws SQLException {
        Connection c;
        try {
            c = application.getConnection();
        } catch (SQLException e) {
            // A pool of one would make the second borrow wait for the first forever: say what Preflight needs.
            throw new SQLException("cannot get a connection from the application's data source for repo " + repo.name()
                    + " (a command holds at most two at once: one for the migration lock, one for the work): "
                    + e.getMessage(), e.getSQLState(), e);
        }
        try {
            if (!c.getAutoCommit()) {
                // Pools configured with auto-commit off (common with JPA) reset it when the connection comes back.
                c.setAutoCommit(true);
            }
            return c;
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /**
     * Our own driver, not whichever PostgreSQL driver DriverManager finds first: inside the agent jar ours is
     * relocated, and the application's own (unrelocated) driver would not unwrap to our PGConnection.
     */
    private DriverDataSource dataSource(String url, int connectTimeoutSeconds) {
        Properties connection = new Properties();
        repo.user().ifPresent(user -> connection.setProperty("user", user));
        repo.password().ifPresent(password -> connection.setProperty("password", password));
        connection.setProperty("ApplicationName", applicationName());
        connection.setProperty("connectTimeout", Integer.toString(connectTimeoutSeconds));
        DriverDataSource dataSource = new DriverDataSource(url, connection,
                "the connections of repo " + repo.name());
        keepRelocatedDriverPrivate();
        return dataSource;
    }

    private HikariConfig hikariConfig() {
        HikariConfig config = new HikariConfig();
        config.setPoolName("preflight-" + repo.name());
        config.setDataSource(dataSource(repo.url(), 10));
        config.setMaximumPoolSize(2);
        config.setMinimumIdle(0);
        config.setIdleTimeout(Duration.ofSeconds(30).toMillis());
        // Open nothing up front and give up on a connection quickly: firstConnection owns the waiting.
        config.setInitializationFailTimeout(-1);
        config.setConnectionTimeout(FIRST_CONNECT_TIMEOUT.toMillis());
        return config;
    }

    /**
     * Inside the agent jar our driver is relocated; loading it registers it with DriverManager, where the
     * application's own pool would find it first and use it instead of the application's driver. Take it off
     * again: HikariCP instantiates it by class name. As a plain library the driver is the application's own,
     * and stays registered.
     *
     * <p>Through the driver's own register flag, never {@code DriverManager.getDrivers()}: that would make
     * DriverManager load every driver of the application (through the context class loader) before its main runs,
     * and their static set-up with it (the application's pgjdbc creates the JVM's java.util.logging LogManager).
     */
    private static void keepRelocatedDriverPrivate() {
        if (!org.postgresql.Driver.class.getName().startsWith("dev.preflight.shaded.")) {
            return;
        }
        if (org.postgresql.Driver.isRegistered()) {
            try {
                org.postgresql.Driver.deregister();
            } catch (SQLException | IllegalStateException e) {
                LOG.debug("could not deregister the relocated driver", e);
            }
        }
    }

    /** What other sessions see in pg_stat_activity, so a lock holder can be identified. */
    private String applicationName() {
        String name = "preflight " + repo.name() + " " + ThisProcess.host() + " pid " + ThisProcess.pid();
        return name.length() > 63 ? name.substring(0, 63) : name;
    }

    /** The first SQLException in a chain: HikariCP puts the driver's own failure behind its timeout. */
    private static SQLException sqlCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql;
            }
        }
        return null;
    }

    /**
     * Closes the pool without a word. Called on a thread that may be interrupted (the files failed first and the
     * history's reader was cancelled): HikariCP would then log the InterruptedException of its shutdown with a
     * stack trace, so the flag is cleared for the close and set again afterwards.
     */
    private static void closeQuietly(HikariDataSource pool) {
        boolean interrupted = Thread.interrupted();
        try {
            pool.close();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatabaseUnavailableException("interrupted while waiting for the database", e);
        }
    }

    /** Closes Preflight's own pool; the application's data source stays open: it is the application's. */
    @Override
    public synchronized void close() {
        if (pool != null) {
            closeQuietly(pool);
            pool = null;
        }
    }
}
