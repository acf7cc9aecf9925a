package dev.preflight.engine;

import dev.preflight.testing.ChildProcess;
import dev.preflight.testing.TestDatabase;

import java.io.UncheckedIOException;
import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Runs another migration tool (installed by scripts/test) against a test database, so that a test can compare
 * what it does with what Preflight does. The server, user and password come from {@link TestDatabase#SERVER_URL}.
 */
final class NeighbourTool {

    final String host;
    final int port;
    final String user;
    final String password;

    private NeighbourTool() {
        URI server = URI.create(TestDatabase.SERVER_URL.substring("jdbc:".length()));
        host = server.getHost();
        port = server.getPort() < 0 ? 5432 : server.getPort();
        user = parameter(server, "user", "postgres");
        password = parameter(server, "password", "");
    }

    static NeighbourTool server() {
        return new NeighbourTool();
    }

    /** A {@code postgres://} URL of {@code database}, as Go tools take it. */
    String url(String database) {
        return "postgres://" + user + (password.isEmpty() ? "" : ":" + password) + "@" + host + ":" + port + "/" + database
                + "?sslmode=disable";
    }

    /** Runs the tool; fails the test with how to install it when it is missing. */
    static ChildProcess.Result run(String install, String... argv) {
        try {
            return ChildProcess.of(argv).run();
        } catch (UncheckedIOException e) {
            throw new AssertionError(argv[0] + " is not installed: run scripts/test, which installs it, or " + install, e);
        }
    }

    /** Runs the tool and asserts that it succeeded. */
    static void succeed(String install, String... argv) {
        ChildProcess.Result result = run(install, argv);
        assertEquals(0, result.exitCode(), result.toString());
    }

    private static String parameter(URI uri, String key, String otherwise) {
        for (String pair : String.valueOf(uri.getQuery()).split("&")) {
            if (pair.startsWith(key + "=")) {
                return pair.substring(key.length() + 1);
            }
        }
        return otherwise;
    }
}
