package dev.preflight.logging;

import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/**
 * A logger of Preflight's own (relocated) SLF4J that writes to the application's binding once there is one
 * ({@link HostLogging}; lines are held while it is not ready yet, {@link HeldLines}), and to the agent's stderr
 * logger until then. Loggers are created early and kept in static fields, so the choice is made per call, not when
 * the logger is created.
 */
final class BridgeLogger extends LegacyAbstractLogger {

    private static final long serialVersionUID = 1L;
    /** Where the shade plugin puts the agent's own libraries (HikariCP, pgjdbc). */
    private static final String RELOCATED = "dev.preflight.shaded.";

    private final transient Logger fallback;
    private transient volatile HostLogging.HostLogger host;

    BridgeLogger(String name, Logger fallback) {
        this.name = name;
        this.fallback = fallback;
    }

    private HostLogging.HostLogger host() {
        HostLogging.HostLogger cached = host;
        if (cached == null || !cached.current()) {
            cached = HostLogging.logger(name);
            host = cached;
        }
        return cached;
    }

    private boolean enabled(Level level) {
        HostLogging.HostLogger target = host();
        if (target == null) {
            return fallback.isEnabledForLevel(level);
        }
        // The agent's own libraries keep the agent's thresholds (HikariCP at warn): their pool start and stop lines
        // are not the application's business. Preflight's loggers follow the application's configuration.
        return target.isEnabled(level) && (!name.startsWith(RELOCATED) || fallback.isEnabledForLevel(level));
    }

    @Override
    public boolean isTraceEnabled() {
        return enabled(Level.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
        return enabled(Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
        return enabled(Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
        return enabled(Level.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
        return enabled(Level.ERROR);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
                                               Throwable error) {
        String message = MessageFormatter.basicArrayFormat(pattern, arguments);
        if (HostLogging.hold(name, level, message, error)) {
            return;
        }
        HostLogging.HostLogger target = host();
        if (target != null) {
            target.log(level, message, error);
            return;
        }
        log(fallback, level, message, error);
    }

    /** Writes an already formatted line: the (String, Throwable) calls never read it as a pattern. */
    static void log(Logger logger, Level level, String message, Throwable error) {
        switch (level) {
            case ERROR -> logger.error(message, error);
            case WARN -> logger.warn(message, error);
            case INFO -> logger.info(message, error);
            case DEBUG -> logger.debug(message, error);
            default -> logger.trace(message, error);
        }
    }
}
