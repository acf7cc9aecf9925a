package dev.preflight.logging;

import java.lang.reflect.Field;
import java.time.Duration;

/**
 * Whether the application's own logging is ready for Preflight's lines, judged from the outside without setting any
 * of it up: the application initialises its SLF4J itself (its first logger does it), Spring Boot configures its
 * logging system after that (only then do {@code logging.file.name} and {@code logback-spring.xml} apply), and
 * JBoss LogManager (Quarkus's) holds records on its own until its application has configured it.
 *
 * <pre>{@code
 * new ApplicationLogging(hostLoggerFactoryClass, loader).state()   // NOT_YET while Boot has not configured Logback
 * }</pre>
 */
final class ApplicationLogging {

    /** What the application's logging can do with a line now. */
    enum State {
        /** Not set up yet: hold the line. */
        NOT_YET,
        /** Set up: write the line to it. */
        READY,
        /** SLF4J found no binding (or failed): stderr. */
        NONE
    }

    private static final String BOOT_LOGGING_SYSTEM = "org.springframework.boot.logging.LoggingSystem";
    private static final String LOGBACK_CONTEXT = "ch.qos.logback.classic.LoggerContext";
    private static final String JBOSS_LOG_MANAGER = "org.jboss.logmanager.LogManager";
    // SLF4J's LoggerFactory.INITIALIZATION_STATE values (1.7 and 2.x alike).
    private static final int ONGOING = 1;
    private static final int SUCCESSFUL = 3;
    private static final int NOP_FALLBACK = 4;
    private static final int FAILED = 2;

    private final Class<?> factory;
    private final ClassLoader loader;
    private final boolean springBoot;

    /** @param factory the application's {@code org.slf4j.LoggerFactory}, loaded but not initialised */
    ApplicationLogging(Class<?> factory, ClassLoader loader) {
        this.factory = factory;
        this.loader = loader;
        // A resource lookup, not a class load: nothing of Boot is touched before Boot runs.
        this.springBoot = loader.getResource(BOOT_LOGGING_SYSTEM.replace('.', '/') + ".class") != null
                && !"none".equalsIgnoreCase(System.getProperty(BOOT_LOGGING_SYSTEM));
    }

    /**
     * How long after the start-up run the lines may wait for the application's logging: Spring Boot is known to
     * configure its logging a moment into its run; any other application may simply never log through SLF4J, and
     * Preflight's lines must not wait for that.
     */
    Duration patience() {
        return springBoot ? Duration.ofSeconds(30) : Duration.ofSeconds(2);
    }

    Class<?> factory() {
        return factory;
    }

    ClassLoader loader() {
        return loader;
    }

    State state() {
        int slf4j = initializationState();
        if (slf4j == NOP_FALLBACK || slf4j == FAILED) {
            return State.NONE;
        }
        if (slf4j != SUCCESSFUL) {
            return JBOSS_LOG_MANAGER.equals(System.getProperty("java.util.logging.manager")) ? State.READY
                    : State.NOT_YET;
        }
        return !springBoot || bootConfiguredLogging() ? State.READY : State.NOT_YET;
    }

    /**
     * Whether the application is initialising its SLF4J right now: meanwhile SLF4J hands out stand-in loggers, so
     * the lines must not be written, however long Preflight has waited.
     */
    boolean initialising() {
        return initializationState() == ONGOING;
    }

    /** Whether the application's SLF4J has found its binding: read from SLF4J's own field, which starts nothing. */
    private int initializationState() {
        try {
            Field state = factory.getDeclaredField("INITIALIZATION_STATE");
            state.setAccessible(true);
            return state.getInt(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // An SLF4J that does not let us look (a named module): take it as ready, as the agent did before.
            return SUCCESSFUL;
        }
    }

    /** Spring Boot marks Logback's context once it has configured it (LogbackLoggingSystem, Boot 2 to 4). */
    private boolean bootConfiguredLogging() {
        try {
            Object context = factory.getMethod("getILoggerFactory").invoke(null);
            if (!context.getClass().getName().equals(LOGBACK_CONTEXT)) {
                // Another binding under Boot (Log4j2): its marker is not read here; the lines go to it now.
                return true;
            }
            return context.getClass().getMethod("getObject", String.class).invoke(context, BOOT_LOGGING_SYSTEM) != null;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return true;
        }
    }
}
