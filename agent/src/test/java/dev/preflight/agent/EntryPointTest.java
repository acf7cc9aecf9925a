package dev.preflight.agent;

import dev.preflight.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.DataOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EntryPointTest {

    @TempDir
    Path dir;

    @Test
    void hookSettingWinsOverEverything() throws IOException {
        Path jar = jar("app.jar", "Main-Class", "com.example.Main");
        EntryPoint entry = EntryPoint.resolve(Optional.of("com.example.Other#start"), jar + " arg", jar.toString());
        assertEquals("com.example.Other", entry.className());
        assertEquals("start", entry.method());
    }

    @Test
    void javaDashJarHooksMainOfTheMainClass() throws IOException {
        Path jar = jar("app.jar", "Main-Class", "com.example.Main");
        EntryPoint entry = EntryPoint.resolve(Optional.empty(), jar + " --port 8080", jar.toString());
        assertEquals("com.example.Main", entry.className());
        assertEquals("main", entry.method());
        assertEquals("com.example.Main#main (Main-Class of app.jar)", entry.toString());
    }

    @Test
    void aJarPathWithSpacesIsFoundThroughTheClassPath() throws IOException {
        Files.createDirectories(dir.resolve("my apps"));
        Path jar = jar("my apps/app.jar", "Main-Class", "com.example.Main");
        EntryPoint entry = EntryPoint.resolve(Optional.empty(), jar + " x", jar.toString());
        assertEquals("com.example.Main", entry.className());
    }

    @Test
    void springBootLauncherMeansStartClass() throws IOException {
        Path jar = jar("boot.jar", "Main-Class", "org.springframework.boot.loader.launch.JarLauncher",
                "Start-Class", "com.example.BootApp");
        EntryPoint entry = EntryPoint.resolve(Optional.empty(), jar.toString(), jar.toString());
        assertEquals("com.example.BootApp", entry.className());
        assertTrue(entry.source().contains("Spring Boot"), entry.source());
    }

    @Test
    void springBootLauncherWithoutStartClassAsksForAHook() throws IOException {
        Path jar = jar("boot.jar", "Main-Class", "org.springframework.boot.loader.JarLauncher");
        ConfigException e = assertThrows(ConfigException.class,
                () -> EntryPoint.resolve(Optional.empty(), jar.toString(), jar.toString()));
        assertTrue(e.getMessage().contains("Start-Class") && e.getMessage().contains("hook="), e.getMessage());
    }

    @Test
    void propertiesLauncherHooksLoaderMainFirstThenStartClass() throws IOException {
        Path jar = jar("boot.jar", "Main-Class", "org.springframework.boot.loader.launch.PropertiesLauncher",
                "Start-Class", "com.example.BootApp");
        Map<String, String> settings = new HashMap<>(Map.of("loader.main", "com.example.Other"));
        EntryPoint entry = EntryPoint.resolve(Optional.empty(), jar.toString(), jar.toString(), settings::get);
        assertEquals("com.example.Other#main (Spring Boot loader.main, started by"
                + " org.springframework.boot.loader.launch.PropertiesLauncher)", entry.toString());

        settings.clear();
        assertEquals("com.example.BootApp",
                EntryPoint.resolve(Optional.empty(), jar.toString(), jar.toString(), settings::get).className());
    }

    @Test
    void aBootLauncherNamedOnTheCommandLineStartsTheJarOnTheClassPathThatHoldsIt() throws IOException {
        Path lib = jar("lib.jar", "Main-Class", "com.example.NotThis");
        Path boot = jar("boot.jar", Map.of("org/springframework/boot/loader/launch/JarLauncher.class", ""),
                "Main-Class", "org.springframework.boot.loader.launch.JarLauncher", "Start-Class", "com.example.BootApp");
        EntryPoint entry = EntryPoint.resolve(Optional.empty(), "org.springframework.boot.loader.launch.JarLauncher",
                lib + File.pathSeparator + boot);
        assertEquals("com.example.BootApp#main (Spring Boot Start-Class of boot.jar)", entry.toString());
    }

    @Test
    void anExplodedBootJarIsReadFromItsFolder() throws IOException {
        Path exploded = dir.resolve("exploded");
        Files.createDirectories(exploded.resolve("META-INF"));
        Files.createDirectories(exploded.resolve("org/springframework/boot/loader/launch"));
        Files.writeString(exploded.resolve("org/springframework/boot/loader/launch/JarLauncher.class"), "");
        Files.writeString(exploded.resolve("META-INF/MANIFEST.MF"), "Manifest-Version: 1.0\n"
                + "Main-Class: org.springframework.boot.loader.launch.JarLauncher\nStart-Class: com.example.BootApp\n");
        EntryPoint entry = EntryPoint.resolve(Optional.empty(), "org.springframework.boot.loader.launch.JarLauncher x",
                exploded.toString());
        assertEquals("com.example.BootApp", entry.className());
    }

    @Test
    void quarkusFastJarHooksTheMainClassQuarkusNamesInItsApplicationDescription() throws IOException {
        Path app = Files.createDirectories(dir.resolve("quarkus-app/quarkus"));
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(app.resolve("quarkus-application.dat")))) {
            out.writeInt(0xF0315432);
            out.writeInt(3);
            out.writeUTF("com.example.MyQuarkusMain");
        }
        Path jar = jar("quarkus-app/quarkus-run.jar", "Main-Class", "io.quarkus.bootstrap.runner.QuarkusEntryPoint");
        EntryPoint entry = EntryPoint.resolve(Optional.empty(), jar.toString(), jar.toString());
        assertEquals("com.example.MyQuarkusMain#main (Quarkus application main of quarkus-run.jar, after Quarkus's"
                + " launcher)", entry.toString());
    }

    @Test
    void quarkusFastJarWithoutItsDescriptionHooksTheGeneratedMain() throws IOException {
        Files.createDirectories(dir.resolve("quarkus-app"));
        Path jar = jar("quarkus-app/quarkus-run.jar", "Main-Class", "io.quarkus.bootstrap.runner.QuarkusEntryPoint");
        EntryPoint entry = EntryPoint.resolve(Optional.empty(), jar.toString(), jar.toString());
        assertEquals("io.quarkus.runner.GeneratedMain", entry.className());
        assertTrue(entry.source().contains("unreadable"), entry.source());
    }

    @Test
    void otherFrameworksMainClassesAreTheApplicationsOwn() throws IOException {
        for (String main : List.of("io.helidon.microprofile.cdi.Main", "com.example.MicronautApplication",
                "io.quarkus.runner.GeneratedMain")) {
            Path jar = jar("app.jar", "Main-Class", main);
            assertEquals(main, EntryPoint.resolve(Optional.empty(), jar.toString(), jar.toString()).className());
        }
    }

    @Test
    void jarWithoutMainClassAsksForAHook() throws IOException {
        Path jar = jar("lib.jar");
        ConfigException e = assertThrows(ConfigException.class,
                () -> EntryPoint.resolve(Optional.empty(), jar.toString(), jar.toString()));
        assertTrue(e.getMessage().contains("no Main-Class"), e.getMessage());
    }

    @Test
    void classPathStartHooksTheClassOnTheCommandLine() {
        EntryPoint entry = EntryPoint.resolve(Optional.empty(), "com.example.Main a b", "lib/a.jar:classes");
        assertEquals("com.example.Main", entry.className());
        assertEquals("main", entry.method());
    }

    @Test
    void moduleStartHooksTheMainClassOfTheModule() {
        EntryPoint entry = EntryPoint.resolve(Optional.empty(), "com.example.app/com.example.Main", "");
        assertEquals("com.example.Main", entry.className());
    }

    @Test
    void noCommandLineAsksForAHook() {
        ConfigException e = assertThrows(ConfigException.class, () -> EntryPoint.resolve(Optional.empty(), null, ""));
        assertTrue(e.getMessage().contains("hook="), e.getMessage());
    }

    private Path jar(String name, String... attributes) throws IOException {
        return jar(name, Map.of(), attributes);
    }

    private Path jar(String name, Map<String, String> entries, String... attributes) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        for (int i = 0; i < attributes.length; i += 2) {
            manifest.getMainAttributes().putValue(attributes[i], attributes[i + 1]);
        }
        Path jar = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out, manifest)) {
            for (Map.Entry<String, String> entry : entries.entrySet()) {
                zip.putNextEntry(new JarEntry(entry.getKey()));
                zip.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return jar;
    }
}
