package dev.preflight.lint;

/**
 * One finding of the safety lint: which rule, where, what the statement does, why it is a problem and the safe
 * pattern. {@link #toBlock()} is the one text rendering every surface prints; {@link LintReport} renders a whole
 * report as text, JSON or SARIF.
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
 * @param message what the statement does, naming the table; {@code down: ...} for a down script
 * @param why why it is a problem
 * @param safePattern the safe way to do it
 */
public record Finding(String rule, String origin, int line, String message, String why, String safePattern) {

    /** {@code origin:line}. */
    public String location() {
        return origin + ":" + line;
    }

    /** The rule of this finding. */
    public Rule ruleInfo() {
        return Rule.byId(rule).orElseThrow(() -> new IllegalStateException("no lint rule " + rule));
    }

    /** Hazard or convention. */
    public Category category() {
        return ruleInfo().category();
    }

    /** The finding as one block of lines, each ending with a line break. */
    public String toBlock() {
        return rule + "  " + location() + "\n"
                + "  " + message + "\n"
                + "  why:  " + why + "\n"
                + "  safe: " + safePattern + "\n"
                + "  accept it with: -- preflight:allow " + rule + "\n";
    }
}
