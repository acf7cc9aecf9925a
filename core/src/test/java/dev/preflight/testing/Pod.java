package dev.preflight.testing;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kubernetes pod as far as the network goes: a network namespace of its own ({@code ip netns add}) joined to the
 * host by a veth pair, with its own loopback and its own IP. Processes started with {@link #exec} run inside it, so
 * ports are the pod's own (two pods may both serve 8081) and a prober outside reaches them only on {@link #ip()},
 * as a kubelet does. PostgreSQL, which listens on the host's loopback, is reached through {@link #database}.
 *
 * <p>Needs root and iproute2 (CI runs as root; {@code scripts/test} installs iproute2 when missing). When a
 * namespace cannot be made, {@link #create()} fails the test with the reason: a test about pods must not pass
 * without one.
 *
 * <pre>{@code
 * try (Pod pod = Pod.create()) {
 *     String url = pod.database(db.name());          // postgres://postgres@10.x.y.1:<port>/<db>
 *     ChildProcess.of(pod.exec("java", "-jar", "app.jar")).env("DATABASE_URL", url).start();
 *     http.send(... "http://" + pod.ip() + ":8081/alive" ...);
 * }
 * }</pre>
 */
public final class Pod implements AutoCloseable {

    private final String namespace;
    private final String hostInterface;
    private final String hostIp;
    private final String ip;
    private final List<TcpForwarder> forwarders = new ArrayList<>();

    private Pod(String namespace, String hostInterface, String hostIp, String ip) {
        this.namespace = namespace;
        this.hostInterface = hostInterface;
        this.hostIp = hostIp;
        this.ip = ip;
    }

    /** A new pod on a random /30 of 10.200.0.0/13. */
    public static Pod create() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String id = Integer.toHexString(random.nextInt(0x10000000, Integer.MAX_VALUE));
        String subnet = "10." + (200 + random.nextInt(8)) + "." + random.nextInt(256) + ".";
        int base = random.nextInt(64) * 4;
        Pod pod = new Pod("preflight-" + id, "pfh" + id, subnet + (base + 1), subnet + (base + 2));
        String podInterface = "pfp" + id;
        try {
            ip("netns", "add", pod.namespace);
            ip("link", "add", pod.hostInterface, "type", "veth", "peer", "name", podInterface);
            ip("link", "set", podInterface, "netns", pod.namespace);
            ip("addr", "add", pod.hostIp + "/30", "dev", pod.hostInterface);
            ip("link", "set", pod.hostInterface, "up");
            ip("netns", "exec", pod.namespace, "ip", "addr", "add", pod.ip + "/30", "dev", podInterface);
            ip("netns", "exec", pod.namespace, "ip", "link", "set", podInterface, "up");
            ip("netns", "exec", pod.namespace, "ip", "link", "set", "lo", "up");
            return pod;
        } catch (RuntimeException | AssertionError e) {
            pod.close();
            throw new AssertionError("cannot create a network namespace for a pod (needs root and iproute2's `ip`;"
                    + " scripts/test installs iproute2): " + e.getMessage(), e);
        }
    }

    /** The pod's IP, where a kubelet (the test) probes it. */
    public String ip() {
        return ip;
    }

    /** The host's end of the pod's link: what the pod reaches the host's services on. */
    public String hostIp() {
        return hostIp;
    }

    /** {@code command} run inside the pod: {@code ip netns exec <namespace> command...}. */
    public List<String> exec(String... command) {
        return exec(List.of(command));
    }

    /** {@code command} run inside the pod. */
    public List<String> exec(List<String> command) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        full.addAll(command);
        return full;
    }

    /**
     * A {@code postgres://} URL of database {@code name} on the test server as the pod reaches it (through a
     * forwarder on {@link #hostIp()} to the host's PostgreSQL).
     */
    public String database(String name) {
        TcpForwarder forwarder;
        try {
            forwarder = TcpForwarder.start(InetAddress.getByName(hostIp), serverPort());
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
        forwarders.add(forwarder);
        return "postgres://postgres@" + hostIp + ":" + forwarder.port() + "/" + name;
    }

    private static int serverPort() {
        Matcher port = Pattern.compile("//[^/:]+:(\\d+)/").matcher(TestDatabase.SERVER_URL);
        return port.find() ? Integer.parseInt(port.group(1)) : 5432;
    }

    private static void ip(String... arguments) {
        List<String> command = new ArrayList<>(List.of("ip"));
        command.addAll(List.of(arguments));
        ChildProcess.Result r;
        try {
            r = ChildProcess.of(command).run();
        } catch (RuntimeException e) {
            throw new AssertionError(String.join(" ", command) + ": " + e.getMessage(), e);
        }
        if (r.exitCode() != 0) {
            throw new AssertionError(String.join(" ", command) + " exited with " + r.exitCode() + ": "
                    + r.stderr().strip());
        }
    }

    /** Removes the namespace and the link (the pod's processes should have ended first). */
    @Override
    public void close() {
        forwarders.forEach(TcpForwarder::close);
        // Deleting the namespace deletes the pod's end of the pair, and with it the host's end.
        ChildProcess.of("ip", "netns", "delete", namespace).run();
        ChildProcess.of("ip", "link", "delete", hostInterface).run();
    }
}
