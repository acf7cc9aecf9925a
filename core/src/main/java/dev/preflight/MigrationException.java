package dev.preflight;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * A migration could not be read, checked or applied; the message names the file and line, or the version. When the
 * place is known as data ({@link #file()}, {@link #line()}), {@code --json} reports it as such.
 */
public class MigrationException extends PreflightException {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;

    public MigrationException(String message) {
        this(message, null, 0, null);
    }

    public MigrationException(String message, Throwable cause) {
        this(message, null, 0, cause);
    }

    /** @param file the migration file (its origin), or null; {@code line} 1-based, 0 when unknown */
    public MigrationException(String message, String file, int line, Throwable cause) {
        super(message, cause);
        this.file = file;
        this.line = line;
    }

    /** The file the problem is in, when known. */
    public Optional<String> file() {
        return Optional.ofNullable(file);
    }

    /** The 1-based line in {@link #file()}, when known. */
    public OptionalInt line() {
        return line > 0 ? OptionalInt.of(line) : OptionalInt.empty();
    }
}
