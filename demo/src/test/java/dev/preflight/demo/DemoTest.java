package dev.preflight.demo;

import dev.preflight.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The demo as scripts/demo starts it: the packaged jar, the real agent, a real database. */
class DemoTest {

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    @Test
    void theDemoStartsMigratedAndServesTodos() throws Exception {
        int healthPort = DemoJvm.freePort();
        try (DemoJvm demo = DemoJvm.start(DemoJvm.DEMO_JAR, "postgres://postgres@127.0.0.1:5432/" + db.name(),
                "health.port=" + healthPort)) {
            demo.awaitServing();
            assertTrue(demo.todos().contains("try preflight"), "the Java migration seeded a todo: " + demo.todos());
            HttpResponse<String> ready = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + healthPort + "/ready")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, ready.statusCode(), ready.body());
            demo.post("buy milk");
            assertEquals(List.of("schema:20240101120000", "schema:20240102090000", "schema:20240102100000",
                            "schema:20240103000000"),
                    db.queryColumn("select kind || ':' || version from preflight_schema_history order by installed_rank"));
            assertEquals("t", db.queryValue("select indisvalid from pg_index where indexrelid = 'todo_open'::regclass"));
            assertTrue(demo.output().contains("demo - Added connection org.postgresql.jdbc.PgConnection"),
                    "the app's pool uses the app's own driver, not the agent's relocated one:\n" + demo.output());
        }
    }
}
