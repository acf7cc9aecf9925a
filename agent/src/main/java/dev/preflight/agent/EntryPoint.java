package dev.preflight.agent;

import dev.preflight.ConfigException;
import dev.preflight.config.ConfigKeys;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The method the agent runs start-up migrations before, and how it was found.
 *
 * <p>In order: {@code hook=Class#method}; else {@code main} of the {@code Main-Class} of the jar started with
 * {@code java -jar}, or of Spring Boot's {@code Start-Class} when that Main-Class is one of Boot's launchers
 * (the launcher only builds the class loader; the application starts at Start-Class); else {@code main} of the
 * class named on the command line ({@code java -cp ... com.example.Main}).
 *
 * <pre>{@code
 * EntryPoint.resolve(config.hook(), System.getProperty("sun.java.command"), System.getProperty("java.class.path"))
 * // com.example.App#main (Spring Boot Start-Class of app.jar)
 * }</pre>
 *
 * @param className the binary name of the class to hook
 * @param method    the method whose body must not run before migrations
 * @param source    where the choice came from, for the start-up log line and error messages
 */
record EntryPoint(String className, String method, String source) {

    private static final String SPRING_BOOT_LAUNCHERS = "org.springframework.boot.loader.";

    /**
     * @param hook        the {@code hook} setting
     * @param javaCommand {@code sun.java.command}: the main class or jar, then the application's arguments
     * @param classPath   {@code java.class.path}: exactly the jar's path when started with {@code -jar}
     * @throws ConfigException when no entry point can be told, saying to set {@code hook}
     */
    static EntryPoint resolve(Optional<String> hook, String javaCommand, String classPath) {
        if (hook.isPresent()) {
            String text = hook.get();
            int hash = text.indexOf('#');
            return new EntryPoint(text.substring(0, hash), text.substring(hash + 1), "hook=" + text);
        }
        String command = javaCommand == null ? "" : javaCommand.strip();
        if (command.isEmpty()) {
            throw new ConfigException("Cannot tell the application's main class: the JVM does not report its command"
                    + " line (sun.java.command). Set " + ConfigKeys.HOOK.name() + "=com.example.App#main.");
        }
        String jar = ApplicationJvm.jarOf(command, classPath);
        if (jar != null) {
            return fromManifest(Path.of(jar));
        }
        return new EntryPoint(ApplicationJvm.mainClassOf(command), "main", "main class on the command line");
    }

    static EntryPoint fromManifest(Path jar) {
        Manifest manifest;
        try (JarFile file = new JarFile(jar.toFile(), false)) {
            manifest = file.getManifest();
        } catch (IOException e) {
            throw new ConfigException("Cannot read the manifest of " + jar + " to find the application's main class: "
                    + e.getMessage() + ". Set " + ConfigKeys.HOOK.name() + "=com.example.App#main.", e);
        }
        Attributes main = manifest == null ? new Attributes() : manifest.getMainAttributes();
        String mainClass = main.getValue(Attributes.Name.MAIN_CLASS);
        if (mainClass == null || mainClass.isBlank()) {
            throw new ConfigException(jar + " has no Main-Class in its manifest, so the agent does not know what to run"
                    + " migrations before. Set " + ConfigKeys.HOOK.name() + "=com.example.App#main.");
        }
        mainClass = mainClass.strip();
        if (!mainClass.startsWith(SPRING_BOOT_LAUNCHERS)) {
            return new EntryPoint(mainClass, "main", "Main-Class of " + name(jar));
        }
        String startClass = main.getValue("Start-Class");
        if (startClass == null || startClass.isBlank()) {
            throw new ConfigException(jar + " starts with Spring Boot's " + mainClass + " but names no Start-Class in"
                    + " its manifest. Set " + ConfigKeys.HOOK.name() + "=com.example.App#main.");
        }
        return new EntryPoint(startClass.strip(), "main", "Spring Boot Start-Class of " + name(jar));
    }

    private static String name(Path jar) {
        Path file = jar.getFileName();
        return file == null ? jar.toString() : file.toString();
    }

    /** For the start-up log line: {@code com.example.App#main (Main-Class of app.jar)}. */
    @Override
    public String toString() {
        return className + "#" + method + " (" + source + ")";
    }
}
