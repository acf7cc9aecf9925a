package dev.preflight.logging.jul;

import org.slf4j.LoggerFactory;

import java.text.MessageFormat;
import java.util.function.Supplier;

/**
 * A {@code java.util.logging.Logger} look-alike over Preflight's own SLF4J: the same name, the same calls, and
 * {@code {0}}-style parameters formatted as {@code java.util.logging} formats them; FINE becomes debug,
 * FINER and FINEST trace. It never touches the JVM's {@code LogManager}.
 *
 * <pre>{@code
 * // in the agent jar, pgjdbc's  Logger.getLogger("org.postgresql.Driver").log(Level.FINE, "Connecting with URL: {0}", url)
 * // logs "Connecting with URL: ..." at debug to the logger dev.preflight.shaded.postgresql.Driver
 * }</pre>
 */
public class Logger {

    private final String name;
    private final org.slf4j.Logger target;

    private Logger(String name) {
        this.name = name;
        this.target = LoggerFactory.getLogger(name);
    }

    public static Logger getLogger(String name) {
        // Cheap and stateless: SLF4J caches its loggers, and nothing here is configured per logger.
        return new Logger(name);
    }

    public String getName() {
        return name;
    }

    public boolean isLoggable(Level level) {
        return target.isEnabledForLevel(level.slf4j());
    }

    public void log(Level level, String message) {
        if (isLoggable(level)) {
            write(level, message, null);
        }
    }

    public void log(Level level, String message, Object parameter) {
        if (isLoggable(level)) {
            write(level, format(message, new Object[] {parameter}), null);
        }
    }

    public void log(Level level, String message, Object[] parameters) {
        if (isLoggable(level)) {
            write(level, format(message, parameters), null);
        }
    }

    public void log(Level level, String message, Throwable error) {
        if (isLoggable(level)) {
            write(level, message, error);
        }
    }

    public void log(Level level, Supplier<String> message) {
        if (isLoggable(level)) {
            write(level, message.get(), null);
        }
    }

    public void log(LogRecord record) {
        if (isLoggable(record.getLevel())) {
            write(record.getLevel(), format(record.getMessage(), record.getParameters()), record.getThrown());
        }
    }

    public void info(String message) {
        log(Level.INFO, message);
    }


    public void finer(String message) {
        log(Level.FINER, message);
    }



    private void write(Level level, String message, Throwable error) {
        // The (String, Throwable) forms: the text is logged as it is, never read as an SLF4J pattern.
        switch (level.slf4j()) {
            case ERROR -> target.error(message, error);
            case WARN -> target.warn(message, error);
            case INFO -> target.info(message, error);
            case DEBUG -> target.debug(message, error);
            default -> target.trace(message, error);
        }
    }

    /** As {@code java.util.logging.Formatter.formatMessage}: MessageFormat only when the text has a parameter. */
    private static String format(String message, Object[] parameters) {
        if (message == null || parameters == null || parameters.length == 0 || !message.contains("{")) {
            return message;
        }
        try {
            return MessageFormat.format(message, parameters);
        } catch (IllegalArgumentException e) {
            return message;
        }
    }
}
