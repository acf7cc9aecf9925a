package dev.preflight.demo;

import dev.preflight.testing.ChildProcess;
import dev.preflight.testing.Pod;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

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
    /** The demo's port inside a pod (its own network namespace, so always free), as README's containerPort. */
    static final int POD_PORT = 8080;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final ChildProcess.Running process;
    private final String host;
    private final int port;

    private DemoJvm(ChildProcess.Running process, String host, int port) {
        this.process = process;
        this.host = host;
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
                .env("DEMO_PORT", String.valueOf(port)).start(), "127.0.0.1", port);
    }

    /**
     * Starts {@code java -jar jar} inside {@code pod} as its container would, serving on the pod's port 8080 on
     * every interface, with {@code environment} (the container's {@code env}: DATABASE_URL, JAVA_TOOL_OPTIONS...).
     */
    static DemoJvm inPod(Pod pod, Path jar, Map<String, String> environment) {
        ChildProcess process = ChildProcess.of(pod.exec(ChildProcess.java(), "-jar", jar.toString()))
                .env("DEMO_PORT", String.valueOf(POD_PORT)).env("DEMO_HOST", "0.0.0.0");
        environment.forEach(process::env);
        return new DemoJvm(process.start(), pod.ip(), POD_PORT);
    }

    /**
     * A copy of the demo jar with {@code added} entries (path -> text) and without the entries {@code dropped}
     * matches: the next release, or an image whose migrations live outside the jar.
     */
    static Path jarWith(Map<String, String> added, Predicate<String> dropped) throws IOException {
        Path jar = Files.createTempFile("preflight-demo-next", ".jar");
        jar.toFile().deleteOnExit();
        try (JarFile from = new JarFile(DEMO_JAR.toFile());
             JarOutputStream to = new JarOutputStream(Files.newOutputStream(jar), from.getManifest())) {
            for (Enumeration<JarEntry> e = from.entries(); e.hasMoreElements(); ) {
                JarEntry entry = e.nextElement();
                if (entry.getName().equals(JarFile.MANIFEST_NAME) || dropped.test(entry.getName())) {
                    continue;
                }
                to.putNextEntry(new JarEntry(entry.getName()));
                try (InputStream in = from.getInputStream(entry)) {
                    in.transferTo(to);
                }
                to.closeEntry();
            }
            for (Map.Entry<String, String> entry : added.entrySet()) {
                to.putNextEntry(new JarEntry(entry.getKey()));
                to.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                to.closeEntry();
            }
        }
        return jar;
    }

    /** The next release of the demo: its jar with {@code added} entries (path -> text). */
    static Path jarWith(Map<String, String> added) throws IOException {
        return jarWith(added, name -> false);
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
        return URI.create("http://" + host + ":" + port + path);
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
