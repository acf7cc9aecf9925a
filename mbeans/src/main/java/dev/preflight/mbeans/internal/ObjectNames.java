package dev.preflight.mbeans.internal;

import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import java.util.Hashtable;

/** The object names, in one place. */
final class ObjectNames {

    static final ObjectName JOBS = name("dev.preflight", "type", "Jobs");
    static final ObjectName TASKS = name("dev.preflight", "type", "Tasks");
    static final ObjectName HEALTH = name("dev.preflight", "type", "Health");
    static final ObjectName COMMANDS = name("dev.preflight", "type", "Commands");

    private ObjectNames() {
    }

    static ObjectName repository(String repo) {
        return name("dev.preflight", "type", "Repository", "name", repo);
    }

    private static ObjectName name(String domain, String... keysAndValues) {
        Hashtable<String, String> properties = new Hashtable<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            properties.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        try {
            return new ObjectName(domain, properties);
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException("not a valid JMX name: " + properties + ": " + e.getMessage(), e);
        }
    }
}
