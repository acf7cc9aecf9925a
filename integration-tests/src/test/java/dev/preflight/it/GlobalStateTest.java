package dev.preflight.it;

import dev.preflight.it.app.OwnLoggingApp;
import dev.preflight.testing.ChildJvm;
import dev.preflight.testing.ChildProcess;
import dev.preflight.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The agent sets up nothing global in the application's JVM before the application's main runs, although it has
 * served its health endpoints, connected, taken the lock and migrated by then: no {@code java.util.logging} (the
 * application's own manager wins) and none of the application's JDBC drivers (DriverManager would load them all).
 * Read from the JVM's own record of the classes it loaded, up to the application's first line. (The JDK's HTTP
 * server behind the health endpoints takes a lazy {@code System.Logger}: its back end is chosen from the class path
 * alone, and it leaves {@code java.util.logging} alone until the application uses it. The JVM's security providers
 * are another matter: the pool's connection ids use SecureRandom; README says so.)
 */
class GlobalStateTest {

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();
    @TempDir
    Path dir;

    @Test
    void theApplicationsOwnLoggingSetUpWinsAndNothingGlobalIsLoadedBeforeItsMain() throws IOException {
        Path classes = new AppJar(dir).migration("1_create_greeting.sql", "create table greeting (text text);")
                .writeClassesFolder(dir.resolve("resources"));
        Path loaded = dir.resolve("classes.log");

        ChildJvm.Result r = ChildJvm.classPath(List.of(classes, AppJar.testClasses(), AppJar.driverJar()),
                        OwnLoggingApp.class.getName())
                .jvmOption("-Xlog:class+load=info:file=" + loaded)
                .agent("url=" + db.url() + ",health.port=" + ChildProcess.freePort()).run();

        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("migrate main: applied 1 create_greeting"), r::toString);
        assertTrue(r.stdout().contains("LOG MANAGER " + OwnLoggingApp.OwnLogManager.class.getName()), r::toString);

        String log = Files.readString(loaded);
        int firstLine = log.indexOf(OwnLoggingApp.FirstLine.class.getName() + " source:");
        assertTrue(firstLine > 0, "the application's main ran");
        String beforeMain = log.substring(0, firstLine);
        for (String global : List.of("java.util.logging.LogManager", "org.postgresql.Driver")) {
            assertTrue(!beforeMain.contains(" " + global + " source:"), global + " was loaded before the"
                    + " application's main: " + beforeMain.lines().filter(l -> l.contains(global)).toList());
        }
    }
}
