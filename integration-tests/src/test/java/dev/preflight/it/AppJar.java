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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Packs {@link PlainApp} into a real executable jar: {@code Main-Class} in the manifest, migrations under
 * {@code db/migrations} inside the jar, and the JDBC driver beside it on the manifest's {@code Class-Path} (the
 * application's own, not the agent's relocated copy).
 *
 * <pre>{@code
 * Path jar = new AppJar(dir).migration("1_create_greeting.sql", "-- migrate:up\ncreate table greeting ...").build();
 * }</pre>
 */
final class AppJar {

    static final String DRIVER_JAR = "postgresql.jar";

    private final Path dir;
    private final Map<String, String> migrations = new LinkedHashMap<>();

    /** @param dir where the jar (and its driver) are written; nothing else is put there */
    AppJar(Path dir) {
        this.dir = dir;
    }

    /** A dbmate-style migration {@code db/migrations/<file>} with {@code up} as its up section. */
    AppJar migration(String file, String up) {
        migrations.put(file, "-- migrate:up\n" + up + "\n");
        return this;
    }

    /** Writes {@code app.jar} and the driver jar into the folder. */
    Path build() {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, PlainApp.class.getName());
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, DRIVER_JAR);
        Path jar = dir.resolve("app.jar");
        try {
            Files.copy(driverJar(), dir.resolve(DRIVER_JAR), StandardCopyOption.REPLACE_EXISTING);
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
        try {
            return Path.of(org.postgresql.Driver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Test classes (where {@link PlainApp} is compiled to), for a {@code -cp} start. */
    static Path testClasses() {
        try {
            return Path.of(PlainApp.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
