package dev.preflight.config;

/**
 * What the agent does before the application's main ({@code startup}).
 *
 * <pre>{@code
 * if (config.startup() == Startup.OFF) { ... }
 * }</pre>
 */
public enum Startup {
    /** Apply every pending schema migration. */
    MIGRATE,
    /** Fail the start if anything is pending or drifted; change nothing. */
    VALIDATE,
    /** Do nothing before main (the MBeans are still registered). */
    OFF
}
