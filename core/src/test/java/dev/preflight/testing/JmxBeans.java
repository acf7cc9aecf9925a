package dev.preflight.testing;

import javax.management.MBeanServerConnection;
import javax.management.MalformedObjectNameException;
import javax.management.Notification;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Preflight's MBeans as a JMX client uses them in a test: their names, waiting for a job to end, collecting the
 * Jobs bean's notifications. Works on the platform MBean server and on a remote connection alike.
 *
 * <pre>{@code
 * List<Notification> received = JmxBeans.listen(server);
 * CompositeData job = JmxBeans.await(server, (String) server.invoke(main, "migrate", null, null));
 * assertEquals("succeeded", job.get("state"), String.valueOf(job.get("error")));
 * }</pre>
 */
public final class JmxBeans {

    public static final ObjectName JOBS = name("dev.preflight:type=Jobs");
    public static final ObjectName TASKS = name("dev.preflight:type=Tasks");
    /** The default repo's bean. */
    public static final ObjectName MAIN = repository("main");
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private JmxBeans() {
    }

    /** Polls {@code job(id)} until the job is neither queued nor running; fails after 60 s. */
    public static CompositeData await(MBeanServerConnection server, String id) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            CompositeData job = (CompositeData) server.invoke(JOBS, "job", new Object[] {id},
                    new String[] {String.class.getName()});
            Object state = job.get("state");
            if (!state.equals("queued") && !state.equals("running")) {
                return job;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("job " + id + " did not finish in " + TIMEOUT.toSeconds() + " s");
    }

    /**
     * The Jobs bean's notifications from now on, in order of arrival. The list is synchronized: read it in
     * {@code synchronized (list) { ... }}.
     */
    public static List<Notification> listen(MBeanServerConnection server) throws Exception {
        List<Notification> received = Collections.synchronizedList(new ArrayList<>());
        server.addNotificationListener(JOBS, (n, handback) -> received.add(n), null, null);
        return received;
    }

    /** {@code dev.preflight:type=Repository,name=<repo>}. */
    public static ObjectName repository(String repo) {
        return name("dev.preflight:type=Repository,name=" + repo);
    }

    /** An object name from its text. */
    public static ObjectName name(String name) {
        try {
            return new ObjectName(name);
        } catch (MalformedObjectNameException e) {
            throw new IllegalStateException(e);
        }
    }
}
