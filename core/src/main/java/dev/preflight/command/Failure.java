package dev.preflight.command;

import dev.preflight.MigrationException;
import dev.preflight.PreflightException;
import dev.preflight.text.Json;

import java.util.Objects;

/**
 * An error as every surface reports it: its exit code, the whole message with the causes that add something
 * flattened into it (so that a JMX client without Preflight's classes can read all of it), and the file and line
 * when the error knows them. {@link #toJson()} is the {@code error} schema.
 *
 * <pre>{@code
 * Failure f = Failure.of(exception);
 * System.err.println("preflight: " + f.message());
 * System.exit(f.exit().code());
 * }</pre>
 *
 * @param file  the migration file, or null
 * @param line  its 1-based line, or 0
 * @param error the exception, in the process where it happened (for {@code --verbose}); null elsewhere
 */
public record Failure(ExitCode exit, String message, String file, int line, Throwable error) {

    public Failure {
        Objects.requireNonNull(exit, "exit");
        Objects.requireNonNull(message, "message");
    }

    /** A usage error without an exception, e.g. from an rpc client. */
    public static Failure usage(String message) {
        return new Failure(ExitCode.USAGE, message, null, 0, null);
    }

    /** The failure {@code error} stands for. */
    public static Failure of(Throwable error) {
        String file = null;
        int line = 0;
        for (Throwable t = error; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof MigrationException m && m.file().isPresent()) {
                file = m.file().get();
                line = m.line().orElse(0);
                break;
            }
        }
        return new Failure(ExitCode.of(error), describe(error), file, line, error);
    }

    /**
     * The message of {@code error}, then each cause whose message is not already part of the text, as
     * {@code caused by: <class>: <message>}; an exception without a message is named by its class.
     */
    public static String describe(Throwable error) {
        StringBuilder text = new StringBuilder(own(error));
        int depth = 0;
        for (Throwable cause = error.getCause(); cause != null && cause != error && depth < 10;
             cause = cause.getCause(), depth++) {
            String message = cause.getMessage() == null ? null : cause.getMessage().strip();
            if (message != null && !message.isEmpty() && text.indexOf(message) >= 0) {
                continue;
            }
            text.append("\ncaused by: ").append(cause.getClass().getName())
                    .append(message == null || message.isEmpty() ? "" : ": " + message);
        }
        return text.toString();
    }

    private static String own(Throwable error) {
        String message = error.getMessage();
        if (message == null || message.isBlank()) {
            return error.getClass().getName();
        }
        // Preflight's messages are written for users; anything else is named by its class as well.
        return error instanceof PreflightException || error instanceof IllegalArgumentException
                || error instanceof IllegalStateException ? message.strip()
                : error.getClass().getName() + ": " + message.strip();
    }

    /** {@code {"error":{"code","message","file","line"}}}; file and line are null when unknown. */
    public String toJson() {
        return Json.object().add("error", Json.object().add("code", exit.label()).add("message", message)
                .add("file", file).add("line", line > 0 ? line : null)).toString();
    }
}
