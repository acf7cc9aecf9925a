package dev.preflight.mbeans.internal;

import dev.preflight.Preflight;
import dev.preflight.PreflightConfig;
import dev.preflight.mbeans.CommandsMXBean;
import dev.preflight.mbeans.HealthMXBean;
import dev.preflight.mbeans.JobsMXBean;
import dev.preflight.mbeans.RepositoryMXBean;
import dev.preflight.mbeans.TasksMXBean;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Registers the beans of every configured repository and undoes all of it on close. */
public final class Registration implements AutoCloseable {

    private final MBeanServer server;
    private final Jobs jobs = new Jobs();
    private final List<ObjectName> names = new ArrayList<>();
    private final List<Preflight> repos = new ArrayList<>();

    private Registration(MBeanServer server) {
        this.server = server;
    }

    /** Registers everything, or nothing: a failure unregisters what was already registered. */
    public static Registration register(MBeanServer server, PreflightConfig config, ClassLoader loader) {
        Registration r = new Registration(server);
        try {
            r.add(ObjectNames.JOBS, new DescribedEmitterMBean<>(JdkExceptions.only(JobsMXBean.class, r.jobs),
                    JobsMXBean.class, r.jobs, "Preflight jobs: long operations of the Repository beans, one at a time"));
            // The default repo first: a command without --repo uses it.
            Map<String, Preflight> byName = new LinkedHashMap<>();
            for (String repo : config.repoNames()) {
                // The pool opens no connection until used and closes idle ones (core's Database settings).
                Preflight preflight = Preflight.open(config.repo(repo), loader, r.jobs);
                r.repos.add(preflight);
                byName.put(repo, preflight);
            }
            CommandsBean commands = new CommandsBean(new BeanWorkspace(byName, r.jobs), r.jobs);
            r.add(ObjectNames.COMMANDS, described(CommandsMXBean.class, commands,
                    "Preflight commands: the CLI's, with its options, output and exit codes"));
            for (Preflight preflight : byName.values()) {
                r.add(ObjectNames.repository(preflight.repo()), described(RepositoryMXBean.class,
                        new RepositoryBean(preflight, commands), "Preflight repository " + preflight.repo()));
            }
            r.add(ObjectNames.TASKS, described(TasksMXBean.class,
                    new TasksBean(byName.get(config.defaultRepo().name()), commands),
                    "Preflight tasks: one-off operations with parameters, run as jobs"));
            return r;
        } catch (RuntimeException e) {
            r.close();
            throw e;
        }
    }

    /** A bean with its interface's descriptions, throwing only JDK exceptions. */
    private static <T> DescribedMBean<T> described(Class<T> mxbean, T implementation, String description) {
        return new DescribedMBean<>(JdkExceptions.only(mxbean, implementation), mxbean, description);
    }

    /** The agent's {@link HealthMXBean}, on its own: it may be registered before the others and outlives none. */
    public static Registration registerHealth(MBeanServer server, HealthMXBean health) {
        Registration r = new Registration(server);
        r.add(ObjectNames.HEALTH, described(HealthMXBean.class, health,
                "Preflight start-up: what the /ready endpoint answers"));
        return r;
    }

    private void add(ObjectName name, Object bean) {
        try {
            server.registerMBean(bean, name);
        } catch (JMException e) {
            throw new IllegalStateException("cannot register " + name + ": " + e.getMessage(), e);
        }
        names.add(name);
    }

    @Override
    public void close() {
        for (ObjectName name : names) {
            try {
                server.unregisterMBean(name);
            } catch (JMException e) {
                // Already gone (unregistered by someone else): nothing left to undo.
            }
        }
        names.clear();
        jobs.shutdown();
        repos.forEach(Preflight::close);
        repos.clear();
    }
}
