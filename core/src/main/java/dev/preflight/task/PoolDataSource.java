package dev.preflight.task;

import dev.preflight.db.BaseDataSource;
import dev.preflight.db.Database;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The repository's pool as a {@link javax.sql.DataSource} for tasks: the same at most two connections the engine uses,
 * opened on first use (waiting for the database as {@code connect-retry} says). Not the HikariCP pool itself,
 * so a task cannot close or resize it.
 */
final class PoolDataSource extends BaseDataSource {

    private final Database database;

    PoolDataSource(Database database, String repo) {
        super("the preflight pool of repo " + repo + " (at most 2 connections)");
        this.database = database;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return database.connection();
    }
}
