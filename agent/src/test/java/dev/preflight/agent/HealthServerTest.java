package dev.preflight.agent;

import dev.preflight.ConfigException;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HealthServerTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aliveAtOnceReadyOnlyAfterMigrating() throws Exception {
        HealthState health = new HealthState(OptionalInt.empty());
        HealthServer server = HealthServer.start("127.0.0.1", 0, health);
        try {
            assertEquals(200, get(server, "/alive").statusCode());
            HttpResponse<String> ready = get(server, "/ready");
            assertEquals(503, ready.statusCode());
            assertEquals("application/json", ready.headers().firstValue("Content-Type").orElse(""));
            assertTrue(ready.body().contains("\"state\":\"starting\""), ready.body());

            health.migrated();
            assertEquals(200, get(server, "/ready").statusCode());
        } finally {
            server.stop();
        }
    }

    @Test
    void aBusyPortIsAConfigurationError() {
        HealthServer first = HealthServer.start("127.0.0.1", 0, new HealthState(OptionalInt.empty()));
        try {
            ConfigException e = assertThrows(ConfigException.class,
                    () -> HealthServer.start("127.0.0.1", first.port(), new HealthState(OptionalInt.empty())));
            assertTrue(e.getMessage().contains("health.port"), e.getMessage());
        } finally {
            first.stop();
        }
    }

    private HttpResponse<String> get(HealthServer server, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
