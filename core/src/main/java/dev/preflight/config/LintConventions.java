package dev.preflight.config;

/**
 * Whether the lint's conventions (squawk's {@code prefer-*} rules, identifiers over 63 bytes) join the rules that
 * {@code lint.rules} selects ({@code lint.conventions}).
 *
 * <pre>{@code
 * boolean conventions = config.get(ConfigKeys.LINT_CONVENTIONS) == LintConventions.ON;
 * }</pre>
 */
public enum LintConventions {
    /** Add every convention to lint.rules. */
    ON,
    /** Only what lint.rules names. */
    OFF
}
