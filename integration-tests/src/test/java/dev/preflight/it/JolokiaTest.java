package dev.preflight.it;

import dev.preflight.it.app.PlainApp;
import dev.preflight.testing.ChildJvm;
import dev.preflight.testing.ChildProcess;
import dev.preflight.testing.MigrationFiles;
import dev.preflight.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The embedded Jolokia endpoint, over HTTP as curl uses it: what it allows, what it refuses, and to whom. */
class JolokiaTest {

    @RegisterExtension
    final TestDatabase db = TestDatabase.perTest();
    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private int port;

    @Test
    void anOperatorReadsStatusStepsAndFollowsTheJobWhileEverythingElseIsRefused() throws Exception {
        ChildJvm.Running app = start(",jolokia.user=op,jolokia.password=s3cret");
        try {
            String auth = basic("op", "s3cret");
            String read = get("/read/dev.preflight:type=Repository,name=main/PendingCount", auth);
            assertTrue(read.contains("\"value\":2"), read);
            assertTrue(get("/read/java.lang:type=Runtime/Uptime", auth).contains("\"status\":200"));

            String exec = post("{\"type\":\"exec\",\"mbean\":\"dev.preflight:type=Repository,name=main\","
                    + "\"operation\":\"migrateStep\",\"arguments\":[1]}", auth);
            Matcher id = Pattern.compile("\"value\":\"(\\d+)\"").matcher(exec);
            assertTrue(id.find(), exec);
            String job = "";
            for (int i = 0; i < 300 && !job.contains("succeeded") && !job.contains("failed"); i++) {
                Thread.sleep(50);
                job = get("/exec/dev.preflight:type=Jobs/job/" + id.group(1), auth);
            }
            assertTrue(job.contains("\"state\":\"succeeded\""), job);
            assertTrue(get("/read/dev.preflight:type=Repository,name=main/CurrentVersion", auth)
                    .contains("\"value\":\"1\""));

            String diagnostic = post("{\"type\":\"exec\",\"mbean\":\"com.sun.management:type=DiagnosticCommand\","
                    + "\"operation\":\"vmSystemProperties\"}", auth);
            assertTrue(diagnostic.contains("\"status\":403"), diagnostic);
            String write = post("{\"type\":\"write\",\"mbean\":\"java.lang:type=Memory\",\"attribute\":\"Verbose\","
                    + "\"value\":true}", auth);
            assertTrue(write.contains("\"status\":403"), write);

            assertEquals(401, send(HttpRequest.newBuilder(url("/version")).header("Authorization",
                    basic("op", "wrong")).build()).statusCode());
            assertEquals(401, send(HttpRequest.newBuilder(url("/version")).build()).statusCode());
        } finally {
            app.closeStdin();
        }
        ChildJvm.Result r = app.await();
        assertEquals(0, r.exitCode(), r::toString);
        assertFalse((r.stdout() + r.stderr()).contains("s3cret"), "the password is never printed");
    }

    @Test
    void readOnlyRunsWhatChangesNothingAndRefusesTheRest() throws Exception {
        ChildJvm.Running app = start(",jolokia.read-only=true");
        try {
            assertTrue(get("/read/dev.preflight:type=Repository,name=main/PendingCount", null).contains("\"value\":2"));
            String status = post("{\"type\":\"exec\",\"mbean\":\"dev.preflight:type=Repository,name=main\","
                    + "\"operation\":\"status\"}", null);
            assertTrue(status.contains("\"status\":200") && status.contains("pet"), status);
            String exec = post("{\"type\":\"exec\",\"mbean\":\"dev.preflight:type=Repository,name=main\","
                    + "\"operation\":\"migrateStep\",\"arguments\":[1]}", null);
            assertTrue(exec.contains("\"status\":403"), exec);
            assertTrue(get("/read/dev.preflight:type=Repository,name=main/PendingCount", null).contains("\"value\":2"),
                    "nothing was migrated");
        } finally {
            app.closeStdin();
        }
        assertEquals(0, app.await().exitCode());
    }

    private ChildJvm.Running start(String jolokia) throws Exception {
        port = ChildProcess.freePort();
        MigrationFiles files = new MigrationFiles(dir.resolve("migrations"));
        files.dbmate("1", "person", "create table person (name text);", "drop table person;");
        files.dbmate("2", "pet", "create table pet (name text);", "drop table pet;");
        Path jar = new AppJar(dir).build();
        ChildJvm.Running app = ChildJvm.jar(jar).systemProperty("app.url", db.url())
                .systemProperty("app.waitForStdin", "true")
                .agent("url=" + db.url() + ",locations=" + files.dir() + ",startup=off,jolokia.port=" + port + jolokia)
                .start();
        app.awaitStdout(PlainApp.MARKER);
        // Jolokia starts off main's path, after the beans: main may print its marker first.
        app.awaitOutput("Jolokia on http://");
        return app;
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + "/jolokia" + path);
    }

    private String get(String path, String auth) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(url(path));
        if (auth != null) {
            request.header("Authorization", auth);
        }
        return send(request.build()).body();
    }

    private String post(String json, String auth) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(url("/")).POST(HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json");
        if (auth != null) {
            request.header("Authorization", auth);
        }
        return send(request.build()).body();
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
