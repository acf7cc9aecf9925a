package dev.preflight.fw;

import dev.preflight.testing.ChildJvm;
import dev.preflight.testing.ChildProcess;
import dev.preflight.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Micronaut HTTP application with HikariCP as Micronaut's Maven build packs it, whose logback.xml writes to a
 * file: Preflight's lines land in that file, in the application's format, before the application's own.
 */
class MicronautAppTest {

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();
    @TempDir
    Path dir;

    @Test
    void preflightsLinesAreInTheApplicationsLogFileBeforeItsFirstLine() throws Exception {
        int port = ChildProcess.freePort();
        Path log = dir.resolve("micronaut-app.log");
        try (ChildJvm.Running app = ChildJvm.jar(FrameworkApps.require(FrameworkApps.MICRONAUT))
                .agent("url=" + db.url()).systemProperty("datasources.default.url", db.url())
                .systemProperty("micronaut.server.port", Integer.toString(port))
                .systemProperty("app.log.file", log.toString()).start()) {
            app.awaitStdout("Server Running");

            String file = Files.readString(log);
            int applied = file.indexOf("MICRONAUT-FILE ");
            assertTrue(file.contains("INFO  dev.preflight.engine.Migrator - migrate main: applied 1"
                    + " create_micronaut_greeting"), file);
            assertTrue(file.contains("INFO  preflight - startup=migrate before dev.preflight.fw.micronaut.Application#main"
                    + " (Main-Class of"), file);
            assertTrue(applied >= 0 && file.indexOf("migrate main: 1 migration in")
                    < file.indexOf("MICRONAUT APP FIRST LINE greetings=hello from the micronaut jar"), file);
            assertEquals("hello from the micronaut jar", FrameworkApps.get(port, "/greetings").body());
            assertEquals(200, FrameworkApps.get(port, "/health").statusCode());
        }
    }
}
