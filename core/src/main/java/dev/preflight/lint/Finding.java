package dev.preflight.lint;

import java.util.List;

/**
 * One hazard the safety lint found in a migration: which rule, where, what the statement does, why it is
 * dangerous and the safe pattern. {@link #toBlock()} is the one rendering every surface prints.
 *
 * <pre>
 * index-not-concurrent  db/migrations/V3__idx.sql:2
 *   CREATE INDEX on existing table users without CONCURRENTLY
 *   why:  CREATE INDEX without CONCURRENTLY holds a SHARE lock ...
 *   safe: CREATE INDEX CONCURRENTLY in a migration of its own ...
 *   accept it with: -- preflight:allow index-not-concurrent
 * </pre>
 *
 * @param rule the rule id, e.g. {@code set-not-null}
 * @param origin the file of the statement
 * @param line the 1-based line of the statement in {@code origin}
 * @param message what the statement does, naming the table
 * @param why why it is dangerous
 * @param safePattern the safe way to do it
 */
public record Finding(String rule, String origin, int line, String message, String why, String safePattern) {

    /** {@code origin:line}. */
    public String location() {
        return origin + ":" + line;
    }

    /** The finding as one block of lines, each ending with a line break. */
    public String toBlock() {
        return rule + "  " + location() + "\n"
                + "  " + message + "\n"
                + "  why:  " + why + "\n"
                + "  safe: " + safePattern + "\n"
                + "  accept it with: -- preflight:allow " + rule + "\n";
    }

    /**
     * A repo's whole lint report, as the CLI and the MBean show it: every finding's block, a blank line after
     * each, then {@code lint <repo>: ok} or {@code lint <repo>: N hazard(s); accept one with ...}.
     */
    public static String report(String repo, List<Finding> findings) {
        StringBuilder out = new StringBuilder();
        findings.forEach(f -> out.append(f.toBlock()).append('\n'));
        return out.append("lint ").append(repo).append(": ").append(findings.isEmpty() ? "ok"
                : findings.size() + " hazard(s); accept one with -- preflight:allow <rule>").append('\n').toString();
    }
}
