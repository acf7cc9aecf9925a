package dev.preflight.agent;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which JVMs the agent acts in; the child-JVM proof with real JDK tools is the demo's KubernetesTest. */
class ApplicationJvmTest {

    @TempDir
    Path dir;

    @Test
    void jdkToolsAreNotTheApplication() {
        Optional<String> jcmd = ApplicationJvm.whyNot("health.port=8081", "jdk.jcmd/sun.tools.jcmd.JCmd -l", "");
        assertTrue(jcmd.orElseThrow().contains("sun.tools.jcmd.JCmd is part of the Java runtime"), jcmd::toString);
        assertTrue(ApplicationJvm.whyNot("", "sun.security.tools.keytool.Main -help", "").isPresent());
        assertTrue(ApplicationJvm.whyNot("", "jdk.internal.jshell.tool.JShellToolProvider", "").isPresent());
    }

    @Test
    void aJvmThatNamesNoMainClassIsNotTheApplication() {
        assertTrue(ApplicationJvm.whyNot("health.port=8081", null, "").orElseThrow().contains("names no main class"));
        assertTrue(ApplicationJvm.whyNot("", "  ", "").isPresent());
    }

    @Test
    void aMainClassOnTheClassPathOrAJarIsTheApplication() throws Exception {
        assertEquals(Optional.empty(), ApplicationJvm.whyNot("", ApplicationJvmTest.class.getName() + " a b", ""));
        Path jar = Files.createFile(dir.resolve("app with space.jar"));
        assertEquals(Optional.empty(), ApplicationJvm.whyNot("", jar + " --port 1", jar.toString()));
    }

    @Test
    void aHookMakesAnyJvmTheApplication() {
        assertEquals(Optional.empty(), ApplicationJvm.whyNot("url=x,hook=com.example.App#start", null, ""));
        assertEquals(Optional.empty(), ApplicationJvm.whyNot(" hook=a.B#c", "jdk.jcmd/sun.tools.jcmd.JCmd", ""));
    }

    @Test
    void aMainClassNoOneHasIsLeftToTheJvmToReport() {
        assertTrue(ApplicationJvm.whyNot("", "com.example.NoSuchMain", "").orElseThrow().contains("not on the class path"));
    }

    @Test
    void theHookKeyIsTheConfigurationsOwn() {
        assertEquals(dev.preflight.config.ConfigKeys.HOOK.name(), ApplicationJvm.HOOK_KEY);
    }
}
