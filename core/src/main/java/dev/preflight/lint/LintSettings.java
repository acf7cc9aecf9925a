package dev.preflight.lint;

import dev.preflight.RepoConfig;

import java.time.Duration;
import java.util.Objects;

/**
 * How to lint: which rules are on, the {@code lock_timeout} Preflight sets around each migration (the repo's
 * {@code lock-timeout}; zero when none), and what is known about the database.
 *
 * <pre>{@code
 * LintSettings settings = LintSettings.of(repoConfig);                       // offline, as the repo is configured
 * LintSettings atMigrate = settings.with(DatabaseFacts.of(connection));     // asking the catalog when needed
 * }</pre>
 *
 * @param rules the rules that run
 * @param lockTimeout the lock_timeout every migration runs with; {@link Duration#ZERO} for none
 * @param facts the database's answers, or {@link DatabaseFacts#offline()}
 */
public record LintSettings(RuleSelection rules, Duration lockTimeout, DatabaseFacts facts) {

    public LintSettings {
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(lockTimeout, "lockTimeout");
        Objects.requireNonNull(facts, "facts");
    }

    /** The hazards, Preflight's default lock-timeout (5s), no database. */
    public static LintSettings defaults() {
        return new LintSettings(RuleSelection.defaults(), Duration.ofSeconds(5), DatabaseFacts.offline());
    }

    /** As the repo is configured ({@code lint.rules}, {@code lint.conventions}, {@code lock-timeout}), offline. */
    public static LintSettings of(RepoConfig repo) {
        return new LintSettings(repo.lintRules(), repo.lockTimeout(), DatabaseFacts.offline());
    }

    /** The same settings asking {@code facts}. */
    public LintSettings with(DatabaseFacts facts) {
        return new LintSettings(rules, lockTimeout, facts);
    }

    /** The same settings with these rules. */
    public LintSettings with(RuleSelection rules) {
        return new LintSettings(rules, lockTimeout, facts);
    }
}
