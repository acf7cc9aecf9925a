package dev.preflight;

/** Another instance held the migration lock for longer than the configured lock-wait. */
public class LockTimeoutException extends PreflightException {

    private static final long serialVersionUID = 1L;

    public LockTimeoutException(String message) {
        super(message);
    }

    public LockTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
