package dev.preflight.it;

import dev.preflight.it.app.PlainApp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;

/**
 * Packs {@link PlainApp} into a real executable jar: {@code Main-Class} in the manifest, migrations under
 * {@code db/migrations} inside the jar, and the JDBC driver (and any other library) beside it on the manifest's
 * {@code Class-Path}: the application's own driver, not the agent's relocated copy.
 *
 * <pre>{@code
 * Path jar = new AppJar(dir).migration("1_create_greeting.sql", "-- migrate:up\ncreate table greeting ...").build();
 * }</pre>
 */
final class AppJar {

    private final Path dir;
    private final Map<String, String> migrations = new LinkedHashMap<>();
    private final List<Path> libraries = new ArrayList<>(List.of(driverJar()));

    /** @param dir where the jar (and its driver) are written; nothing else is put there */
    AppJar(Path dir) {
        this.dir = dir;
    }

    /** A dbmate-style migration {@code db/migrations/<file>} with {@code up} as its up section. */
    AppJar migration(String file, String up) {
        migrations.put(file, "-- migrate:up\n" + up + "\n");
        return this;
    }

    /** Another jar of the application, beside it on the manifest's {@code Class-Path}. */
    AppJar library(Path jar) {
        libraries.add(jar);
        return this;
    }

    /** Writes {@code app.jar} and its libraries (the driver at least) into the folder. */
    Path build() {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, PlainApp.class.getName());
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, libraries.stream()
                .map(library -> library.getFileName().toString()).collect(Collectors.joining(" ")));
        Path jar = dir.resolve("app.jar");
        try {
            for (Path library : libraries) {
                Files.copy(library, dir.resolve(library.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
            try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
                Set<String> folders = new HashSet<>();
                String classFile = PlainApp.class.getName().replace('.', '/') + ".class";
                try (InputStream in = PlainApp.class.getClassLoader().getResourceAsStream(classFile)) {
                    put(out, folders, classFile, in.readAllBytes());
                }
                for (Map.Entry<String, String> m : migrations.entrySet()) {
                    put(out, folders, "db/migrations/" + m.getKey(), m.getValue().getBytes(StandardCharsets.UTF_8));
                }
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same migrations as files under {@code <folder>/db/migrations}, for a {@code -cp} start. */
    Path writeClassesFolder(Path classes) {
        try {
            for (Map.Entry<String, String> m : migrations.entrySet()) {
                Path file = classes.resolve("db/migrations/" + m.getKey());
                Files.createDirectories(file.getParent());
                Files.writeString(file, m.getValue());
            }
            return classes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void put(JarOutputStream out, Set<String> folders, String name, byte[] content)
            throws IOException {
        // Folder entries too, as build tools write them: a class loader finds a folder in a jar by its entry.
        for (int slash = name.indexOf('/'); slash >= 0; slash = name.indexOf('/', slash + 1)) {
            String folder = name.substring(0, slash + 1);
            if (folders.add(folder)) {
                out.putNextEntry(new JarEntry(folder));
                out.closeEntry();
            }
        }
        out.putNextEntry(new JarEntry(name));
        out.write(content);
        out.closeEntry();
    }

    /** The PostgreSQL driver jar of this build's class path. */
    static Path driverJar() {
        return jarOf(org.postgresql.Driver.class);
    }

    /** Test classes (where {@link PlainApp} is compiled to), for a {@code -cp} start. */
    static Path testClasses() {
        return jarOf(PlainApp.class);
    }

    /** The jar (or folder) of this build's class path that {@code type} comes from. */
    static Path jarOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
