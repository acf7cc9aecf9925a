package dev.preflight.source;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClasspathScanningTest {

    @TempDir
    Path tmp;

    @Test
    void readsAFolderInAClasspathDirectory() {
        List<Migration> found = new MigrationFolder(tmp).find("classpath:sources-test/classpath-migrations");
        assertEquals(List.of("1", "2024-02-12-120203"), found.stream().map(Migration::id).toList());
        assertEquals("classpath:sources-test/classpath-migrations/V1__create_users.sql", found.get(0).origin());
        assertEquals("create table users (id bigint);\n", found.get(0).up().sql());
        assertEquals("drop table posts;\n", found.get(1).down().sql());
    }

    @Test
    void aLeadingSlashInAClasspathLocationIsIgnored() {
        assertEquals(2, new MigrationFolder(tmp).find("classpath:/sources-test/classpath-migrations/").size());
    }

    @Test
    void readsAFolderInsideAJar() throws Exception {
        Path jar = jar(tmp.resolve("app.jar"), Map.of(
                "db/migrations/V1__create_users.sql", "create table users ();",
                "db/migrations/2024-02-12-120203_posts/up.sql", "create table posts ();",
                "db/migrations/2024-02-12-120203_posts/down.sql", "drop table posts;",
                "db/other/V9__not_mine.sql", "select 9;"));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            MigrationFolder folder = new MigrationFolder(tmp).loader(loader);
            List<Migration> found = folder.find("classpath:db/migrations");
            assertEquals(List.of("1", "2024-02-12-120203"), found.stream().map(Migration::id).toList());
            assertEquals("classpath:db/migrations/V1__create_users.sql", found.get(0).origin());
            assertEquals("create table users ();", found.get(0).up().sql());
            assertEquals("classpath:db/migrations/2024-02-12-120203_posts/down.sql", found.get(1).down().origin());
            assertEquals("drop table posts;", found.get(1).down().sql());
        }
    }

    @Test
    void readsSpringBootClassesInsideTheOuterJar() throws Exception {
        Path jar = jar(tmp.resolve("boot.jar"), Map.of(
                "BOOT-INF/classes/db/migrations/V1__create_users.sql", "create table users ();",
                "BOOT-INF/classes/db/migrations/2_posts.up.sql", "create table posts ();"));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            List<Migration> found = new MigrationFolder(tmp).loader(loader).find("classpath:BOOT-INF/classes/db/migrations");
            assertEquals(List.of("classpath:BOOT-INF/classes/db/migrations/V1__create_users.sql",
                    "classpath:BOOT-INF/classes/db/migrations/2_posts.up.sql"), found.stream().map(Migration::origin).toList());
        }
    }

    @Test
    void mergesAFolderFoundInADirectoryAndAJar() throws Exception {
        MigrationFolder classes = new MigrationFolder(tmp.resolve("classes")).write("db/migrations/V1__a.sql", "select 1;");
        Path jar = jar(tmp.resolve("lib.jar"), Map.of("db/migrations/V2__b.sql", "select 2;"));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.dir.toUri().toURL(), jar.toUri().toURL()}, null)) {
            assertEquals(2, new MigrationFolder(tmp).loader(loader).find("classpath:db/migrations").size());
        }
    }

    @Test
    void theSameFileInTwoClasspathEntriesIsAnErrorNamingBoth() throws Exception {
        MigrationFolder classes = new MigrationFolder(tmp.resolve("classes")).write("db/migrations/V1__a.sql", "select 1;");
        Path jar = jar(tmp.resolve("lib.jar"), Map.of("db/migrations/V1__a.sql", "select 1;"));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.dir.toUri().toURL(), jar.toUri().toURL()}, null)) {
            String error = new MigrationFolder(tmp).loader(loader).error("classpath:db/migrations");
            assertTrue(error.startsWith("classpath:db/migrations/V1__a.sql is found twice, in "), error);
            assertTrue(error.contains(classes.dir.resolve("db/migrations").toString()), error);
            assertTrue(error.contains("lib.jar"), error);
        }
    }

    @Test
    void followsABoot2NestedUrlWithoutBootsUrlHandler() throws Exception {
        Path app = jar(tmp.resolve("app.jar"), Map.of(
                "BOOT-INF/classes/db/migrations/V1__a.sql", "select 1;",
                "BOOT-INF/classes/db/migrations/sub/V2__b.sql", "select 2;"));
        // The JDK's handler reads this URL as entry "BOOT-INF/classes!/db/migrations" of app.jar, which it cannot open.
        URL url = new URL("jar:" + app.toUri() + "!/BOOT-INF/classes!/db/migrations");
        try (ResourceScanner scanner = new ResourceScanner(getClass().getClassLoader(), tmp)) {
            List<Resource> files = scanner.scanUrl(url, "classpath:db/migrations");
            assertEquals(List.of("V1__a.sql", "sub/V2__b.sql"), files.stream().map(Resource::path).toList());
            assertEquals("classpath:db/migrations/sub/V2__b.sql", files.get(1).origin());
            assertEquals("select 2;", files.get(1).read());
        }
    }

    @Test
    void followsAJarInsideAJar() throws Exception {
        Path lib = jar(tmp.resolve("lib.jar"), Map.of("db/migrations/V3__lib.sql", "select 3;", "other/x.txt", "x"));
        Path app = jar(tmp.resolve("app.jar"), Map.of("BOOT-INF/lib/lib.jar", Files.readAllBytes(lib)));
        try (ResourceScanner scanner = new ResourceScanner(getClass().getClassLoader(), tmp)) {
            List<Resource> files = scanner.scanJarSpec("jar:" + app.toUri() + "!/BOOT-INF/lib/lib.jar!/db/migrations",
                    "classpath:db/migrations");
            assertEquals(List.of("V3__lib.sql"), files.stream().map(Resource::path).toList());
            assertEquals("select 3;", files.get(0).read());
        }
    }

    @Test
    void followsABoot32NestedUrl() throws Exception {
        Path app = jar(tmp.resolve("my app.jar"), Map.of("BOOT-INF/classes/db/migrations/V1__a.sql", "select 1;"));
        String path = app.toUri().getRawPath(); // percent-encoded, as Boot writes it
        try (ResourceScanner scanner = new ResourceScanner(getClass().getClassLoader(), tmp)) {
            List<Resource> files = scanner.scanJarSpec("jar:nested:" + path + "/!BOOT-INF/classes/!/db/migrations",
                    "classpath:db/migrations");
            assertEquals(List.of("V1__a.sql"), files.stream().map(Resource::path).toList());
            assertEquals("select 1;", files.get(0).read());
        }
    }

    /** Writes a jar the way Maven does, with an entry for every directory (class loaders find folders by them). */
    static Path jar(Path file, Map<String, ?> entries) throws IOException {
        Map<String, byte[]> contents = new LinkedHashMap<>();
        TreeSet<String> directories = new TreeSet<>();
        entries.forEach((name, content) -> {
            contents.put(name, content instanceof byte[] bytes ? bytes : content.toString().getBytes(StandardCharsets.UTF_8));
            for (int i = name.indexOf('/'); i >= 0; i = name.indexOf('/', i + 1)) {
                directories.add(name.substring(0, i + 1));
            }
        });
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out)) {
            for (String directory : directories) {
                jar.putNextEntry(new JarEntry(directory));
                jar.closeEntry();
            }
            for (Map.Entry<String, byte[]> entry : contents.entrySet()) {
                jar.putNextEntry(new JarEntry(entry.getKey()));
                jar.write(entry.getValue());
                jar.closeEntry();
            }
        }
        return file;
    }
}
