package dev.preflight.logging;

import com.zaxxer.hikari.HikariConfig;
import org.slf4j.simple.SimpleLogger;

/**
 * Sets up the agent's own logger: the slf4j-simple shipped (relocated) in the agent jar, writing short lines to
 * stderr until the hook finds the application's own SLF4J binding ({@link HostLogging}), and for good when it has
 * none. It must run before the first logger is created, because slf4j-simple reads its settings once.
 *
 * <p>Only settings that are unset are written, so a user can still tune them. In the shaded jar every
 * {@code org.slf4j.simpleLogger.*} key used here is relocated to {@code dev.preflight.shaded.slf4j.simpleLogger.*},
 * so these properties never reach the host application's own slf4j-simple; set e.g.
 * {@code -Ddev.preflight.shaded.slf4j.simpleLogger.defaultLogLevel=debug} to see more of Preflight.
 * A line looks like {@code INFO Migrator - migrate main: applied 1 create_users (12 ms) [1/3]}.
 *
 * <pre>{@code
 * AgentLogging.configure();   // first thing in premain (or a main of the agent jar), before any logger exists
 * }</pre>
 */
public final class AgentLogging {

    private AgentLogging() {
    }

    /** Applies the agent's logging defaults; cheap and idempotent. */
    public static void configure() {
        setIfUnset(SimpleLogger.LOG_FILE_KEY, "System.err");
        setIfUnset(SimpleLogger.DEFAULT_LOG_LEVEL_KEY, "info");
        setIfUnset(SimpleLogger.SHOW_DATE_TIME_KEY, "false");
        setIfUnset(SimpleLogger.SHOW_THREAD_NAME_KEY, "false");
        setIfUnset(SimpleLogger.SHOW_SHORT_LOG_NAME_KEY, "true");
        // HikariCP's pool start/stop lines are noise in an application's start-up output. Its logger names are
        // those of its (relocated) classes, so the package is taken from a class, not written as a literal.
        setIfUnset(SimpleLogger.LOG_KEY_PREFIX + HikariConfig.class.getPackageName(), "warn");
    }

    private static void setIfUnset(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
