package dev.preflight.agent;

import dev.preflight.ConfigException;
import dev.preflight.config.ConfigKeys;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.jar.Attributes;

/**
 * The launchers that build the application's class loader first and only then call the application's own main. The
 * agent hooks that main, not the launcher: only there are the application's classpath migrations, Java migrations
 * and {@code preflight.properties} visible, and only there has the launcher set up what it sets up for the
 * application (Quarkus's {@code java.util.logging.manager}, first of all).
 *
 * <ul>
 *   <li>Spring Boot ({@code org.springframework.boot.loader.JarLauncher}, {@code WarLauncher},
 *       {@code PropertiesLauncher}; Boot 3.2+ and 4 under {@code org.springframework.boot.loader.launch}): the
 *       manifest's {@code Start-Class}; for {@code PropertiesLauncher}, {@code loader.main} ({@code -Dloader.main}
 *       or {@code LOADER_MAIN}) first, as Boot reads it.</li>
 *   <li>Quarkus fast-jar ({@code io.quarkus.bootstrap.runner.QuarkusEntryPoint}, the {@code Main-Class} of
 *       {@code quarkus-app/quarkus-run.jar}): the main class that {@code quarkus/quarkus-application.dat} names
 *       ({@code io.quarkus.runner.GeneratedMain}, or the application's {@code @QuarkusMain}), which Quarkus loads
 *       with its own class loader.</li>
 * </ul>
 * Every other main class (Micronaut, Helidon, Dropwizard, a Quarkus uber-jar, a plain application) is the
 * application's own.
 *
 * <pre>{@code
 * Launchers.applicationMain("org.springframework.boot.loader.launch.JarLauncher", manifest, jar, settings)
 * // Optional[com.example.App#main (Spring Boot Start-Class of app.jar)]
 * }</pre>
 */
final class Launchers {

    private static final String SPRING_BOOT = "org.springframework.boot.loader.";
    private static final String QUARKUS = "io.quarkus.bootstrap.runner.QuarkusEntryPoint";
    /** What Quarkus names its generated main unless the application has a {@code @QuarkusMain} of its own. */
    private static final String QUARKUS_GENERATED_MAIN = "io.quarkus.runner.GeneratedMain";
    /** The first int of {@code quarkus-application.dat} (Quarkus's SerializedApplication). */
    private static final int QUARKUS_DAT_MAGIC = 0xF0315432;

    private Launchers() {
    }

    /** Whether {@code className} is a launcher that runs before the application's class loader exists. */
    static boolean isLauncher(String className) {
        return className.startsWith(SPRING_BOOT) || className.equals(QUARKUS);
    }

    /** {@code Spring Boot's launcher}, {@code Quarkus's launcher}: for messages. */
    static String describe(String launcher) {
        return (launcher.startsWith(SPRING_BOOT) ? "Spring Boot's" : "Quarkus's") + " launcher " + launcher;
    }

    /**
     * The application's main behind {@code launcher}, empty when {@code launcher} is not one.
     *
     * @param manifest the main attributes of the jar (or exploded folder) the launcher starts
     * @param home     that jar or folder
     * @param settings a setting by its system property name ({@code loader.main}): -D first, then the environment
     * @throws ConfigException when the launcher's own description of the application cannot be read
     */
    static Optional<EntryPoint> applicationMain(String launcher, Attributes manifest, Path home,
                                                UnaryOperator<String> settings) {
        if (launcher.startsWith(SPRING_BOOT)) {
            return Optional.of(springBoot(launcher, manifest, home, settings));
        }
        if (launcher.equals(QUARKUS)) {
            return Optional.of(quarkus(home));
        }
        return Optional.empty();
    }

    private static EntryPoint springBoot(String launcher, Attributes manifest, Path home,
                                         UnaryOperator<String> settings) {
        if (launcher.endsWith(".PropertiesLauncher")) {
            String loaderMain = settings.apply("loader.main");
            if (loaderMain != null && !loaderMain.isBlank()) {
                return new EntryPoint(loaderMain.strip(), "main", "Spring Boot loader.main, started by " + launcher);
            }
        }
        String startClass = manifest.getValue("Start-Class");
        if (startClass == null || startClass.isBlank()) {
            throw new ConfigException(home + " starts with " + describe(launcher) + " but names no Start-Class in"
                    + " its manifest. Set " + ConfigKeys.HOOK.name() + "=com.example.App#main.");
        }
        return new EntryPoint(startClass.strip(), "main", "Spring Boot Start-Class of " + EntryPoint.name(home));
    }

    /**
     * Quarkus's own description of the application, as {@code QuarkusEntryPoint} reads it: an int magic, an int
     * format version, then the main class's name.
     *
     * @param runJar {@code quarkus-app/quarkus-run.jar}; the description lies in {@code quarkus-app/quarkus/}
     */
    private static EntryPoint quarkus(Path runJar) {
        Path dat = runJar.toAbsolutePath().getParent().resolve("quarkus").resolve("quarkus-application.dat");
        try (InputStream file = Files.newInputStream(dat); DataInputStream in = new DataInputStream(file)) {
            if (in.readInt() == QUARKUS_DAT_MAGIC) {
                in.readInt();
                return new EntryPoint(in.readUTF(), "main", "Quarkus application main of " + EntryPoint.name(runJar)
                        + ", after Quarkus's launcher");
            }
        } catch (IOException e) {
            // Below: the class Quarkus generates unless told otherwise.
        }
        return new EntryPoint(QUARKUS_GENERATED_MAIN, "main", "Quarkus's generated main (" + dat
                + " unreadable), after Quarkus's launcher");
    }

    /** Where the launcher class itself lives decides what it starts: the Boot jar, or Quarkus's application folder. */
    static Path homeOf(String launcher, Path classPathEntry) {
        if (launcher.equals(QUARKUS) && classPathEntry.getFileName() != null
                && !classPathEntry.getFileName().toString().equals("quarkus-run.jar")) {
            // java -cp quarkus-app/lib/boot/*:... : QuarkusEntryPoint finds its application three folders up, as here.
            Path app = classPathEntry.toAbsolutePath().getParent().getParent().getParent();
            return app.resolve("quarkus-run.jar");
        }
        return classPathEntry;
    }
}
