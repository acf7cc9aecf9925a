package dev.preflight.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.preflight.it.app.PlainApp;
import dev.preflight.testing.ChildJvm;
import dev.preflight.testing.ChildProcess;
import dev.preflight.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An operator's JMX client has none of Preflight's classes (JConsole, jmxterm, VisualVM): a client JVM with only
 * the JDK and one class of its own on its class path calls every operation that takes arguments with a bad one over
 * a remote JMX port, and must read each refusal as a JDK exception with the whole message, never a
 * {@code ClassNotFoundException}. The same calls through Jolokia, over real HTTP.
 */
class JmxClientWithoutPreflightTest {

    /** Each operation with arguments, and what its refusal must say. */
    private static final Map<String, String> REFUSALS = new TreeMap<>(Map.ofEntries(
            Map.entry("Commands query", "error=unknown command 'stauts'; did you mean status?"),
            Map.entry("Commands submit", "error=unknown command 'stauts'; did you mean status?"),
            Map.entry("Jobs job", "no job 99: there are no jobs yet"),
            Map.entry("Repository baseline", "repo main is at version 2 already; baseline is only for a database"),
            Map.entry("Repository migrateDataStep", "step must be 0 or more, got -1"),
            Map.entry("Repository migrateDataTo", "no data migration of repo main has version 99999; its versions"
                    + " are 1"),
            Map.entry("Repository migrateStep", "step must be 0 or more, got -1"),
            Map.entry("Repository migrateTo", "no schema migration of repo main has version 99999; its versions"
                    + " are 1, 2"),
            Map.entry("Repository rollbackDataStep", "step must be 0 or more, got -1"),
            Map.entry("Repository rollbackDataTo", "no data migration of repo main has version 99999"),
            Map.entry("Repository rollbackStep", "step must be 0 or more, got -1"),
            Map.entry("Repository rollbackTo", "no schema migration of repo main has version 99999; its versions"
                    + " are 1, 2; --to 0 reverts every one"),
            Map.entry("Repository repairMarkApplied", "no failed or interrupted migration has version 99999"),
            Map.entry("Repository repairRemove", "no failed or interrupted migration has version 99999"),
            Map.entry("Tasks describe", "unknown task `analyse`; did you mean analyze?"),
            Map.entry("Tasks run", "last must be a whole number (int), got `x`"),
            Map.entry("Tasks runInRepo", "unknown repo `audti`")));

    @RegisterExtension
    final TestDatabase db = TestDatabase.perTest();
    @TempDir
    Path dir;

    @Test
    void everyRefusalReachesAJdkOnlyClientAsAJdkExceptionWithTheWholeMessage() throws Exception {
        int jmxPort = ChildProcess.freePort();
        int jolokiaPort = ChildProcess.freePort();
        ChildJvm.Running app = MBeansJmxTest.app(db, dir, ",jolokia.port=" + jolokiaPort, jmxPort).start();
        try {
            app.awaitStdout(PlainApp.MARKER);
            app.awaitOutput("Jolokia on http://");
            Path client = compileClient();

            ChildProcess.Result r = ChildProcess.of(ChildProcess.java(), "-cp", client.toString(), "BadArguments",
                    "service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmxPort + "/jmxrmi").run();
            assertEquals(0, r.exitCode(), r::toString);
            assertFalse(r.stdout().contains("ClassNotFoundException") || r.stderr().contains("ClassNotFoundException"),
                    r::toString);
            Map<String, String> lines = new LinkedHashMap<>();
            r.stdout().lines().forEach(l -> {
                String[] words = l.split(" ", 3);
                lines.put(words[0] + " " + words[1], words[2]);
            });
            assertEquals(REFUSALS.keySet(), new java.util.TreeSet<>(lines.keySet()),
                    "every operation that takes arguments was called: " + r);
            REFUSALS.forEach((call, message) -> {
                String answer = lines.get(call);
                if (call.startsWith("Commands")) {
                    assertTrue(answer.startsWith("returned " + message), call + ": a command's error is its output: "
                            + answer);
                } else {
                    assertTrue(answer.matches("threw java\\.lang\\.(IllegalArgumentException|IllegalStateException)"
                            + ": .*"), call + " throws a JDK exception: " + answer);
                    assertTrue(answer.contains(message), call + " says why: " + answer);
                }
            });
            assertTrue(lines.get("Tasks run").contains("\\nParameters:\\n  last (int, default 1): "),
                    "the whole message, parameter list and all: " + lines.get("Tasks run"));
            assertTrue(lines.get("Repository rollbackTo").startsWith("threw java.lang.IllegalArgumentException"),
                    "a usage error is an IllegalArgumentException");
            assertTrue(lines.get("Repository baseline").startsWith("threw java.lang.IllegalStateException"),
                    "a state that refuses it is an IllegalStateException");

            throughJolokia(jolokiaPort);
        } finally {
            app.closeStdin();
        }
        assertEquals(0, app.await().exitCode());
    }

    /** The same refusals as Jolokia answers them: an error with the JDK type and the whole message. */
    private void throughJolokia(int port) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        ObjectMapper json = new ObjectMapper();
        Map<String, String> calls = Map.of(
                "Repository rollbackTo", "{\"mbean\":\"dev.preflight:type=Repository,name=main\","
                        + "\"operation\":\"rollbackTo\",\"arguments\":[\"99999\"]}",
                "Repository migrateStep", "{\"mbean\":\"dev.preflight:type=Repository,name=main\","
                        + "\"operation\":\"migrateStep\",\"arguments\":[-1]}",
                "Tasks run", "{\"mbean\":\"dev.preflight:type=Tasks\",\"operation\":\"run\","
                        + "\"arguments\":[\"analyze\",\"last=x\"]}",
                "Jobs job", "{\"mbean\":\"dev.preflight:type=Jobs\",\"operation\":\"job\",\"arguments\":[\"99\"]}",
                "Commands query", "{\"mbean\":\"dev.preflight:type=Commands\",\"operation\":\"query\","
                        + "\"arguments\":[[\"stauts\"]]}");
        for (Map.Entry<String, String> call : calls.entrySet()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/jolokia"))
                    .POST(HttpRequest.BodyPublishers.ofString(call.getValue().replace("{", "{\"type\":\"exec\",")))
                    .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
            JsonNode answer = json.readTree(response.body());
            String expected = REFUSALS.get(call.getKey());
            if (call.getKey().startsWith("Commands")) {
                assertEquals(200, answer.get("status").asInt(), response.body());
                assertEquals(2, answer.get("value").get("exitCode").asInt(), response.body());
                assertTrue(("error=" + answer.get("value").get("error").asText()).startsWith(expected),
                        response.body());
            } else {
                assertTrue(List.of("java.lang.IllegalArgumentException", "java.lang.IllegalStateException")
                        .contains(answer.get("error_type").asText()), call.getKey() + ": " + response.body());
                assertTrue(answer.get("error").asText().contains(expected), call.getKey() + ": " + response.body());
            }
        }
    }

    /** Compiles {@code BadArguments} (a test resource) into a folder of its own: the client's whole class path. */
    private Path compileClient() throws Exception {
        Path source = dir.resolve("client-src/BadArguments.java");
        Files.createDirectories(source.getParent());
        try (InputStream in = getClass().getResourceAsStream("/BadArguments.java.txt")) {
            Files.write(source, in.readAllBytes());
        }
        Path classes = Files.createDirectories(dir.resolve("client"));
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        int status = compiler.run(null, null, null, "-d", classes.toString(), source.toString());
        assertEquals(0, status, "the client compiles");
        return classes;
    }
}
