package dev.preflight.mbeans.jolokia;

import dev.preflight.PreflightConfig;
import dev.preflight.mbeans.PreflightMBeans;
import org.jolokia.jvmagent.JolokiaServer;
import org.jolokia.jvmagent.JolokiaServerConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The embedded Jolokia HTTP endpoint ({@code http://<jolokia.host>:<jolokia.port>/jolokia/}), started only when
 * {@code jolokia.port} is set, bound to {@code jolokia.host} (127.0.0.1 by default; the configuration already
 * refuses another host without user and password, and without https unless {@code jolokia.plain-http=true}), with
 * basic auth when a user is set, https when a certificate is configured, and {@link PreflightRestrictor} always.
 */
public final class JolokiaEndpoint {

    private JolokiaEndpoint() {
    }

    /**
     * The JDK server's dispatcher thread inherits daemon status from the thread that starts it; started from the
     * application's thread it would keep the JVM running after {@code main} returns.
     */
    private static void startAsDaemon(JolokiaServer server) {
        RuntimeException[] failure = new RuntimeException[1];
        Thread starter = new Thread(() -> {
            try {
                server.start();
            } catch (RuntimeException e) {
                failure[0] = e;
            }
        }, "preflight-jolokia-start");
        starter.setDaemon(true);
        starter.start();
        try {
            starter.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failure[0] != null) {
            throw failure[0];
        }
    }

    /** https with the operator's certificate: a keystore, or a PEM certificate and key. */
    private static void tls(PreflightConfig config, Map<String, String> settings) {
        if (!config.jolokiaHttps()) {
            return;
        }
        settings.put("protocol", "https");
        config.jolokiaKeystore().ifPresent(keystore -> {
            settings.put("keystore", keystore);
            String lower = keystore.toLowerCase(Locale.ROOT);
            settings.put("keyStoreType", lower.endsWith(".p12") || lower.endsWith(".pfx") ? "PKCS12" : "JKS");
        });
        config.jolokiaKeystorePassword().ifPresent(password -> settings.put("keystorePassword", password));
        config.jolokiaCert().ifPresent(cert -> settings.put("serverCert", cert));
        config.jolokiaKey().ifPresent(key -> settings.put("serverKey", key));
    }

    /** Starts the endpoint if {@code config} asks for it; the handle stops it. */
    public static Optional<PreflightMBeans.Handle> start(PreflightConfig config) {
        if (config.jolokiaPort().isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> settings = new HashMap<>();
        settings.put("port", Integer.toString(config.jolokiaPort().getAsInt()));
        settings.put("host", config.jolokiaHost());
        settings.put("agentContext", "/jolokia");
        settings.put("restrictorClass", (config.jolokiaReadOnly() ? PreflightRestrictor.ReadOnly.class
                : PreflightRestrictor.class).getName());
        // Multicast discovery would announce the endpoint on the network.
        settings.put("discoveryEnabled", "false");
        config.jolokiaUser().ifPresent(user -> settings.put("user", user));
        config.jolokiaPassword().ifPresent(password -> settings.put("password", password));
        tls(config, settings);
        try {
            JolokiaServer server = new JolokiaServer(new JolokiaServerConfig(settings));
            startAsDaemon(server);
            return Optional.of(server::stop);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Jolokia on " + config.jolokiaHost() + ":"
                    + config.jolokiaPort().getAsInt() + ": " + e.getMessage(), e);
        }
    }
}
