package dev.preflight.mbeans;

import dev.preflight.PreflightConfig;
import dev.preflight.mbeans.internal.Registration;

import java.lang.management.ManagementFactory;

/**
 * Registers Preflight's MBeans in the platform MBean server: one {@link RepositoryMXBean} per configured
 * repository ({@code dev.preflight:type=Repository,name=main}), the {@link TasksMXBean}
 * ({@code dev.preflight:type=Tasks}) and the {@link JobsMXBean} ({@code dev.preflight:type=Jobs}); apart from
 * them, the agent's {@link HealthMXBean} ({@code dev.preflight:type=Health}).
 *
 * <pre>{@code
 * try (PreflightMBeans.Handle beans = PreflightMBeans.register(PreflightConfig.load(), getClass().getClassLoader())) {
 *     ... // JConsole: MBeans tab, dev.preflight
 * }
 * }</pre>
 */
public final class PreflightMBeans {

    /** The registered beans; {@link #close()} unregisters them, stops the job thread and closes the pools. */
    public interface Handle extends AutoCloseable {
        @Override
        void close();
    }

    private PreflightMBeans() {
    }

    /**
     * @param loader finds classpath locations, Java migrations and tasks: the application's class loader
     * @return closing it unregisters the beans and closes their connections
     * @throws IllegalStateException when a bean of the same name is already registered (nothing is left registered)
     */
    public static Handle register(PreflightConfig config, ClassLoader loader) {
        Registration registration = Registration.register(ManagementFactory.getPlatformMBeanServer(), config, loader);
        return registration::close;
    }

    /**
     * Registers {@code health} as {@code dev.preflight:type=Health} (the agent does, with its start-up state).
     *
     * @throws IllegalStateException when a Health bean is already registered
     */
    public static Handle registerHealth(HealthMXBean health) {
        return Registration.registerHealth(ManagementFactory.getPlatformMBeanServer(), health)::close;
    }
}
