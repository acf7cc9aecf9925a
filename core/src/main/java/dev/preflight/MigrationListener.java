package dev.preflight;

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

    /** The operation finished. */
    default void finished(MigrateResult result) {
    }
}
