package dev.preflight.agent.boot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A Spring Boot application's configuration files for a test: {@code classes/} is what its jar's
 * {@code BOOT-INF/classes} holds (with the real Spring Boot jar beside it on the class path), {@code work/} the folder
 * it is started in ({@code ./config/}, {@code ./}).
 */
final class BootFiles {

    final Path classes;
    final Path work;

    BootFiles(Path dir) {
        this.classes = dir.resolve("classes");
        this.work = dir.resolve("work");
    }

    /** A file inside the application's jar, e.g. {@code application-prod.yml}. */
    BootFiles inJar(String name, String content) {
        return write(classes.resolve(name), content);
    }

    /** A file in the working directory, e.g. {@code config/application.yml}. */
    BootFiles outside(String name, String content) {
        return write(work.resolve(name), content);
    }

    /** The application's class loader: its classes and a real Spring Boot, as in a Boot fat jar. */
    ClassLoader loader() {
        try {
            URL boot = org.springframework.boot.SpringApplication.class.getProtectionDomain().getCodeSource()
                    .getLocation();
            return new URLClassLoader(new URL[] {classes.toUri().toURL(), boot}, null);
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A class loader without Spring Boot: a plain application. */
    ClassLoader plainLoader() {
        try {
            return new URLClassLoader(new URL[] {classes.toUri().toURL()}, null);
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    BootEnvironment load(Map<String, String> env, Map<String, String> system, String... arguments) {
        Properties properties = new Properties();
        properties.putAll(system);
        return BootEnvironment.load(loader(), env, properties, List.of(arguments), work);
    }

    private BootFiles write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
