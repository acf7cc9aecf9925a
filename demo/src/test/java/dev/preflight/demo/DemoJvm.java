package dev.preflight.demo;

import dev.preflight.testing.ChildProcess;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One demo process as an operator starts it: {@code java -javaagent:preflight-agent.jar=... -jar <demo jar>},
 * with {@code DATABASE_URL} and {@code DEMO_PORT} in its environment, a {@link ChildProcess}.
 *
 * <pre>{@code
 * try (DemoJvm v1 = DemoJvm.start(demoJar, db, "health.port=" + DemoJvm.freePort())) {
 *     v1.awaitServing();
 *     v1.post("buy milk");
 * }
 * }</pre>
 */
final class DemoJvm implements AutoCloseable {

    static final Path AGENT_JAR = Path.of(System.getProperty("preflight.agent.jar"));
    static final Path DEMO_JAR = Path.of(System.getProperty("preflight.demo.jar"));
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final ChildProcess.Running process;
    private final int port;

    private DemoJvm(ChildProcess.Running process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts {@code jar} with the agent and {@code agentArguments} against {@code databaseUrl} (postgres://...). */
    static DemoJvm start(Path jar, String databaseUrl, String agentArguments, String... jvmOptions) {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(ChildProcess.java()));
        command.addAll(List.of(jvmOptions));
        command.add("-javaagent:" + AGENT_JAR + (agentArguments.isEmpty() ? "" : "=" + agentArguments));
        command.addAll(List.of("-jar", jar.toString()));
        return new DemoJvm(ChildProcess.of(command).env("DATABASE_URL", databaseUrl)
                .env("DEMO_PORT", String.valueOf(port)).start(), port);
    }

    static int freePort() {
        return ChildProcess.freePort();
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Waits until {@code GET /todos} answers (the agent migrated and main started the server). */
    void awaitServing() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (true) {
            if (!process.isAlive()) {
                throw new AssertionError("the demo exited: " + process.await());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the demo did not serve within 90 s:\n" + output());
            }
            try {
                todos();
                return;
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
    }

    /** Waits until the output shows {@code text}, e.g. {@code Jolokia on http://} (started off main's path). */
    void awaitOutput(String text) {
        process.awaitOutput(text);
    }

    /** {@code GET /todos}: the body, asserted to be a 200. */
    String todos() throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri("/todos")).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new AssertionError("GET /todos answered " + r.statusCode() + ": " + r.body() + "\n" + output());
        }
        return r.body();
    }

    /** {@code POST /todos} with {@code title}, asserted to be a 201. */
    void post(String title) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri("/todos")).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(title)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new AssertionError("POST /todos answered " + r.statusCode() + ": " + r.body() + "\n" + output());
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** Everything it printed so far (the log goes to stderr). */
    String output() {
        return process.stdout() + process.stderr();
    }

    /** {@code kill -9}: no shutdown hook, no clean-up, sockets dropped by the kernel. */
    void killHard() {
        process.kill();
    }

    @Override
    public void close() {
        process.terminate();
        process.waitFor(Duration.ofSeconds(20));
        process.close();
    }
}
