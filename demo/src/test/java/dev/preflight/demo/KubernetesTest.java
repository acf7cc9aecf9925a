package dev.preflight.demo;

import dev.preflight.testing.ChildProcess;
import dev.preflight.testing.Pod;
import dev.preflight.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * README's Kubernetes section, deployed as written: each pod is a network namespace of its own ({@link Pod}) and
 * is probed on its IP from outside, every second with a one-second timeout, as a kubelet does. The containers'
 * settings come from README's YAML ({@link KubernetesReadme}), so what is tested is what users copy.
 */
class KubernetesTest {

    private static final HttpClient KUBELET = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private static final String SLOW_MIGRATION = "db/migrations/20240106000000_slow_backfill.sql";
    private static final int SLOW_SECONDS = 20;

    @RegisterExtension
    final TestDatabase db = TestDatabase.perTest();

    @TempDir
    Path dir;

    /** One probe's answer: the status (-1: no connection or no answer within the timeout) and the body. */
    private record Answer(String path, int status, String body) {
        @Override
        public String toString() {
            return path + " " + status + (body.isEmpty() ? "" : " " + body.strip());
        }
    }

    @Test
    void agentInTheAppContainerIsAliveOnEveryProbeAndReadyOnlyAfterMigrating() throws Exception {
        KubernetesReadme.Container app = KubernetesReadme.example(0).container("app");
        KubernetesReadme.Probe liveness = app.probes().get("livenessProbe");
        KubernetesReadme.Probe readiness = app.probes().get("readinessProbe");
        Path jar = DemoJvm.jarWith(Map.of(SLOW_MIGRATION, "-- migrate:up\nselect pg_sleep(" + SLOW_SECONDS + ");\n"));
        try (Pod pod = Pod.create(); DemoJvm v1 = DemoJvm.inPod(pod, jar, environment(app, pod, null))) {
            List<Answer> alive = new ArrayList<>();
            List<Answer> ready = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            // Until the JVM has started, nothing listens (a kubelet's initialDelaySeconds, or its failureThreshold
            // of 3, covers that second); from the agent's first moment on, every probe counts.
            while (probe(pod, liveness).status() != 200) {
                assertTrue(v1.isAlive() && System.nanoTime() < deadline, () -> "/alive never answered:\n" + v1.output());
                Thread.sleep(100);
            }
            int readyProbes = 0;
            while (readyProbes < 3) {
                assertTrue(v1.isAlive(), () -> "the pod's app ended:\n" + v1.output());
                assertTrue(System.nanoTime() < deadline, () -> "never ready within 120 s: " + ready + "\n" + v1.output());
                alive.add(probe(pod, liveness));
                Answer answer = probe(pod, readiness);
                ready.add(answer);
                readyProbes += answer.status() == 200 ? 1 : 0;
                Thread.sleep(1000);
            }

            assertTrue(alive.stream().allMatch(a -> a.status() == 200), () -> "a liveness probe failed: " + alive);
            int firstReady = ready.indexOf(ready.stream().filter(a -> a.status() == 200).findFirst().orElseThrow());
            List<Answer> before = ready.subList(0, firstReady);
            assertTrue(before.stream().allMatch(a -> a.status() == 503), () -> "/ready before it was 200: " + ready);
            assertTrue(ready.subList(firstReady, ready.size()).stream().allMatch(a -> a.status() == 200),
                    () -> "/ready went back from 200: " + ready);
            // The migration takes 20 s: most probes of that time must have seen it (a JVM start is a second or two).
            assertTrue(before.size() >= SLOW_SECONDS / 2, () -> "too few probes while migrating: " + ready);
            assertTrue(before.stream().anyMatch(a -> a.body().contains("\"state\":\"migrating\"")
                    && a.body().contains("slow_backfill")), () -> "no probe saw the migration: " + ready);
            assertTrue(v1.todos().startsWith("["), "the app serves on the pod's IP");
        }
        assertEquals(5, db.queryColumn("select version from preflight_schema_history where success").size());
    }

    @Test
    void healthEndpointsOnLoopbackOnlyAreOutOfTheKubeletsReach() throws Exception {
        KubernetesReadme.Container app = KubernetesReadme.example(0).container("app");
        Map<String, String> loopbackOnly = new LinkedHashMap<>();
        try (Pod pod = Pod.create()) {
            environment(app, pod, null).forEach((name, value) -> loopbackOnly.put(name,
                    name.equals("JAVA_TOOL_OPTIONS") ? value + ",health.host=127.0.0.1" : value));
            try (DemoJvm v1 = DemoJvm.inPod(pod, DemoJvm.DEMO_JAR, loopbackOnly)) {
                v1.awaitServing();
                Answer answer = probe(pod, app.probes().get("livenessProbe"));
                assertEquals(-1, answer.status(), "a loopback-only health server must not answer on the pod IP");
            }
        }
    }

