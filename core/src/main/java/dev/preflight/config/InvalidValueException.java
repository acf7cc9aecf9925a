package dev.preflight.config;

/**
 * A value does not parse; the message says what is allowed, never repeats the value. Never leaves this
 * package: the caller knows the key and the source and turns it into a {@link dev.preflight.ConfigException}
 * with {@link Messages#invalid}.
 */
final class InvalidValueException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    InvalidValueException(String allowed) {
        super(allowed, null, false, false);
    }
}
