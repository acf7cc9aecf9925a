package dev.preflight.engine;

import dev.preflight.Kind;
import dev.preflight.MigrationListener;
import dev.preflight.PreflightException;
import dev.preflight.RepoConfig;
import dev.preflight.db.AdvisoryLock;
import dev.preflight.db.Database;
import dev.preflight.db.HistoryRow;
import dev.preflight.db.HistoryTable;
import dev.preflight.db.VerifiedFiles;
import dev.preflight.source.Migration;
import dev.preflight.source.MigrationFinder;
import dev.preflight.source.ParsedMigrations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What every command on one repository works with: its migration files, its history table, its connections and
 * its migration lock. A command reads the files and the history once ({@link #withFilesAndHistory}), and takes the
 * lock ({@link #underLock}) only to change something.
 *
 * <pre>{@code
 * RepoAccess access = new RepoAccess(repo, loader, listener, database);
 * access.withConnection(work -> access.underLock(lockConnection -> ...));
 * }</pre>
 */
final class RepoAccess {

    private static final Logger LOG = LoggerFactory.getLogger(RepoAccess.class);

    final RepoConfig repo;
    final MigrationListener listener;
    final Database database;
    final HistoryTable table;
    final AdvisoryLock lock;
    final VerifiedFiles verified;
    private final ClassLoader loader;
    /** Parsed migrations of unchanged files, for repeated calls on this instance (e.g. status from JConsole). */
    private final ParsedMigrations parsed = new ParsedMigrations();

    RepoAccess(RepoConfig repo, ClassLoader loader, MigrationListener listener, Database database) {
        this.repo = repo;
        this.loader = loader;
        this.listener = listener;
        this.database = database;
        this.table = new HistoryTable(repo.schema(), repo.table());
        this.lock = new AdvisoryLock(repo.name(), repo.schema(), repo.table());
        this.verified = new VerifiedFiles(repo.schema(), repo.table());
    }

    /** The configured locations of {@code kind} (SCHEMA or DATA). */
    List<String> locations(Kind kind) {
        return kind == Kind.DATA ? repo.dataLocations() : repo.locations();
    }

    List<Migration> files(Kind kind) {
        return MigrationFinder.find(locations(kind), kind, repo.name(), loader, repo.strict(), parsed);
    }

    Optional<String> fingerprint(Kind kind) {
        return MigrationFinder.fingerprint(locations(kind), kind, repo.name(), loader, repo.strict());
    }

    History read(Connection c, Kind kind, List<Migration> files) throws SQLException {
        return new History(kind, files, table.read(c));
    }

    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    @FunctionalInterface
    interface Locked<T> {
        /** @param lockConnection the connection holding the lock; idle otherwise, so it may watch the work */
        T run(Connection lockConnection) throws SQLException;
    }

    @FunctionalInterface
    interface FilesWork<F, T> {
        T run(Connection c, F files, List<HistoryRow> rows) throws SQLException;
    }

    /**
     * Reads the files on this thread while the work connection is opened and the history read on another
     * ({@link HistoryInBackground}); a file error is thrown without waiting for the database, as it was when the
     * files were read first.
     */
    <F, T> T withFilesAndHistory(Supplier<F> readFiles, FilesWork<F, T> work) {
        HistoryInBackground history = HistoryInBackground.start(database, table, repo.name());
        F files;
        try {
            files = readFiles.get();
        } catch (RuntimeException | Error e) {
            history.cancel();
            throw e;
        }
        try (Connection c = history.connection()) {
            return work.run(c, files, history.rows());
        } catch (SQLException e) {
            throw databaseError(e);
        }
    }

    <T> T withConnection(SqlWork<T> work) {
        try (Connection c = database.connection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw databaseError(e);
        }
    }

    /** Runs {@code body} holding the migration lock on a connection of its own. */
    <T> T underLock(Locked<T> body) throws SQLException {
        try (Connection lockConnection = database.connection()) {
            lock.acquire(lockConnection, repo.lockWait(), listener);
            try {
                return body.run(lockConnection);
            } finally {
                try {
                    lock.release(lockConnection);
                } catch (SQLException e) {
                    LOG.warn("Could not release the migration lock of repo {} ({}); it goes with the session",
                            repo.name(), e.getMessage());
                }
            }
        }
    }

    PreflightException databaseError(SQLException e) {
        return new PreflightException("database error in repo " + repo.name() + ": " + e.getMessage()
                + (e.getSQLState() == null ? "" : " (SQLSTATE " + e.getSQLState() + ")"), e);
    }

    /** Who holds this repo's migration lock now, if anyone. */
    Optional<String> lockHolder() {
        return withConnection(lock::holder);
    }
}