    @Test
    void jdkToolsInTheContainerBehaveAsWithoutTheAgent() throws Exception {
        KubernetesReadme.Container app = KubernetesReadme.example(0).container("app");
        Path script = Files.writeString(dir.resolve("answer.jsh"), "System.out.println(6 * 7);\n/exit\n");
        try (Pod pod = Pod.create()) {
            Map<String, String> environment = environment(app, pod, null);
            try (DemoJvm running = DemoJvm.inPod(pod, DemoJvm.DEMO_JAR, environment)) {
                running.awaitServing();
                for (List<String> tool : List.of(List.of("java", "-version"), List.of("jcmd", "-l"), List.of("jps"),
                        List.of("jshell", script.toString()), List.of("keytool", "-help"))) {
                    List<String> command = new ArrayList<>(tool);
                    command.set(0, Path.of(System.getProperty("java.home"), "bin", tool.get(0)).toString());
                    ChildProcess.Result with = inPod(pod, command, environment);
                    ChildProcess.Result without = inPod(pod, command, Map.of("DATABASE_URL",
                            environment.get("DATABASE_URL")));
                    String name = String.join(" ", tool);
                    assertEquals(without.exitCode(), with.exitCode(), () -> name + " with the agent: " + with);
                    String stderr = withoutPickedUp(with.stderr());
                    assertFalse(agentSpoke(with.stdout() + stderr), () -> name + " printed the agent's lines: " + with);
                    if (tool.get(0).equals("jcmd") || tool.get(0).equals("jps")) {
                        // They list this machine's JVMs (their own pid changes from run to run): one JVM a line.
                        assertTrue(with.stdout().lines().allMatch(line -> line.matches("\\d+( .*)?")), with::toString);
                        assertTrue(with.stdout().contains(Long.toString(running.pid())), with::toString);
                    } else {
                        assertEquals(without.stdout(), with.stdout(), name);
                        assertEquals(without.stderr(), stderr, name);
                    }
                }
                Answer ready = probe(pod, app.probes().get("readinessProbe"));
                assertEquals(200, ready.status(), () -> "the app's health port after the tools: " + ready);
            }
        }
        assertEquals(4, db.queryColumn("select version from preflight_schema_history where success").size());
    }

    @Test
    void initContainerMigratesTheAppValidatesAndARollingUpdateKeepsV1ServingAndRestarting() throws Exception {
        KubernetesReadme.Example example = KubernetesReadme.example(1);
        KubernetesReadme.Container migrate = example.container("migrate");
        KubernetesReadme.Container app = example.container("app");
        Path v1 = demoMigrationsFolder(dir.resolve("v1"));
        Path v2 = demoMigrationsFolder(dir.resolve("v2"));
        try (Stream<Path> next = Files.list(Path.of("v2/migrations"))) {
            for (Path file : next.toList()) {
                Files.copy(file, v2.resolve(file.getFileName()));
            }
        }
        // The application image: the demo without its own migrations, which the volume brings.
        Path image = DemoJvm.jarWith(Map.of(), entry -> entry.startsWith("db/")
                || entry.equals("META-INF/services/dev.preflight.JavaMigration"));
        try (Pod pod1 = Pod.create(); Pod pod2 = Pod.create()) {
            ChildProcess.Result init1 = inPod(pod1, command(migrate), environment(migrate, pod1, v1));
            assertEquals(0, init1.exitCode(), init1::toString);
            assertTrue(init1.stdout().contains("3 migrations"), init1::toString);
            try (DemoJvm app1 = DemoJvm.inPod(pod1, image, environment(app, pod1, v1))) {
                app1.awaitServing();
                awaitReady(pod1, app, app1);
                app1.post("buy milk");

                ChildProcess.Result init2 = inPod(pod2, command(migrate), environment(migrate, pod2, v2));
                assertEquals(0, init2.exitCode(), init2::toString);
                assertTrue(init2.stdout().contains("add_priority"), init2::toString);
                assertTrue(app1.todos().contains("buy milk"), "v1 serves on while v2's init container migrates");

                try (DemoJvm app2 = DemoJvm.inPod(pod2, image, environment(app, pod2, v2))) {
                    app2.awaitServing();
                    awaitReady(pod2, app, app2);
                    assertTrue(app2.output().contains("validate main: files and database agree"), app2::output);
                    assertTrue(app2.todos().contains("buy milk"));
                    assertTrue(app1.todos().contains("buy milk"));
                    assertEquals(200, probe(pod1, app.probes().get("readinessProbe")).status());

                    // A v1 pod that restarts mid-rollout finds v2's migration applied without a file of its own:
                    // a newer release at work, not drift, so it starts again.
                    app1.close();
                    try (DemoJvm restarted = DemoJvm.inPod(pod1, image, environment(app, pod1, v1))) {
                        restarted.awaitServing();
                        awaitReady(pod1, app, restarted);
                        assertTrue(restarted.output().contains("applied by a newer release of the application"
                                + " (20240104000000)"), restarted::output);
                        assertTrue(restarted.todos().contains("buy milk"));
                    }
                }
            }
        }
        assertEquals(List.of("20240101120000", "20240102090000", "20240102100000", "20240104000000"),
                db.queryColumn("select version from preflight_schema_history where success order by version"));
    }

