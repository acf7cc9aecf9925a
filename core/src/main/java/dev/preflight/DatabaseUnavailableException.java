package dev.preflight;

/** The database could not be reached within the configured connect-retry time (or refused the credentials). */
public class DatabaseUnavailableException extends PreflightException {

    private static final long serialVersionUID = 1L;

    public DatabaseUnavailableException(String message) {
        super(message);
    }

    public DatabaseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
