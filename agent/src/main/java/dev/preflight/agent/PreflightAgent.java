package dev.preflight.agent;

import dev.preflight.PreflightConfig;
import dev.preflight.config.ConfigKey;
import dev.preflight.config.ConfigKeys;
import dev.preflight.logging.AgentLogging;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.simple.SimpleLogger;

import java.lang.instrument.Instrumentation;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The {@code -javaagent}: applies the application's pending migrations before its {@code main} runs.
 *
 * <pre>
 * java -javaagent:preflight-agent.jar=url=jdbc:postgresql://db/app,health.port=8081 -jar app.jar
 * </pre>
 *
 * <p>{@code premain} only reads the configuration, starts the health endpoints (when {@code health.port} is set)
 * and hooks the application's entry point ({@link EntryPoint}); the migrations run in the hook, on the
 * application's thread and with its class loader, because that loader does not exist yet when {@code premain}
 * runs (Spring Boot's nested jars, custom launchers). A configuration error ends the JVM with exit code 2 unless
 * {@code on-failure=continue}.
 *
 * <p>{@code agentmain} (attach to a running JVM) never migrates: the application is already running.
 */
public final class PreflightAgent {

    private PreflightAgent() {
    }

    public static void premain(String args, Instrumentation instrumentation) {
        Optional<String> notTheApplication = ApplicationJvm.whyNot(args, System.getProperty("sun.java.command"),
                System.getProperty("java.class.path"));
        if (notTheApplication.isPresent()) {
            inactive(notTheApplication.get());
            return;
        }
        AgentLogging.configure();
        Map<String, String> arguments = Map.of();
        PreflightConfig config = null;
        HealthState health = null;
        String step = "read the configuration";
        try {
            arguments = PreflightConfig.parseAgentArguments(args);
            config = PreflightConfig.load(ClassLoader.getSystemClassLoader(), arguments);
            health = new HealthState(config.readyPort());
            if (config.healthPort().isPresent()) {
                step = "start the health endpoints";
                HealthServer.start(config.healthHost(), config.healthPort().getAsInt(), health);
            }
            Rpc.registerHealthEarlyIfWatched(health);
            if (StartupRun.isOff(config)) {
                // Nothing to run before main: no hook, and the health endpoints (if any) answer "off" from now on.
                StartupRun.off(health);
                // No hook, so no application class loader: classpath locations are looked up on the class path.
                Rpc.startInBackground(config, ClassLoader.getSystemClassLoader(), health);
                return;
            }
            step = "find the application's entry point";
            EntryPoint entry = EntryPoint.resolve(config.hook(), System.getProperty("sun.java.command"),
                    System.getProperty("java.class.path"));
            step = "hook " + entry;
            // Armed before the hook exists, so that a failure to transform the entry point is reported with the plan.
            AtomicReference<Runnable> unhook = new AtomicReference<>(() -> { });
            StartupHook.arm(new StartupHook.Plan(arguments, config, ClassLoader.getSystemClassLoader(), health, entry,
                    () -> unhook.get().run()));
            unhook.set(MainHook.install(instrumentation, entry));
            Runtime.getRuntime().addShutdownHook(new Thread(StartupHook::warnIfNeverReached, "preflight-shutdown"));
        } catch (RuntimeException | LinkageError e) {
            // Whatever goes wrong here is reported like a failed start-up: an exception escaping premain would abort
            // the JVM with a bare stack trace, ignoring on-failure.
            boolean exit = config != null ? StartupFailure.exits(config) : !continuesWithoutConfig(arguments);
            if (!exit && health == null) {
                health = healthWithoutConfig(arguments);
            }
            StartupFailure.handle(step, e, exit, health);
        }
    }

    /**
     * Not the application's JVM (a JDK tool reached by {@code JAVA_TOOL_OPTIONS}, {@code java -version}): the agent
     * does nothing. Not even a logger is created, as that would set up logging in a JVM that is not ours; one line
     * only when the agent's log level is debug.
     */
    private static void inactive(String why) {
        String level = System.getProperty(SimpleLogger.DEFAULT_LOG_LEVEL_KEY, "");
        if (level.equalsIgnoreCase("debug") || level.equalsIgnoreCase("trace")) {
            System.err.println("[preflight] DEBUG agent inactive: " + why);
        }
    }

    /**
     * {@code on-failure=continue} although the configuration could not be read: the application starts, so a
     * liveness probe must find {@code /alive} (else the pod is restarted forever) and {@code /ready} must say what
     * failed. The health port and host come from the sources still readable; without a port there is no server.
     */
    private static HealthState healthWithoutConfig(Map<String, String> arguments) {
        HealthState health = new HealthState(OptionalInt.empty());
        String port = earlySetting(arguments, ConfigKeys.HEALTH_PORT);
        if (port == null) {
            return health;
        }
        String host = earlySetting(arguments, ConfigKeys.HEALTH_HOST);
        try {
            HealthServer.start(host == null ? ConfigKeys.HEALTH_HOST.defaultText() : host.strip(),
                    Integer.parseInt(port.strip()), health);
        } catch (RuntimeException e) {
            System.err.println("preflight: no health endpoints either: " + StartupFailure.message(e));
        }
        return health;
    }

    /**
     * Attached to a running JVM: the application is up, so start-up migrations are not run here; only the MBeans
     * (status, step migrations, rollbacks) are registered.
     */
    public static void agentmain(String args, Instrumentation instrumentation) {
        AgentLogging.configure();
        try {
            PreflightConfig config = PreflightConfig.load(ClassLoader.getSystemClassLoader(),
                    PreflightConfig.parseAgentArguments(args));
            logger().info("attached; start-up migrations are not run in a running JVM");
            Rpc.start(config, ClassLoader.getSystemClassLoader());
        } catch (RuntimeException | LinkageError e) {
            // Never end a running application because of an attach with a bad argument.
            System.err.println("preflight: attach ignored: " + StartupFailure.message(e));
        }
    }

    /**
     * {@code on-failure} when the configuration itself cannot be read: from the sources that are still readable,
     * in their usual order (agent argument, then {@code -Dpreflight.on-failure}, then the environment).
     */
    private static boolean continuesWithoutConfig(Map<String, String> arguments) {
        String value = earlySetting(arguments, ConfigKeys.ON_FAILURE);
        return "continue".equals(value == null ? null : value.strip());
    }

    /** A global setting from the sources readable without the configuration: agent argument, -D, environment. */
    private static String earlySetting(Map<String, String> arguments, ConfigKey key) {
        String value = arguments.get(key.name());
        if (value == null) {
            value = System.getProperty(key.systemProperty());
        }
        if (value == null) {
            value = System.getenv(key.envName());
        }
        return value;
    }

    private static Logger logger() {
        // Created on use, after AgentLogging has set slf4j-simple up.
        return LoggerFactory.getLogger("preflight");
    }
}