    /**
     * A container's environment: its README {@code env} values (the agent jar and the migrations volume put where
     * the README says they are) plus DATABASE_URL, which README takes from a secret: the test database as the pod
     * reaches it.
     */
    private Map<String, String> environment(KubernetesReadme.Container container, Pod pod, Path migrations) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("DATABASE_URL", pod.database(db.name()));
        container.env().forEach((name, value) -> environment.put(name, value
                .replace(KubernetesReadme.AGENT_PATH, DemoJvm.AGENT_JAR.toString())
                .replace("/migrations", migrations == null ? "/migrations" : migrations.toString())));
        return environment;
    }

    /** A container's command: README's, with this JDK's java and the built agent jar. */
    private static List<String> command(KubernetesReadme.Container container) {
        return container.command().stream().map(word -> word.equals("java") ? ChildProcess.java()
                : word.replace(KubernetesReadme.AGENT_PATH, DemoJvm.AGENT_JAR.toString())).toList();
    }

    private static ChildProcess.Result inPod(Pod pod, List<String> command, Map<String, String> environment) {
        ChildProcess process = ChildProcess.of(pod.exec(command));
        environment.forEach(process::env);
        return process.run();
    }

    /** The demo's SQL migrations, as files in a folder (the volume of an init container). */
    private static Path demoMigrationsFolder(Path folder) throws IOException {
        Files.createDirectories(folder);
        try (JarFile jar = new JarFile(DemoJvm.DEMO_JAR.toFile())) {
            for (JarEntry entry : Collections.list(jar.entries())) {
                if (entry.getName().startsWith("db/migrations/") && entry.getName().endsWith(".sql")) {
                    try (InputStream in = jar.getInputStream(entry)) {
                        Files.copy(in, folder.resolve(Path.of(entry.getName()).getFileName().toString()));
                    }
                }
            }
        }
        return folder;
    }

    private static void awaitReady(Pod pod, KubernetesReadme.Container app, DemoJvm process) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        Answer answer;
        while ((answer = probe(pod, app.probes().get("readinessProbe"))).status() != 200) {
            Answer last = answer;
            assertTrue(System.nanoTime() < deadline, () -> "never ready: " + last + "\n" + process.output());
            Thread.sleep(500);
        }
    }

    /** One kubelet probe: GET on the pod's IP, one second to answer. */
    private static Answer probe(Pod pod, KubernetesReadme.Probe probe) throws InterruptedException {
        try {
            HttpResponse<String> r = KUBELET.send(HttpRequest.newBuilder(URI.create("http://" + pod.ip() + ":"
                    + probe.port() + probe.path())).timeout(Duration.ofSeconds(1)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(probe.path(), r.statusCode(), r.body());
        } catch (IOException e) {
            return new Answer(probe.path(), -1, e.toString());
        }
    }

    private static String withoutPickedUp(String stderr) {
        return stderr.lines().filter(line -> !line.startsWith("Picked up JAVA_TOOL_OPTIONS:"))
                .map(line -> line + "\n").collect(Collectors.joining());
    }

    /** Whether the text has any of the agent's own lines (its log, its errors, its start-up). */
    private static boolean agentSpoke(String text) {
        return text.contains("preflight:") || text.contains("[preflight]") || text.contains("startup=")
                || text.contains("Migrator") || text.contains("MBeans registered") || text.contains("health");
    }
}
