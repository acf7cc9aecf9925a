package dev.preflight.task;

import dev.preflight.db.Database;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;

/**
 * The repository's pool as a {@link DataSource} for tasks: the same at most two connections the engine uses,
 * opened on first use (waiting for the database as {@code connect-retry} says). Not the HikariCP pool itself,
 * so a task cannot close or resize it.
 */
final class PoolDataSource implements DataSource {

    private final Database database;
    private final String repo;

    PoolDataSource(Database database, String repo) {
        this.database = database;
        this.repo = repo;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return database.connection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("the pool of repo " + repo + " connects as its configured user;"
                + " call getConnection()");
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // Preflight logs through its own logger.
    }

    @Override
    public void setLoginTimeout(int seconds) {
        // connect-retry decides how long the first connection waits.
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException("the task pool of repo " + repo + " does not wrap a " + type.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }

    @Override
    public String toString() {
        return "preflight pool of repo " + repo + " (at most 2 connections)";
    }
}
