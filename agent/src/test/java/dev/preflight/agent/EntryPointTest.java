package dev.preflight.agent;

import dev.preflight.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.jar.Attributes;
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
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        for (int i = 0; i < attributes.length; i += 2) {
            manifest.getMainAttributes().putValue(attributes[i], attributes[i + 1]);
        }
        Path jar = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(jar)) {
            new JarOutputStream(out, manifest).close();
        }
        return jar;
    }
}
