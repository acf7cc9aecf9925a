package dev.preflight.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Connections straight from Preflight's own PostgreSQL driver, for HikariCP to pool. Not through
 * {@link java.sql.DriverManager}: inside the agent jar the driver is relocated and kept out of DriverManager, so
 * that the application's own pool never picks it up (and HikariCP, given a driver class name, would warn on every
 * start that DriverManager does not know it).
 */
final class DriverDataSource extends BaseDataSource {

    private static final org.postgresql.Driver DRIVER = new org.postgresql.Driver();

    private final String url;
    private final Properties properties;
    private volatile int loginTimeoutSeconds;

    /** @param properties user, password, ApplicationName, ... as pgjdbc reads them */
    DriverDataSource(String url, Properties properties, String description) {
        super(description);
        this.url = url;
        this.properties = properties;
    }

    /** HikariCP sets it from its connection timeout: how long one connection attempt may take. */
    @Override
    public void setLoginTimeout(int seconds) {
        loginTimeoutSeconds = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeoutSeconds;
    }

    @Override
    public Connection getConnection() throws SQLException {
        Properties attempt = properties;
        if (loginTimeoutSeconds > 0) {
            attempt = new Properties();
            attempt.putAll(properties);
            attempt.setProperty("loginTimeout", Integer.toString(loginTimeoutSeconds));
        }
        Connection connection = DRIVER.connect(url, attempt);
        if (connection == null) {
            // connect() answers null for a URL that is not its own; config validation should have caught it.
            throw new SQLException("not a PostgreSQL JDBC URL: " + url.replaceAll("\\?.*", "?..."));
        }
        return connection;
    }
}
