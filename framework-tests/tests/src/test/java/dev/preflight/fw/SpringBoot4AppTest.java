package dev.preflight.fw;

import dev.preflight.testing.ChildJvm;
import dev.preflight.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Spring Boot 4 fat jar as spring-boot-maven-plugin repackages it (Boot 4's launcher,
 * {@code org.springframework.boot.loader.launch}), with {@code logging.file.name}: the agent hooks its Start-Class,
 * and Preflight's lines wait until Boot has configured its logging, so they are in that file in Boot's format.
 */
class SpringBoot4AppTest {

    private static final String APP = "dev.preflight.fw.boot4.Boot4App";

    @RegisterExtension
    final TestDatabase db = TestDatabase.perTest();
    @TempDir
    Path dir;

    @Test
    void preflightsLinesAreInTheFileThatLoggingFileNameNames() throws Exception {
        Path log = dir.resolve("boot4.log");
        ChildJvm.Result r = ChildJvm.jar(FrameworkApps.require(FrameworkApps.BOOT4)).agent("url=" + db.url())
                .systemProperty("app.url", db.url()).systemProperty("logging.file.name", log.toString()).run();

        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains("BOOT4 APP FIRST LINE greetings=[hello from the boot 4 jar]"), r::toString);
        String file = Files.readString(log);
        // Boot's file format: "<time>  INFO <pid> --- [<thread>] <logger> : <message>".
        assertTrue(file.lines().anyMatch(line -> line.contains(" INFO ") && line.contains(" --- [")
                && line.contains("dev.preflight.engine.Migrator")
                && line.contains(": migrate main: applied 1 create_boot4_greeting")), file);
        assertTrue(file.contains(": startup=migrate before " + APP + "#main (Spring Boot Start-Class of boot4-app.jar)"),
                file);
        assertTrue(file.contains("BOOT4 APP STARTED"), file);
        // Not through Logback before Boot configured it (its default format is "HH:mm:ss.SSS [main] INFO x -- ...").
        assertFalse((r.stdout() + r.stderr()).contains("INFO preflight --"), r::toString);
        assertEquals(List.of("1"), db.queryColumn("select version from preflight_schema_history"));
    }

    @Test
    void propertiesLauncherHooksLoaderMain() {
        ChildJvm.Result r = ChildJvm.classPath(List.of(FrameworkApps.require(FrameworkApps.BOOT4)),
                        "org.springframework.boot.loader.launch.PropertiesLauncher")
                .agent("url=" + db.url()).systemProperty("loader.main", APP).systemProperty("app.url", db.url()).run();

        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains("startup=migrate before " + APP + "#main (Spring Boot loader.main, started by"
                + " org.springframework.boot.loader.launch.PropertiesLauncher)"), r::toString);
        assertTrue(r.stdout().contains("BOOT4 APP FIRST LINE greetings=[hello from the boot 4 jar]"), r::toString);
    }

    @Test
    void aHookOnBootsLauncherSaysTheApplicationsMigrationsCannotBeSeenFromIt() {
        ChildJvm.Result r = ChildJvm.jar(FrameworkApps.require(FrameworkApps.BOOT4))
                .agent("url=" + db.url() + ",hook=org.springframework.boot.loader.launch.JarLauncher#main")
                .systemProperty("app.url", db.url()).run();

        assertTrue(r.stderr().contains("is Spring Boot's launcher org.springframework.boot.loader.launch.JarLauncher:"
                + " the application's class loader does not exist yet, so classpath:db/migrations cannot be seen from"
                + " it"), r::toString);
    }
}
