package dev.preflight.fw.jolokia;

import org.jolokia.jvmagent.JolokiaServer;
import org.jolokia.jvmagent.JolokiaServerConfig;

import java.util.Map;

/**
 * An application that serves its own Jolokia (1.x, as bundled by many applications) on {@code -Dapp.jolokia.port},
 * then runs until its standard input closes.
 */
public final class JolokiaApp {

    private JolokiaApp() {
    }

    public static void main(String[] args) throws Exception {
        JolokiaServer server = new JolokiaServer(new JolokiaServerConfig(Map.of(
                "host", "127.0.0.1",
                "port", System.getProperty("app.jolokia.port"),
                "agentContext", "/jolokia",
                "discoveryEnabled", "false")), false);
        server.start();
        System.out.println("JOLOKIA APP STARTED " + server.getUrl());
        while (System.in.read() >= 0) {
            // Runs until the test closes stdin.
        }
        server.stop();
    }
}
