package dev.preflight.agent;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.preflight.ConfigException;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The {@code /alive} and {@code /ready} endpoints on {@code <health.host>:<health.port>} (every interface by
 * default: a kubelet probes the pod's IP, not its loopback), served by the JDK's
 * {@link HttpServer} so the agent needs no web stack. {@code /alive} answers 200 from the moment the agent
 * starts, so a liveness probe never kills a long migration; {@code /ready} answers 503 until
 * {@link HealthState#report()} says ready, then 200. Both return the state as JSON.
 *
 * <pre>
 * $ curl -s 127.0.0.1:8081/ready
 * {"state":"migrating","done":2,"total":5,"repo":"main","current":"3 add_index"}
 * </pre>
 *
 * <p>All its threads are daemons: the server lives as long as the application and never keeps the JVM alive.
 */
final class HealthServer {

    private final HttpServer server;

    private HealthServer(HttpServer server) {
        this.server = server;
    }

    /**
     * Starts serving {@code state} on {@code host:port}; {@code 0.0.0.0} (and {@code ::} or {@code *}) means every
     * interface, IPv4 and IPv6.
     *
     * @throws ConfigException when the address cannot be bound (port in use or not allowed, unknown host)
     */
    static HealthServer start(String host, int port, HealthState state) {
        HttpServer server;
        try {
            server = HttpServer.create(address(host, port), 0);
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException("Cannot serve the health endpoints on " + host + ":" + port + " (health.host,"
                    + " health.port): " + e.getMessage() + ". Choose a free port, or unset health.port.", e);
        }
        ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "preflight-health");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/alive", exchange -> answer(exchange, 200, state.report().json()));
        server.createContext("/ready", exchange -> {
            HealthState.Report report = state.report();
            answer(exchange, report.ready() ? 200 : 503, report.json());
        });
        startAsDaemon(server);
        return new HealthServer(server);
    }

    private static InetSocketAddress address(String host, int port) throws IOException {
        if (host.equals("0.0.0.0") || host.equals("::") || host.equals("*")) {
            return new InetSocketAddress(port);
        }
        // Resolved here, not by the constructor, so that an unknown name is an error rather than an unbound address.
        return new InetSocketAddress(InetAddress.getByName(host), port);
    }

    /**
     * The JDK server's dispatcher thread inherits daemon status from the thread that starts it and would
     * otherwise keep the JVM running after the application's main returns; so start it from a daemon thread.
     */
    private static void startAsDaemon(HttpServer server) {
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Thread starter = new Thread(() -> {
            try {
                server.start();
            } catch (RuntimeException e) {
                failure.set(e);
            }
        }, "preflight-health-start");
        starter.setDaemon(true);
        starter.start();
        try {
            starter.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        try (exchange) {
            byte[] body = (json + "\n").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** The bound port (useful when started on port 0). */
    int port() {
        return server.getAddress().getPort();
    }

    void stop() {
        server.stop(0);
    }
}
