package dev.preflight;

/**
 * Base of every error Preflight reports. The message is written for the person who must act on it: it
 * says what happened, where (file:line, key, version) and what to do next, and never holds a password.
 *
 * <p>Subclasses tell the surfaces how to react (the CLI maps them to exit codes):
 * {@link ConfigException} (bad configuration or usage), {@link MigrationException} (a migration, a file
 * or a validation failed), {@link DatabaseUnavailableException} and {@link LockTimeoutException}.
 */
public class PreflightException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PreflightException(String message) {
        super(message);
    }

    public PreflightException(String message, Throwable cause) {
        super(message, cause);
    }
}
