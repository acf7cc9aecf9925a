package dev.preflight.lint;

import dev.preflight.MigrationException;
import dev.preflight.RepoConfig;
import dev.preflight.config.LintMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The {@code lint} setting applied to the scripts a command is about to run ({@code migrate}, {@code migrate-data},
 * {@code rollback}, {@code rollback-data}), as one run: {@code warn} logs each finding, {@code error} refuses the
 * whole command before anything runs, {@code off} skips the lint. The database at hand answers what the offline lint
 * cannot know (a function's volatility, the server version, the schema of unqualified names).
 *
 * <pre>{@code
 * LintGate.check(repoConfig, List.of(LintScript.of(migration, true)), connection);
 * }</pre>
 */
public final class LintGate {

    private static final Logger LOG = LoggerFactory.getLogger(LintGate.class);

    private LintGate() {
    }

    /**
     * @param scripts the scripts in the order they will run (Java migrations left out)
     * @param connection a connection to the repo's database, asked only when a rule needs an answer
     * @throws MigrationException with every finding when {@code lint=error} and anything is found
     */
    public static void check(RepoConfig repo, List<LintScript> scripts, Connection connection) {
        if (repo.lint() == LintMode.OFF || scripts.isEmpty()) {
            return;
        }
        List<Finding> findings = Linter.lint(scripts, LintSettings.of(repo).with(DatabaseFacts.of(connection)));
        if (findings.isEmpty()) {
            return;
        }
        if (repo.lint() == LintMode.ERROR) {
            throw new MigrationException("the safety lint found " + findings.size() + " problem(s) in the scripts"
                    + " of repo " + repo.name() + " about to run; nothing was run (lint=error):\n\n"
                    + findings.stream().map(Finding::toBlock).collect(Collectors.joining("\n"))
                    + "\nUse the safe pattern, accept a finding with -- preflight:allow <rule> above its statement,"
                    + " or set lint=warn.");
        }
        findings.forEach(f -> LOG.warn("lint {}: {}", repo.name(), f.toBlock().stripTrailing()));
    }
}
