package dev.preflight.fw;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The applications of framework-tests as their plugins built them (paths passed in by the pom), and HTTP to them. */
final class FrameworkApps {

    static final Path QUARKUS = built("preflight.fw.quarkus.jar");
    static final Path MICRONAUT = built("preflight.fw.micronaut.jar");
    static final Path BOOT4 = built("preflight.fw.boot4.jar");
    static final Path JOLOKIA = built("preflight.fw.jolokia.jar");

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private FrameworkApps() {
    }

    /** Fails with the reason when the application was not built: these tests never skip. */
    static Path require(Path app) {
        assertTrue(Files.isRegularFile(app), app + " is built by `mvn package` of framework-tests (its framework's"
                + " Maven plugin); run the tests with Maven from the project root");
        return app;
    }

    /** {@code GET http://127.0.0.1:<port><path>}: status and body. */
    static HttpResponse<String> get(int port, String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path built(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("System property " + property + " is not set; run these tests with Maven"
                    + " (framework-tests/tests/pom.xml passes it)");
        }
        return Path.of(value);
    }
}
