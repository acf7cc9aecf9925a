package dev.preflight.config;

/**
 * What happens when start-up fails ({@code on-failure}).
 *
 * <pre>{@code
 * boolean exits = config.onFailure() == OnFailure.EXIT;
 * }</pre>
 */
public enum OnFailure {
    /** End the JVM with a non-zero exit code and a one-screen error. */
    EXIT,
    /** Log the error and start the application anyway. */
    CONTINUE
}
