package dev.preflight.fw;

import dev.preflight.testing.ChildJvm;
import dev.preflight.testing.ChildProcess;
import dev.preflight.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An application that bundles its own Jolokia (1.7, in the same {@code org.jolokia} packages as the agent's 2.x)
 * and serves it, with the agent's Jolokia on another port: each answers with its own version, and the agent's
 * serves Preflight's beans.
 */
class OwnJolokiaTest {

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    @Test
    void theApplicationsJolokiaAndTheAgentsBothServe() {
        int appPort = ChildProcess.freePort();
        int agentPort = ChildProcess.freePort();
        try (ChildJvm.Running app = ChildJvm.jar(FrameworkApps.require(FrameworkApps.JOLOKIA))
                .agent("url=" + db.url() + ",jolokia.port=" + agentPort)
                .systemProperty("app.jolokia.port", Integer.toString(appPort)).start()) {
            app.awaitStdout("JOLOKIA APP STARTED");
            app.awaitOutput("MBeans registered");

            HttpResponse<String> own = FrameworkApps.get(appPort, "/jolokia/version");
            assertEquals(200, own.statusCode(), own.body());
            assertTrue(own.body().contains("\"agent\":\"1.7."), own.body());

            HttpResponse<String> agents = FrameworkApps.get(agentPort, "/jolokia/version");
            assertEquals(200, agents.statusCode(), agents.body());
            assertTrue(agents.body().contains("\"agent\":\"2."), agents.body());
            String pending = FrameworkApps.get(agentPort,
                    "/jolokia/read/dev.preflight:type=Repository,name=main/PendingCount").body();
            assertTrue(pending.contains("\"value\":0") && pending.contains("\"status\":200"), pending);
        }
    }
}
