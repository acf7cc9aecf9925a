package dev.preflight.db;

import java.net.InetAddress;

/**
 * This JVM as other sessions and later runs see it: its host and process id, in the {@code application_name} of
 * its connections and in the history row of a non-transactional migration it runs.
 *
 * <pre>{@code
 * ThisProcess.describe();   // "pid 4242 on app-7f9c"
 * }</pre>
 */
public final class ThisProcess {

    private static volatile String host;

    private ThisProcess() {
    }

    public static long pid() {
        return ProcessHandle.current().pid();
    }

    /** The host name; looked up once (it may ask DNS). */
    public static String host() {
        String known = host;
        if (known == null) {
            try {
                known = InetAddress.getLocalHost().getHostName();
            } catch (Exception e) {
                known = "unknown-host";
            }
            host = known;
        }
        return known;
    }

    /** {@code pid 4242 on app-7f9c}. */
    public static String describe() {
        return "pid " + pid() + " on " + host();
    }
}
