package dev.preflight.demo;

import dev.preflight.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The demo as scripts/demo starts it: the packaged jar, the real agent, a real database. */
class DemoTest {

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void theDemoStartsMigratedAndServesTodos() throws Exception {
        int appPort = freePort();
        int healthPort = freePort();
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-javaagent:" + System.getProperty("preflight.agent.jar") + "=health.port=" + healthPort,
                "-jar", System.getProperty("preflight.demo.jar"));
        pb.environment().put("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/" + db.name());
        pb.environment().put("DEMO_PORT", String.valueOf(appPort));
        Path log = java.nio.file.Files.createTempFile("demo", ".log");
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        Process demo = pb.start();
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            String todos = null;
            long deadline = System.currentTimeMillis() + 60_000;
            while (todos == null) {
                assertTrue(demo.isAlive(), "the demo exited with " + (demo.isAlive() ? "" : demo.exitValue()));
                assertTrue(System.currentTimeMillis() < deadline, "the demo did not serve within 60 s");
                try {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + appPort + "/todos")).build(), HttpResponse.BodyHandlers.ofString());
                    todos = r.body();
                } catch (java.io.IOException notYet) {
                    Thread.sleep(200);
                }
            }
            assertTrue(todos.contains("try preflight"), "the Java migration seeded a todo: " + todos);
            HttpResponse<String> ready = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + healthPort + "/ready")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, ready.statusCode(), ready.body());
            HttpResponse<String> added = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + appPort + "/todos"))
                    .POST(HttpRequest.BodyPublishers.ofString("buy milk")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(201, added.statusCode());
            assertEquals(List.of("schema:20240101120000", "schema:20240102090000", "schema:20240102100000",
                            "schema:20240103000000"),
                    db.queryColumn("select kind || ':' || version from preflight_schema_history order by installed_rank"));
            assertEquals("t", db.queryValue("select indisvalid from pg_index where indexrelid = 'todo_open'::regclass"));
            String output = java.nio.file.Files.readString(log);
            assertTrue(output.contains("demo - Added connection org.postgresql.jdbc.PgConnection"),
                    "the app's pool uses the app's own driver, not the agent's relocated one:\n" + output);
        } finally {
            demo.destroy();
            demo.waitFor();
        }
    }
}
