package dev.preflight.agent;

import dev.preflight.ConfigException;
import dev.preflight.config.ConfigKeys;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The method the agent runs start-up migrations before, and how it was found.
 *
 * <p>In order: {@code hook=Class#method}; else {@code main} of the {@code Main-Class} of the jar started with
 * {@code java -jar}; else {@code main} of the class named on the command line ({@code java -cp ... com.example.Main},
 * {@code java -m module/com.example.Main}). When that class is a launcher that builds the application's class
 * loader first (Spring Boot's, Quarkus's fast-jar: {@link Launchers}), the application's own main behind it instead.
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

    /**
     * @param hook        the {@code hook} setting
     * @param javaCommand {@code sun.java.command}: the main class or jar, then the application's arguments
     * @param classPath   {@code java.class.path}: exactly the jar's path when started with {@code -jar}
     * @throws ConfigException when no entry point can be told, saying to set {@code hook}
     */
    static EntryPoint resolve(Optional<String> hook, String javaCommand, String classPath) {
        return resolve(hook, javaCommand, classPath, EntryPoint::systemSetting);
    }

    /** @param settings a launcher's own setting ({@code loader.main}) by its system property name */
    static EntryPoint resolve(Optional<String> hook, String javaCommand, String classPath,
                              UnaryOperator<String> settings) {
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
            return fromManifest(Path.of(jar), settings);
        }
        String mainClass = ApplicationJvm.mainClassOf(command);
        if (Launchers.isLauncher(mainClass)) {
            Optional<Path> home = classPathEntryOf(mainClass, classPath);
            if (home.isPresent()) {
                Path launched = Launchers.homeOf(mainClass, home.get());
                return Launchers.applicationMain(mainClass, manifestOf(launched), launched, settings).orElseThrow();
            }
        }
        return new EntryPoint(mainClass, "main", "main class on the command line");
    }

    static EntryPoint fromManifest(Path jar) {
        return fromManifest(jar, EntryPoint::systemSetting);
    }

    private static EntryPoint fromManifest(Path jar, UnaryOperator<String> settings) {
        Attributes main = manifestOf(jar);
        String mainClass = main.getValue(Attributes.Name.MAIN_CLASS);
        if (mainClass == null || mainClass.isBlank()) {
            throw new ConfigException(jar + " has no Main-Class in its manifest, so the agent does not know what to run"
                    + " migrations before. Set " + ConfigKeys.HOOK.name() + "=com.example.App#main.");
        }
        String launcher = mainClass.strip();
        return Launchers.applicationMain(launcher, main, jar, settings)
                .orElseGet(() -> new EntryPoint(launcher, "main", "Main-Class of " + name(jar)));
    }

    /** The main attributes of a jar's manifest, or of {@code META-INF/MANIFEST.MF} in an exploded folder. */
    private static Attributes manifestOf(Path jarOrFolder) {
        try {
            if (Files.isDirectory(jarOrFolder)) {
                Path file = jarOrFolder.resolve("META-INF/MANIFEST.MF");
                if (!Files.isRegularFile(file)) {
                    return new Attributes();
                }
                try (InputStream in = Files.newInputStream(file)) {
                    return new Manifest(in).getMainAttributes();
                }
            }
            try (JarFile file = new JarFile(jarOrFolder.toFile(), false)) {
                Manifest manifest = file.getManifest();
                return manifest == null ? new Attributes() : manifest.getMainAttributes();
            }
        } catch (IOException e) {
            throw new ConfigException("Cannot read the manifest of " + jarOrFolder + " to find the application's main"
                    + " class: " + e.getMessage() + ". Set " + ConfigKeys.HOOK.name() + "=com.example.App#main.", e);
        }
    }

    /** The class path entry (jar or folder) that holds {@code className}, as the launcher started that way sees it. */
    private static Optional<Path> classPathEntryOf(String className, String classPath) {
        String file = className.replace('.', '/') + ".class";
        for (String entry : classPath == null ? new String[0] : classPath.split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            Path path = Path.of(entry);
            if (Files.isDirectory(path) ? Files.isRegularFile(path.resolve(file)) : containsEntry(path, file)) {
                return Optional.of(path);
            }
        }
        return Optional.empty();
    }

    private static boolean containsEntry(Path jar, String entry) {
        if (!Files.isRegularFile(jar)) {
            return false;
        }
        try (JarFile file = new JarFile(jar.toFile(), false)) {
            return file.getEntry(entry) != null;
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code -Dname}, else the environment's {@code NAME} ({@code loader.main}, {@code LOADER_MAIN}), as Boot reads it. */
    private static String systemSetting(String name) {
        String value = System.getProperty(name);
        return value != null ? value : System.getenv(name.replace('.', '_').toUpperCase(Locale.ROOT));
    }

    static String name(Path jar) {
        Path file = jar.getFileName();
        return file == null ? jar.toString() : file.toString();
    }

    /** For the start-up log line: {@code com.example.App#main (Main-Class of app.jar)}. */
    @Override
    public String toString() {
        return className + "#" + method + " (" + source + ")";
    }
}
