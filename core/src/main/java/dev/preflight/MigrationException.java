package dev.preflight;

/** A migration could not be read, checked or applied; the message names the file and line, or the version. */
public class MigrationException extends PreflightException {

    private static final long serialVersionUID = 1L;

    public MigrationException(String message) {
        super(message);
    }

    public MigrationException(String message, Throwable cause) {
        super(message, cause);
    }
}
