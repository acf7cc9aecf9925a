package dev.preflight.mbeans.internal;

import dev.preflight.Preflight;
import dev.preflight.PreflightConfig;
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
            r.add(ObjectNames.JOBS, new DescribedEmitterMBean<>(r.jobs, JobsMXBean.class, r.jobs,
                    "Preflight jobs: long operations of the Repository beans, one at a time"));
            Map<String, Preflight> byName = new LinkedHashMap<>();
            for (String repo : config.repoNames()) {
                // The pool opens no connection until used and closes idle ones (core's Database settings).
                Preflight preflight = Preflight.open(config.repo(repo), loader, r.jobs);
                r.repos.add(preflight);
                byName.put(repo, preflight);
                r.add(ObjectNames.repository(repo), new DescribedMBean<>(new RepositoryBean(preflight, r.jobs),
                        RepositoryMXBean.class, "Preflight repository " + repo));
            }
            // The default repo first: run() without a repo uses it.
            Map<String, Preflight> ordered = new LinkedHashMap<>();
            String first = config.defaultRepo().name();
            ordered.put(first, byName.get(first));
            ordered.putAll(byName);
            r.add(ObjectNames.TASKS, new DescribedMBean<>(new TasksBean(ordered, r.jobs), TasksMXBean.class,
                    "Preflight tasks: one-off operations with parameters, run as jobs"));
            return r;
        } catch (RuntimeException e) {
            r.close();
            throw e;
        }
    }

    /** The agent's {@link HealthMXBean}, on its own: it may be registered before the others and outlives none. */
    public static Registration registerHealth(MBeanServer server, HealthMXBean health) {
        Registration r = new Registration(server);
        r.add(ObjectNames.HEALTH, new DescribedMBean<>(health, HealthMXBean.class,
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
