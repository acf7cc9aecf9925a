package dev.preflight.agent;

import dev.preflight.ConfigException;
import dev.preflight.DatabaseUnavailableException;
import dev.preflight.LockTimeoutException;

/**
 * The process exit codes of a failed start-up: what a script, an init container or an orchestrator sees.
 *
 * <pre>{@code
 * System.exit(ExitCodes.of(error));
 * }</pre>
 */
public final class ExitCodes {

    /** A migration, a migration file or a validation failed, or anything unexpected happened. */
    public static final int FAILED = 1;
    /** The configuration (or an agent argument) is wrong: {@link ConfigException}. */
    public static final int CONFIG = 2;
    /** The database did not answer within connect-retry: {@link DatabaseUnavailableException}. */
    public static final int DATABASE_UNAVAILABLE = 3;
    /** Another instance held the migration lock longer than lock-wait: {@link LockTimeoutException}. */
    public static final int LOCK_TIMEOUT = 4;

    private ExitCodes() {
    }

    /** The exit code for {@code error}, by its type. */
    public static int of(Throwable error) {
        if (error instanceof ConfigException) {
            return CONFIG;
        }
        if (error instanceof DatabaseUnavailableException) {
            return DATABASE_UNAVAILABLE;
        }
        if (error instanceof LockTimeoutException) {
            return LOCK_TIMEOUT;
        }
        return FAILED;
    }
}
