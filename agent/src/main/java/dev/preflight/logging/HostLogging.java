package dev.preflight.logging;

import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Locale;

/**
 * Sends Preflight's log lines to the application's own SLF4J binding (Logback, Log4j, JBoss LogManager, ...), so
 * they appear in the application's log, in its format, in its files, under its levels for the {@code dev.preflight}
 * loggers. Before the hook knows the application's class loader, and when the application has no SLF4J binding,
 * they go to the agent's stderr logger ({@link AgentLogging}).
 *
 * <p>The hook runs before the application's first line, so its logging is usually not set up yet, and setting it up
 * from here would set it up too early (a Logback configured before Spring Boot configures it, before a main that
 * sets the properties its configuration reads). So the lines are held ({@link HeldLines}) until the application's
 * logging is ready, and then written in order: once the application has initialised SLF4J itself, and for Spring
 * Boot once Boot has configured its logging ({@code logging.file.name} and all); at once when the JVM's
 * {@code java.util.logging} manager is JBoss LogManager (Quarkus), which holds records until its application has
 * configured it; at the latest a moment after the start-up run ({@link ApplicationLogging#patience()}), or when the
 * JVM ends. A line keeps the time it is written out, not the time it was logged.
 *
 * <pre>{@code
 * HostLogging.attach(hookedClass.getClassLoader());   // in the hook, before start-up runs
 * }</pre>
 *
 * <p>The application's SLF4J is reached by reflection: its classes are not the agent's (relocated) ones.
 */
public final class HostLogging {

    /**
     * Built at run time: the shade plugin rewrites every {@code org.slf4j} string literal in the agent jar to the
     * relocated package, and this must name the application's own SLF4J.
     */
    static final String HOST_SLF4J = String.join(".", "org", "slf4j");

    private static volatile Host host;
    private static volatile HeldLines held;

    private HostLogging() {
    }

    /**
     * Finds the application's SLF4J through {@code loader} without initialising it: Preflight's lines are held from
     * now on until it is ready ({@link HeldLines}). Without one, nothing changes (stderr).
     */
    public static void attach(ClassLoader loader) {
        Class<?> factory;
        try {
            factory = Class.forName(HOST_SLF4J + ".LoggerFactory", false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return;
        }
        if (factory == LoggerFactory.class) {
            // Not relocated (the agent's own tests): the application's SLF4J is already ours.
            return;
        }
        held = HeldLines.start(new ApplicationLogging(factory, loader));
    }

    /** The start-up run is over: from now on the lines wait a bounded time for the application's logging. */
    public static void startupFinished() {
        HeldLines lines = held;
        if (lines != null) {
            lines.startupFinished();
        }
    }

    /** Start-up failed and the JVM ends: the held lines go to stderr now, before the failure screen. */
    public static void releaseToStderr() {
        HeldLines lines = held;
        if (lines != null) {
            lines.release(null);
        }
    }

    /**
     * Holds the line while the application's logging is not ready; false when it was not held (write it now).
     */
    static boolean hold(String logger, Level level, String message, Throwable error) {
        HeldLines lines = held;
        return lines != null && lines.hold(logger, level, message, error);
    }

    /** Called by {@link HeldLines} once the application's logging is ready: its binding, or null for stderr. */
    static void use(Class<?> factory, ClassLoader loader) {
        if (factory == null) {
            return;
        }
        try {
            Object bound = factory.getMethod("getILoggerFactory").invoke(null);
            String kind = bound.getClass().getSimpleName();
            if (kind.equals("NOPLoggerFactory") || kind.equals("SubstituteLoggerFactory")) {
                return;
            }
            host = new Host(factory, Class.forName(HOST_SLF4J + ".Logger", false, loader));
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            LoggerFactory.getLogger("preflight").debug("Logging to stderr: the application's SLF4J is unusable", e);
        }
    }

    /** The application's logger named {@code name}; null while Preflight logs to stderr. */
    static HostLogger logger(String name) {
        Host current = host;
        return current == null ? null : current.logger(name);
    }

    /** The application's SLF4J: handles on its {@code LoggerFactory.getLogger} and its {@code Logger} methods. */
    private static final class Host {

        private final MethodHandle getLogger;
        private final MethodHandle[] log = new MethodHandle[Level.values().length];
        private final MethodHandle[] enabled = new MethodHandle[Level.values().length];

        Host(Class<?> factory, Class<?> logger) throws ReflectiveOperationException {
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            getLogger = lookup.findStatic(factory, "getLogger", MethodType.methodType(logger, String.class));
            for (Level level : Level.values()) {
                String method = level.name().toLowerCase(Locale.ROOT);
                log[level.ordinal()] = lookup.findVirtual(logger, method,
                        MethodType.methodType(void.class, String.class, Throwable.class));
                enabled[level.ordinal()] = lookup.findVirtual(logger,
                        "is" + Character.toUpperCase(method.charAt(0)) + method.substring(1) + "Enabled",
                        MethodType.methodType(boolean.class));
            }
        }

        HostLogger logger(String name) {
            try {
                return new HostLogger(this, getLogger.invoke(name));
            } catch (Throwable e) {
                throw new IllegalStateException("the application's SLF4J failed to create logger " + name, e);
            }
        }
    }

    /** One logger of the application's SLF4J. */
    static final class HostLogger {

        private final Host host;
        private final Object logger;

        private HostLogger(Host host, Object logger) {
            this.host = host;
            this.logger = logger;
        }

        /** Whether this logger belongs to the binding in use now (loggers are cached by their callers). */
        boolean current() {
            return host == HostLogging.host;
        }

        boolean isEnabled(Level level) {
            try {
                return (boolean) host.enabled[level.ordinal()].invoke(logger);
            } catch (Throwable e) {
                return true;
            }
        }

        void log(Level level, String message, Throwable error) {
            try {
                host.log[level.ordinal()].invoke(logger, message, error);
            } catch (Throwable e) {
                // A broken application logger must not break start-up; the line goes to stderr instead.
                System.err.println(level + " " + message);
            }
        }
    }
}
