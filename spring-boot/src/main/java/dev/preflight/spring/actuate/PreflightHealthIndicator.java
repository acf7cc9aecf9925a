package dev.preflight.spring.actuate;

import dev.preflight.spring.startup.RepoState;
import dev.preflight.spring.startup.StartupState;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * {@code preflight} in {@code /actuator/health}, and a member of the readiness group
 * ({@link ReadinessGroupMembership}): DOWN while start-up has not finished, after it failed, and while any repo has
 * pending or failed migrations; UP otherwise. The details show each repo's phase, version and counts. It never waits for
 * the database: the counts are at most a few seconds old ({@link StartupState}).
 *
 * <pre>
 * {"status":"DOWN","details":{"main":{"phase":"running","current":"3 add_index","reason":"migrating 3 add_index"}}}
 * </pre>
 */
public final class PreflightHealthIndicator extends AbstractHealthIndicator {

    /** The name Boot gives the indicator (its bean name without "HealthIndicator"). */
    public static final String NAME = "preflight";

    private final StartupState state;

    public PreflightHealthIndicator(StartupState state) {
        super("Preflight health check failed");
        this.state = state;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        boolean ready = true;
        for (String repo : state.repos()) {
            RepoState repoState = state.get(repo);
            ready &= repoState.ready();
            builder.withDetail(repo, repoState.details());
        }
        if (ready) {
            builder.up();
        } else {
            builder.down();
        }
    }
}
