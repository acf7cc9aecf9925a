package dev.preflight.spring.startup;

import dev.preflight.MigrateResult;
import dev.preflight.MigrationListener;
import dev.preflight.StatusReport;
import dev.preflight.spring.PreflightRepositories;
import dev.preflight.spring.startup.RepoState.Phase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * Where each repository stands ({@link RepoState}), for the readiness indicator, the gauges and the endpoint: fed by
 * start-up and, as a {@link MigrationListener}, by every operation. The counts come from the repo's status, read again
 * in the background once they are older than {@link #REFRESH} when someone looks (a probe or a scrape never waits for
 * the database); a status that cannot be read keeps the last counts and says why.
 */
public final class StartupState implements MigrationListener, AutoCloseable {

    static final Duration REFRESH = Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger(StartupState.class);

    private final PreflightRepositories repos;
    private final Map<String, AtomicReference<RepoState>> states = new LinkedHashMap<>();
    private final Map<String, AtomicBoolean> refreshing = new LinkedHashMap<>();
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "preflight-status");
        t.setDaemon(true);
        return t;
    });

    public StartupState(PreflightRepositories repos) {
        this.repos = repos;
        for (String repo : repos.names()) {
            states.put(repo, new AtomicReference<>(RepoState.initial()));
            refreshing.put(repo, new AtomicBoolean());
        }
    }

    /** The repo names, the default first. */
    public List<String> repos() {
        return repos.names();
    }

    /** The repo's state; counts older than {@link #REFRESH} are read again in the background. */
    public RepoState get(String repo) {
        RepoState state = ref(repo).get();
        boolean stale = state.checkedAt() == null
                || state.checkedAt().isBefore(Instant.now().minus(REFRESH));
        if (stale && state.phase() != Phase.RUNNING && state.phase() != Phase.STARTING
                && refreshing.get(repo).compareAndSet(false, true)) {
            background.execute(() -> {
                try {
                    refresh(repo);
                } finally {
                    refreshing.get(repo).set(false);
                }
            });
        }
        return state;
    }

    /** Reads the repo's status now and records its counts; a failure is recorded, not thrown. */
    public void refresh(String repo) {
        try {
            StatusReport report = repos.reader(repo).status();
            update(repo, s -> s.counted(report, Instant.now()));
        } catch (RuntimeException e) {
            LOG.debug("status of repo {} not read", repo, e);
            update(repo, s -> s.statusFailed(String.valueOf(e.getMessage())));
        }
    }

    /** Records a status read by someone else (the endpoint), so that nobody reads it again soon. */
    public void counted(String repo, StatusReport report) {
        update(repo, s -> s.counted(report, Instant.now()));
    }

    void phase(String repo, Phase phase, String error) {
        update(repo, s -> s.phase(phase, null, error));
    }

    @Override
    public void migrationStarted(String repo, String operation, int index, int total, String id, String name) {
        update(repo, s -> s.phase() == Phase.RUNNING ? s.phase(Phase.RUNNING, id + " " + name, null) : s);
    }

    @Override
    public void finished(MigrateResult result) {
        // Applied or reverted: the counts changed.
        background.execute(() -> refresh(result.repo()));
    }

    @Override
    public void close() {
        background.shutdownNow();
    }

    private void update(String repo, UnaryOperator<RepoState> change) {
        ref(repo).updateAndGet(change);
    }

    private AtomicReference<RepoState> ref(String repo) {
        AtomicReference<RepoState> state = states.get(repo);
        if (state == null) {
            throw new IllegalArgumentException("no repo " + repo);
        }
        return state;
    }
}
