package dev.preflight.agent;

import dev.preflight.PreflightConfig;
import dev.preflight.mbeans.PreflightMBeans;
import dev.preflight.mbeans.jolokia.JolokiaEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running application's rpc surface: Preflight's MBeans in the platform MBean server, and the Jolokia endpoint
 * when {@code jolokia.port} is set; started once per JVM.
 * A failure here is logged and never stops the application: it already started, or is about to.
 */
final class Rpc {

    private static final Logger LOG = LoggerFactory.getLogger("preflight");

    // Guarded by Rpc.class; kept so the beans (and their pools) live as long as the JVM.
    private static PreflightMBeans.Handle beans;
    private static PreflightMBeans.Handle healthBean;

    private Rpc() {
    }

    /**
     * {@link #start} on a daemon thread of its own, so that the application's {@code main} does not wait for it:
     * registering the beans and starting Jolokia load a few hundred classes (about 0.2 s in a fresh JVM). The log
     * says when they are there ({@code MBeans registered: ...}, {@code Jolokia on http://...}).
     */
    static void startInBackground(PreflightConfig config, ClassLoader loader, HealthState health) {
        Thread thread = new Thread(() -> {
            registerHealth(health);
            start(config, loader);
        }, "preflight-rpc");
        thread.setDaemon(true);
        thread.setContextClassLoader(loader);
        thread.start();
    }

    /**
     * Registers {@code dev.preflight:type=Health} at once, on a daemon thread, when the command line configures a JMX
     * connector ({@code com.sun.management.jmxremote.port}): then someone may be watching a long start-up from
     * JConsole. Otherwise it comes with the other beans ({@link #startInBackground}), so that a start-up nobody can
     * watch does not pay for the MBean server first.
     */
    static void registerHealthEarlyIfWatched(HealthState health) {
        if (System.getProperty("com.sun.management.jmxremote.port") == null) {
            return;
        }
        Thread thread = new Thread(() -> registerHealth(health), "preflight-health-bean");
        thread.setDaemon(true);
        thread.start();
    }

    private static synchronized void registerHealth(HealthState health) {
        if (healthBean != null) {
            return;
        }
        try {
            healthBean = PreflightMBeans.registerHealth(new HealthBean(health));
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("Health MBean not registered: {}", StartupFailure.message(e));
        }
    }

    /** Registers the MBeans with {@code loader} (the application's) unless this JVM already has them. */
    static synchronized void start(PreflightConfig config, ClassLoader loader) {
        if (beans != null) {
            LOG.info("MBeans already registered (dev.preflight)");
            return;
        }
        try {
            beans = PreflightMBeans.register(config, loader);
            LOG.info("MBeans registered: dev.preflight:type=Repository,name={}, Jobs, Tasks{}",
                    String.join("|", config.repoNames()), healthBean != null ? ", Health" : "");
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("MBeans not registered: {}", StartupFailure.message(e));
            return;
        }
        try {
            // Runs for the life of the JVM, as the beans do.
            JolokiaEndpoint.start(config).ifPresent(jolokia -> LOG.info("Jolokia on {}://{}:{}/jolokia/{}{}",
                    config.jolokiaHttps() ? "https" : "http", config.jolokiaHost(), config.jolokiaPort().getAsInt(),
                    config.jolokiaUser().isPresent() ? " with basic auth" : "",
                    config.jolokiaReadOnly() ? ", read-only" : ""));
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("Jolokia not started: {}", StartupFailure.message(e));
        }
    }
}
