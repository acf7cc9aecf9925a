package dev.preflight.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One demo process as an operator starts it: {@code java -javaagent:preflight-agent.jar=... -jar <demo jar>},
 * with {@code DATABASE_URL} and {@code DEMO_PORT} in its environment and its output in a file.
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

    private final Process process;
    private final Path log;
    private final int port;

    private DemoJvm(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** Starts {@code jar} with the agent and {@code agentArguments} against {@code databaseUrl} (postgres://...). */
    static DemoJvm start(Path jar, String databaseUrl, String agentArguments, String... jvmOptions) throws IOException {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(javaCommand()));
        command.addAll(List.of(jvmOptions));
        command.add("-javaagent:" + AGENT_JAR + (agentArguments.isEmpty() ? "" : "=" + agentArguments));
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("PREFLIGHT_"));
        env.put("DATABASE_URL", databaseUrl);
        env.put("DEMO_PORT", String.valueOf(port));
        Path log = Files.createTempFile("preflight-demo", ".log");
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        return new DemoJvm(builder.start(), log, port);
    }

    static String javaCommand() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
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
                throw new AssertionError("the demo exited with " + process.exitValue() + ":\n" + output());
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
    void awaitOutput(String text) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!output().contains(text)) {
            if (!process.isAlive()) {
                throw new AssertionError("the demo exited with " + process.exitValue() + ":\n" + output());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the demo did not print '" + text + "' within 90 s:\n" + output());
            }
            Thread.sleep(100);
        }
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

    /** Everything it printed so far. */
    String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code kill -9}: no shutdown hook, no clean-up, sockets dropped by the kernel. */
    void killHard() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        try {
            Files.deleteIfExists(log);
        } catch (IOException e) {
            // A temp file left behind is harmless.
        }
    }
}
