package dev.preflight.spring.startup;

import dev.preflight.MigrateResult;
import dev.preflight.MigrationListener;

import java.time.Duration;
import java.util.List;

/** Several {@link MigrationListener}s as one: the start-up state, the metrics, and the application's own listener beans. */
public final class Listeners implements MigrationListener {

    private final List<MigrationListener> all;

    public Listeners(List<MigrationListener> all) {
        this.all = List.copyOf(all);
    }

    @Override
    public void waitingForDatabase(String repo, int attempt, String reason) {
        all.forEach(l -> l.waitingForDatabase(repo, attempt, reason));
    }

    @Override
    public void waitingForLock(String repo, String holder) {
        all.forEach(l -> l.waitingForLock(repo, holder));
    }

    @Override
    public void lockAcquired(String repo, Duration waited) {
        all.forEach(l -> l.lockAcquired(repo, waited));
    }

    @Override
    public void started(String repo, String operation, int total) {
        all.forEach(l -> l.started(repo, operation, total));
    }

    @Override
    public void migrationStarted(String repo, String operation, int index, int total, String id, String name) {
        all.forEach(l -> l.migrationStarted(repo, operation, index, total, id, name));
    }

    @Override
    public void migrationFinished(String repo, String operation, int index, int total, String id, String name,
                                  long millis) {
        all.forEach(l -> l.migrationFinished(repo, operation, index, total, id, name, millis));
    }

    @Override
    public void progress(String repo, String operation, long done, long total, String message) {
        all.forEach(l -> l.progress(repo, operation, done, total, message));
    }

    @Override
    public void finished(MigrateResult result) {
        all.forEach(l -> l.finished(result));
    }

    @Override
    public void failed(String repo, String operation, RuntimeException error) {
        all.forEach(l -> l.failed(repo, operation, error));
    }
}
