package dev.preflight.it.spring;

import dev.preflight.testing.ChildProcess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The two Boot fat jars of this module's package phase, started as real processes ({@link ChildProcess}: only the
 * environment given here), and a real HTTP client for their endpoints.
 *
 * <pre>{@code
 * ChildProcess.Result r = BootApps.agentApp(dir, true).env("SPRING_PROFILES_ACTIVE", "it").run();
 * }</pre>
 */
final class BootApps {

    static final Path AGENT_JAR = jar("preflight.agent.jar");
    static final Path AGENT_APP = jar("preflight.agent-app.jar");
    static final Path STARTER_APP = jar("preflight.starter-app.jar");

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private BootApps() {
    }

    /** {@code java [-javaagent:preflight-agent.jar] -jar <app> <arguments>} in {@code workDir}. */
    static ChildProcess start(Path app, Path workDir, boolean withAgent, String... arguments) {
        List<String> command = new ArrayList<>(List.of(ChildProcess.java(), "-Xshare:auto", "-XX:TieredStopAtLevel=1"));
        if (withAgent) {
            command.add("-javaagent:" + AGENT_JAR);
        }
        command.add("-jar");
        command.add(app.toString());
        command.addAll(List.of(arguments));
        return ChildProcess.of(command).in(workDir).timeout(Duration.ofSeconds(180));
    }

    record Response(int status, String body) {
    }

    static Response get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    static Response post(String url, String json) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** Asks {@code url} every 200 ms until the answer passes {@code test}; fails with the last one after 120 s. */
    static Response await(String url, Predicate<Response> test, ChildProcess.Running app) {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        Response last = null;
        while (System.nanoTime() < deadline && app.isAlive()) {
            try {
                last = get(url);
                if (test.test(last)) {
                    return last;
                }
            } catch (UncheckedIOException e) {
                // Not listening yet.
            }
            sleep(200);
        }
        throw new AssertionError("GET " + url + " never answered as expected; last: " + last + "\n" + app);
    }

    private static Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static Path jar(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("System property " + property + " is not set; run these tests with Maven"
                    + " (spring-boot-tests/pom.xml passes it)");
        }
        Path jar = Path.of(value);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " does not exist: it is built by `mvn package` (with -am)");
        }
        return jar;
    }
}
