package dev.preflight.engine;

import dev.preflight.db.Database;
import dev.preflight.db.VerifiedFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The start-up's shortcut past a full check: when the schema migrations are byte for byte a file set that a full
 * check found up to date with the history, and the history has not changed since, a migrate has nothing to do and
 * nothing has drifted. It costs a fingerprint of the files (no parsing; a jar's files are not even read) on the
 * caller's thread and, meanwhile on another, one connection outside the pool and one query.
 *
 * <p>Anything unusual (no fingerprint, the database not answering at once, an SQL error) only means "not known":
 * the full check then runs as if the shortcut did not exist, with its own waiting and error messages.
 *
 * <pre>{@code
 * VerifiedShortcut shortcut = VerifiedShortcut.check(database, verified, fingerprint);
 * if (shortcut.upToDate()) { ... nothing to do ... }
 * ... full check ...; when it finds nothing to do: shortcut.record(work, fingerprint);
 * }</pre>
 */
final class VerifiedShortcut {

    private static final Logger LOG = LoggerFactory.getLogger(VerifiedShortcut.class);

    private final VerifiedFiles verified;
    private final String files;
    private final VerifiedFiles.Check known;

    private VerifiedShortcut(VerifiedFiles verified, String files, VerifiedFiles.Check known) {
        this.verified = verified;
        this.files = files;
        this.known = known;
    }

    /**
     * @param fingerprint the schema migrations' fingerprint, computed on this thread while the query runs on another
     */
    static VerifiedShortcut check(Database database, VerifiedFiles verified, String repo,
                                  Supplier<Optional<String>> fingerprint) {
        CompletableFuture<VerifiedFiles.Check> query = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try (Connection c = database.directConnection()) {
                query.complete(verified.check(c));
            } catch (SQLException | RuntimeException e) {
                query.completeExceptionally(e);
            }
        }, "preflight-verified-" + repo);
        thread.setDaemon(true);
        thread.setContextClassLoader(Thread.currentThread().getContextClassLoader());
        thread.start();
        String files = fingerprint.get().orElse(null);
        VerifiedFiles.Check known;
        try {
            known = query.join();
        } catch (RuntimeException e) {
            LOG.debug("repo {}: no shortcut, the full check runs ({})", repo, e.getCause() != null ? e.getCause() : e);
            known = null;
        }
        return new VerifiedShortcut(verified, files, known);
    }

    /** True when the files and the history are as a full check found them up to date. */
    boolean upToDate() {
        return files != null && known != null && known.verified(files);
    }

    /**
     * After a full check found nothing to do: records the file set as verified against the history as it was when
     * this shortcut looked, provided the files are still those (fingerprinted again now: a file edited during the
     * check must not be vouched for) and the history too ({@link VerifiedFiles#record}). Best effort: a database
     * user without the right to create the table only misses the shortcut.
     */
    void record(Connection work, Supplier<Optional<String>> fingerprint) {
        if (files == null || known == null || known.historyDigest() == null || known.verified(files)
                || !fingerprint.get().map(files::equals).orElse(false)) {
            return;
        }
        try {
            verified.record(work, files, known.historyDigest());
        } catch (SQLException e) {
            LOG.info("could not record the checked file set in {} ({}): every start-up reads every file",
                    verified.tableName(), e.getMessage());
        }
    }
}
