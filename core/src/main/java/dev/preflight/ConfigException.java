package dev.preflight;

/** A configuration key, value or command-line argument is wrong; the message names it. */
public class ConfigException extends PreflightException {

    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
