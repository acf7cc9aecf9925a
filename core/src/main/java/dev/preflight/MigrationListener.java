package dev.preflight;

import java.time.Duration;

/**
 * Follows what an operation is doing, for progress lines, health endpoints and JMX jobs. Every method
 * has an empty default; implement what you need. Called on the thread running the operation.
 */
public interface MigrationListener {

    /** No-op listener. */
    MigrationListener NONE = new MigrationListener() {
    };

    /** The database did not answer; another attempt follows. */
    default void waitingForDatabase(String repo, int attempt, String reason) {
    }

    /** Another session holds the migration lock; {@code holder} describes it (pid, application, since). */
    default void waitingForLock(String repo, String holder) {
    }

    /**
     * The migration lock is taken, {@code waited} after the first attempt (about zero when nobody held it): what a
     * lock-wait metric records.
     */
    default void lockAcquired(String repo, Duration waited) {
    }

    /** An operation starts with {@code total} migrations to apply or revert. */
    default void started(String repo, String operation, int total) {
    }

    /** Migration {@code index} (1-based) of {@code total} starts. */
    default void migrationStarted(String repo, String operation, int index, int total, String id, String name) {
    }

    /** Migration {@code index} of {@code total} finished after {@code millis}. */
    default void migrationFinished(String repo, String operation, int index, int total, String id, String name,
                                   long millis) {
    }

    /**
     * A line of progress or log from inside an operation: a task's {@link TaskContext#log}/{@link
     * TaskContext#progress}, or a batched backfill ({@link dev.preflight.backfill.Backfill}) run by a Java
     * migration or a task. {@code done} of {@code total} units ({@code total} 0 when unknown); {@code done}
     * below 0 for a plain log line without a count. {@link dev.preflight.progress.ProgressLines#format} turns
     * it into the line users see.
     *
     * @param operation e.g. {@code migrate-data} or {@code task analyze}
     */
    default void progress(String repo, String operation, long done, long total, String message) {
    }

    /** The operation finished. */
    default void finished(MigrateResult result) {
    }

    /**
     * An operation that changes the database failed ({@code migrate}, {@code rollback}, {@code migrate-data},
     * {@code rollback-data} or {@code task}); {@code error} is what the caller gets thrown. What a failure metric counts.
     */
    default void failed(String repo, String operation, RuntimeException error) {
    }
}
