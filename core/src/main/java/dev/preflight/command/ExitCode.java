package dev.preflight.command;

import dev.preflight.ConfigException;
import dev.preflight.DatabaseUnavailableException;
import dev.preflight.LockTimeoutException;

/**
 * The exit codes of every surface (the agent's start-up, the CLI, eval, rpc) and the {@code code} of a JSON error:
 * defined here once, documented in README's table and in {@code help} from these constants.
 *
 * <pre>{@code
 * System.exit(ExitCode.of(error).code());
 * }</pre>
 */
public enum ExitCode {

    OK(0, "ok", "done"),
    /** A migration, a validation, the lint, a task or a job failed, or anything unexpected happened. */
    FAILED(1, "failed", "a migration, a task or a job failed; validate found a problem; lint reported a finding"),
    /** Bad usage or configuration: {@link ConfigException}, an unknown command, option, key or job. */
    USAGE(2, "usage", "bad usage or configuration: an unknown command, option, key, repo or version, a wrong"
            + " task argument (the message says which and what is allowed)"),
    /** The database did not answer within connect-retry, or the rpc target cannot be reached. */
    UNREACHABLE(3, "unreachable", "the database did not answer within connect-retry, or the rpc target cannot be"
            + " reached or refused the credentials"),
    /** Another instance held the migration lock longer than lock-wait: {@link LockTimeoutException}. */
    LOCK_TIMEOUT(4, "lock-timeout", "gave up waiting for the migration lock (lock-wait)");

    private final int code;
    private final String label;
    private final String meaning;

    ExitCode(int code, String label, String meaning) {
        this.code = code;
        this.label = label;
        this.meaning = meaning;
    }

    /** The process exit code. */
    public int code() {
        return code;
    }

    /** The {@code code} of a JSON error: {@code failed}, {@code usage}, {@code unreachable}, {@code lock-timeout}. */
    public String label() {
        return label;
    }

    /** One line for README and {@code help}. */
    public String meaning() {
        return meaning;
    }

    /** The exit code for {@code error}, by its type. */
    public static ExitCode of(Throwable error) {
        if (error instanceof ConfigException) {
            return USAGE;
        }
        if (error instanceof DatabaseUnavailableException) {
            return UNREACHABLE;
        }
        if (error instanceof LockTimeoutException) {
            return LOCK_TIMEOUT;
        }
        return FAILED;
    }

    /** The constant whose {@link #code()} is {@code code}; FAILED for a code no constant has. */
    public static ExitCode of(int code) {
        for (ExitCode exit : values()) {
            if (exit.code == code) {
                return exit;
            }
        }
        return FAILED;
    }

    /** The worse of two: the one with the higher code. */
    public ExitCode worst(ExitCode other) {
        return other.code > code ? other : this;
    }
}
