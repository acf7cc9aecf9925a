package dev.preflight.agent;

import dev.preflight.config.Startup;

import java.util.Locale;

/**
 * Tells the rest of the JVM that the agent ran start-up, through the system property {@value #PROPERTY}:
 * {@code migrate} or {@code validate} (done), {@code off}, or {@code failed} (the application was let start with
 * {@code on-failure=continue}). The {@code spring-boot} module reads it, so that an application with both the agent
 * and the starter migrates once: the starter then only reports.
 *
 * <pre>{@code
 * System.getProperty("dev.preflight.agent.startup")   // "migrate"
 * }</pre>
 */
public final class StartupOutcome {

    /** Not a {@code preflight.*} key: it is a fact the agent states, not a setting. */
    public static final String PROPERTY = "dev.preflight.agent.startup";

    private StartupOutcome() {
    }

    /** @param startup the {@code startup} mode that ran, or null when start-up failed */
    static void publish(Startup startup) {
        System.setProperty(PROPERTY, startup == null ? "failed" : startup.name().toLowerCase(Locale.ROOT));
    }
}
