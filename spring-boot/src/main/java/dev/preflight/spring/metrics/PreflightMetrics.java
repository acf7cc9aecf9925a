package dev.preflight.spring.metrics;

import dev.preflight.MigrationListener;
import dev.preflight.spring.startup.RepoState;
import dev.preflight.spring.startup.StartupState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Preflight's meters, one naming scheme for every surface (the agent's {@code /metrics} uses the same names). In
 * Micrometer's dotted form, with the Prometheus name {@code /actuator/prometheus} shows:
 *
 * <pre>
 * preflight.migrations.pending {repo}            gauge    preflight_migrations_pending
 * preflight.migrations.applied {repo}            gauge    preflight_migrations_applied
 * preflight.migration.duration {repo,operation}  timer    preflight_migration_duration_seconds_{count,sum,max}
 * preflight.migration.failures {repo,operation}  counter  preflight_migration_failures_total
 * preflight.lock.wait {repo}                     timer    preflight_lock_wait_seconds_{count,sum,max}
 * </pre>
 *
 * The gauges count schema migrations from the repo's last status (at most a few seconds old; NaN before the first);
 * the timer records each migration applied or reverted ({@code operation} = migrate, rollback, migrate-data,
 * rollback-data), the counter each failed operation (those and {@code task}), the lock timer each wait for the
 * migration lock (about zero when nobody held it).
 */
public final class PreflightMetrics implements MigrationListener {

    public static final String PENDING = "preflight.migrations.pending";
    public static final String APPLIED = "preflight.migrations.applied";
    public static final String DURATION = "preflight.migration.duration";
    public static final String FAILURES = "preflight.migration.failures";
    public static final String LOCK_WAIT = "preflight.lock.wait";

    private static final List<String> OPERATIONS = List.of("migrate", "rollback", "migrate-data", "rollback-data");

    private final MeterRegistry registry;

    public PreflightMetrics(MeterRegistry registry, StartupState state) {
        this.registry = registry;
        for (String repo : state.repos()) {
            gauge(state, repo, PENDING, "Schema migrations not applied yet", RepoState::pending);
            gauge(state, repo, APPLIED, "Schema migrations applied (the baseline included)", RepoState::applied);
            // Registered up front, so that a dashboard finds every series at zero before anything happens.
            for (String operation : OPERATIONS) {
                duration(repo, operation);
                failures(repo, operation);
            }
            failures(repo, "task");
            lockWait(repo);
        }
    }

    @Override
    public void migrationFinished(String repo, String operation, int index, int total, String id, String name,
                                  long millis) {
        duration(repo, operation).record(Duration.ofMillis(millis));
    }

    @Override
    public void failed(String repo, String operation, RuntimeException error) {
        failures(repo, operation).increment();
    }

    @Override
    public void lockAcquired(String repo, Duration waited) {
        lockWait(repo).record(waited);
    }

    private void gauge(StartupState state, String repo, String name, String description,
                       ToDoubleFunction<RepoState> count) {
        Gauge.builder(name, state, s -> {
            RepoState repoState = s.get(repo);
            return repoState.checkedAt() == null ? Double.NaN : count.applyAsDouble(repoState);
        }).description(description).tag("repo", repo).strongReference(true).register(registry);
    }

    private Timer duration(String repo, String operation) {
        return Timer.builder(DURATION).description("Time each migration took to apply or revert")
                .tags("repo", repo, "operation", operation).register(registry);
    }

    private Counter failures(String repo, String operation) {
        return Counter.builder(FAILURES).description("Operations that failed")
                .tags("repo", repo, "operation", operation).register(registry);
    }

    private Timer lockWait(String repo) {
        return Timer.builder(LOCK_WAIT).description("Wait for the migration lock").tag("repo", repo)
                .register(registry);
    }
}
