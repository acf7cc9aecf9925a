package dev.preflight.db;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;

/**
 * The parts of a {@link DataSource} that Preflight's own data sources do not use (log writer, login timeout,
 * wrapping): each of them only says where its connections come from.
 */
public abstract class BaseDataSource implements DataSource {

    private final String description;

    /** @param description what {@link #toString()} and error messages call it */
    protected BaseDataSource(String description) {
        this.description = description;
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException(description + " connects as its configured user;"
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
        throw new SQLException(description + " does not wrap a " + type.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }

    @Override
    public String toString() {
        return description;
    }
}
