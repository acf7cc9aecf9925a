package dev.preflight.it;

import dev.preflight.it.app.PlainApp;
import dev.preflight.testing.ChildJvm;
import dev.preflight.testing.ChildProcess;
import dev.preflight.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code /alive} and {@code /ready} of a JVM whose start-up migration takes a while. */
class HealthEndpointTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void aliveWhileMigratingReadyOnlyAfter() throws Exception {
        int port = ChildProcess.freePort();
        Path jar = new AppJar(dir)
                .migration("1_create_greeting.sql", "create table greeting (text text not null);")
                .migration("2_slow.sql", "select pg_sleep(3);")
                .build();
        ChildJvm.Running app = ChildJvm.jar(jar).systemProperty("app.url", db.url())
                .systemProperty("app.waitForStdin", "true")
                .agent("url=" + db.url() + ",health.port=" + port).start();
        try {
            HttpResponse<String> alive = poll(port, "/alive", r -> r.statusCode() == 200)
                    .orElseThrow(() -> new AssertionError("/alive never answered 200"));
            assertTrue(alive.body().startsWith("{\"state\":"), alive.body());

            HttpResponse<String> notReady = get(port, "/ready").orElseThrow();
            assertEquals(503, notReady.statusCode(), notReady.body());
            assertTrue(notReady.body().strip().matches("\\{\"state\":\"(starting|waiting-for-db|migrating)\".*"),
                    notReady.body());
            assertFalse(app.stdout().contains(PlainApp.MARKER), "main must not run before migrating");

            HttpResponse<String> ready = poll(port, "/ready", r -> r.statusCode() == 200)
                    .orElseThrow(() -> new AssertionError("/ready never answered 200"));
            assertTrue(ready.body().startsWith("{\"state\":\"ready\",\"done\":2,\"total\":2,\"repo\":\"main\""),
                    ready.body());
            assertEquals(200, get(port, "/alive").orElseThrow().statusCode());
        } finally {
            app.closeStdin();
        }
        ChildJvm.Result r = app.await();
        // The health server's threads are daemons: the JVM ends when the application does.
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains(PlainApp.MARKER + " history=2 greetings=0"), r::toString);
    }

    @Test
    void aBusyHealthPortEndsWithExitCode2() throws IOException {
        Path jar = new AppJar(dir).migration("1_create_greeting.sql", "create table greeting (text text not null);")
                .build();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ChildJvm.Result r = ChildJvm.jar(jar).systemProperty("app.url", db.url())
                    .agent("url=" + db.url() + ",health.port=" + taken.getLocalPort()).run();

            assertEquals(2, r.exitCode(), r::toString);
            assertFalse(r.stdout().contains(PlainApp.MARKER), r::toString);
            assertTrue(r.stderr().contains("start-up failed: start the health endpoints"), r::toString);
            assertTrue(r.stderr().contains("health.port"), r::toString);
        }
    }

    @Test
    void onFailureContinueAfterABadSettingServesAliveAndTheErrorOnReady() throws Exception {
        int port = ChildProcess.freePort();
        Path jar = new AppJar(dir).migration("1_create_greeting.sql", "create table greeting (text text not null);")
                .build();
        ChildJvm.Running app = ChildJvm.jar(jar).systemProperty("app.url", db.url())
                .systemProperty("app.waitForStdin", "true")
                .agent("url=" + db.url() + ",health.port=" + port + ",on-failure=continue,lock-timeout=banana").start();
        try {
            app.awaitStdout(PlainApp.MARKER);
            assertEquals(200, poll(port, "/alive", r -> true).orElseThrow().statusCode(), app::toString);
            HttpResponse<String> ready = get(port, "/ready").orElseThrow();
            assertEquals(503, ready.statusCode(), ready.body());
            assertTrue(ready.body().contains("\"state\":\"failed\"") && ready.body().contains("lock-timeout"),
                    ready.body());
        } finally {
            app.closeStdin();
        }
        ChildJvm.Result r = app.await();
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains(PlainApp.MARKER + " history=none"), r::toString);
    }

    @Test
    void onFailureContinueWithAMissingDatabaseShowsItOnReadyWithoutThePassword() throws Exception {
        int port = ChildProcess.freePort();
        String secret = "Pa55-w0rd-x";
        Path jar = new AppJar(dir).migration("1_create_greeting.sql", "create table greeting (text text not null);")
                .build();
        String missing = "postgres://postgres:" + secret + "@127.0.0.1:5432/" + db.name() + "_missing";
        ChildJvm.Running app = ChildJvm.jar(jar).systemProperty("app.url", db.url())
                .systemProperty("app.waitForStdin", "true")
                .agent("url=" + missing + ",health.port=" + port + ",on-failure=continue").start();
        try {
            app.awaitStdout(PlainApp.MARKER);
            HttpResponse<String> ready = poll(port, "/ready", r -> r.body().contains("failed")).orElseThrow();
            assertEquals(503, ready.statusCode(), ready.body());
            assertTrue(ready.body().contains("does not exist"), ready.body());
            assertFalse(ready.body().contains(secret), ready.body());
            assertEquals(200, get(port, "/alive").orElseThrow().statusCode());
        } finally {
            app.closeStdin();
        }
        ChildJvm.Result r = app.await();
        assertFalse(r.stdout().contains(secret) || r.stderr().contains(secret), r::toString);
    }

    /** GETs {@code path} until {@code done} holds, within {@link #WAIT}; connection refusals count as "not yet". */
    private Optional<HttpResponse<String>> poll(int port, String path, Predicate<HttpResponse<String>> done)
            throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<HttpResponse<String>> response = get(port, path);
            if (response.isPresent() && done.test(response.get())) {
                return response;
            }
            Thread.sleep(50);
        }
        return Optional.empty();
    }

    private Optional<HttpResponse<String>> get(int port, String path) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5)).build();
        try {
            return Optional.of(http.send(request, HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            // Not listening yet, or gone: "no answer" to the caller's loop.
            return Optional.empty();
        }
    }

}
