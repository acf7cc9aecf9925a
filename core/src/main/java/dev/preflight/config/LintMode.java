package dev.preflight.config;

/**
 * What the safety lint does with the migrations about to run ({@code lint}).
 *
 * <pre>{@code
 * if (repo.lint() == LintMode.ERROR) { ... }
 * }</pre>
 */
public enum LintMode {
    /** Log each hazard and run anyway. */
    WARN,
    /** Refuse the whole command before anything runs. */
    ERROR,
    /** Do not lint before running. */
    OFF
}
