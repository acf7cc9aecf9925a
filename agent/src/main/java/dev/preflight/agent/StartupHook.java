package dev.preflight.agent;

import dev.preflight.PreflightConfig;
import dev.preflight.agent.boot.SpringBootDatasource;
import dev.preflight.config.Startup;
import dev.preflight.logging.HostLogging;
import dev.preflight.source.Locations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The bridge from the hooked method to the start-up run: the agent's advice inlines a call to
 * {@link #beforeMain(Class)} at the top of the application's entry point. The agent jar is on the system class
 * path, so this class is visible from the application's class loaders (Spring Boot's launched class loader
 * delegates to it too) and its static state is the one {@code premain} armed.
 *
 * <p>Start-up runs once per JVM: the first call runs it, concurrent callers wait for it to finish, and later calls
 * (main called again, a re-entered method) return at once.
 */
public final class StartupHook {

    private static final Logger LOG = LoggerFactory.getLogger("preflight");

    /** What {@code premain} prepared. */
    record Plan(Map<String, String> arguments, PreflightConfig config, ClassLoader configLoader, HealthState health,
                EntryPoint entryPoint, Runnable unhook) {
    }

    // Written under the StartupHook.class lock; volatile so the shutdown hook can read them without it (a failed
    // start-up exits while holding the lock, and the JVM waits for its shutdown hooks).
    private static volatile Plan plan;
    private static volatile boolean started;
    private static volatile boolean finished;

    private StartupHook() {
    }

    static synchronized void arm(Plan armed) {
        plan = armed;
        started = false;
        finished = false;
    }

    /**
     * Runs start-up before the hooked method's body, with the class loader of {@code hooked}, so the application's
     * classpath migrations and Java migrations are found (for Spring Boot, those in its nested jars). Returns when
     * the application may start; exits the JVM on failure unless {@code on-failure=continue}.
     */
    public static void beforeMain(Class<?> hooked) {
        if (finished) {
            return;
        }
        synchronized (StartupHook.class) {
            // started: a re-entry on this thread while start-up runs (the lock is reentrant), or a later call.
            if (started || plan == null) {
                return;
            }
            started = true;
            // Nothing else needs transforming: later class loading should not pay for the agent.
            plan.unhook().run();
            ClassLoader loader = hooked.getClassLoader() != null ? hooked.getClassLoader()
                    : ClassLoader.getSystemClassLoader();
            HostLogging.attach(loader);
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            // Java migrations may look things up through the context class loader, as application code does.
            thread.setContextClassLoader(loader);
            try {
                run(plan, loader);
            } finally {
                thread.setContextClassLoader(previous);
                finished = true;
                HostLogging.startupFinished();
            }
        }
    }

    private static void run(Plan plan, ClassLoader loader) {
        Startup outcome = null;
        try {
            outcome = runStartup(plan, loader);
        } finally {
            StartupOutcome.publish(outcome);
        }
    }

    /** @return the start-up mode that ran, or null when it failed (and the application may start anyway) */
    private static Startup runStartup(Plan plan, ClassLoader loader) {
        PreflightConfig config = plan.config();
        try {
            if (loader != plan.configLoader()) {
                // premain could not see the application's own preflight.properties (in a Spring Boot jar, say): read
                // the configuration again through the application's class loader.
                config = PreflightConfig.load(loader, plan.arguments());
            }
            // Without a url of Preflight's own, a Spring Boot application's datasource is the database.
            config = SpringBootDatasource.apply(config, loader, plan.arguments());
        } catch (RuntimeException e) {
            StartupFailure.handle("read the configuration", e, StartupFailure.exits(plan.config()), plan.health());
            return null;
        }
        LOG.info("startup={} before {}", config.startup().name().toLowerCase(Locale.ROOT), plan.entryPoint());
        warnIfLauncher(plan.entryPoint(), config);
        Optional<StartupRun.Failure> failure = StartupRun.run(config, loader, plan.health());
        if (failure.isPresent()) {
            StartupFailure.handle(failure.get().what(), failure.get().error(), StartupFailure.exits(config),
                    plan.health());
        }
        // Also after a failure the application was let start with (on-failure=continue): the beans are how an
        // operator looks at and fixes it. Off the application's thread: main need not wait for them.
        Rpc.startInBackground(config, loader, plan.health());
        return failure.isPresent() ? null : config.startup();
    }

    /**
     * {@code hook=} names a launcher (Spring Boot's, Quarkus's): it runs before the application's class loader
     * exists, so classpath locations are looked up on the JVM's own class path, where the application's resources
     * are not. Said before the run, which would otherwise just find nothing to do.
     */
    private static void warnIfLauncher(EntryPoint entry, PreflightConfig config) {
        if (!Launchers.isLauncher(entry.className())) {
            return;
        }
        List<String> invisible = new ArrayList<>();
        for (String repo : config.repoNames()) {
            for (String location : config.repo(repo).locations()) {
                if (location.startsWith(Locations.CLASSPATH_PREFIX)) {
                    invisible.add(location);
                } else if (Locations.isDefault(location) && !Files.isDirectory(Path.of(location))) {
                    invisible.add(Locations.CLASSPATH_PREFIX + location);
                }
            }
        }
        if (!invisible.isEmpty()) {
            LOG.warn("{} is {}: the application's class loader does not exist yet, so {} cannot be seen from it and"
                    + " its migrations will not be found. Remove hook= to let the agent hook the application's own"
                    + " main, or set hook= to it.", entry, Launchers.describe(entry.className()),
                    String.join(", ", invisible));
        }
    }

    /** The hook could not be installed on its class (e.g. the method does not exist). */
    static void hookFailed(Throwable error) {
        Plan armed;
        synchronized (StartupHook.class) {
            armed = plan;
            started = true;
            finished = true;
        }
        if (armed != null) {
            StartupFailure.handle("hook " + armed.entryPoint(), error, StartupFailure.exits(armed.config()),
                    armed.health());
        }
    }

    /** For a shutdown hook: say so when the JVM ends without ever reaching the entry point. */
    static void warnIfNeverReached() {
        Plan armed = plan;
        if (!started && armed != null) {
            System.err.println("preflight: the JVM ended without ever calling " + armed.entryPoint()
                    + ", so nothing was migrated; if that is not the application's entry point, set hook=Class#method");
        }
    }
}
