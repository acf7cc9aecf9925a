package dev.preflight.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Forwards TCP connections from an address of the test's choosing to a local service, byte for byte: how a
 * {@link Pod} (its own network namespace) reaches the PostgreSQL that listens on the host's loopback only, as a pod
 * reaches a database service. Threads are daemons; {@link #close()} drops every connection.
 *
 * <pre>{@code
 * try (TcpForwarder db = TcpForwarder.start(InetAddress.getByName("10.200.0.1"), 5432)) {
 *     String url = "postgres://postgres@10.200.0.1:" + db.port() + "/app";
 * }
 * }</pre>
 */
public final class TcpForwarder implements AutoCloseable {

    private final ServerSocket server;
    private final int targetPort;
    private final List<Socket> open = new CopyOnWriteArrayList<>();

    private TcpForwarder(ServerSocket server, int targetPort) {
        this.server = server;
        this.targetPort = targetPort;
    }

    /** Listens on {@code address} (a free port) and forwards to {@code 127.0.0.1:targetPort}. */
    public static TcpForwarder start(InetAddress address, int targetPort) {
        try {
            ServerSocket server = new ServerSocket();
            server.bind(new InetSocketAddress(address, 0));
            TcpForwarder forwarder = new TcpForwarder(server, targetPort);
            daemon("forward-accept", forwarder::acceptLoop);
            return forwarder;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + address, e);
        }
    }

    /** The port it listens on. */
    public int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                open.add(client);
                open.add(target);
                daemon("forward-in", () -> pump(client, target));
                daemon("forward-out", () -> pump(target, client));
            } catch (IOException e) {
                // Closed, or the target refused one connection: the client sees its connection dropped.
            }
        }
    }

    private void pump(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException e) {
            // One side went away.
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Already gone.
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // Nothing to do.
        }
        open.forEach(TcpForwarder::closeQuietly);
    }
}
