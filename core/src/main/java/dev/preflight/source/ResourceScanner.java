package dev.preflight.source;

import dev.preflight.MigrationException;

import java.io.Closeable;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.zip.ZipEntry;

/**
 * Lists every file under a location: one walk of a directory, or one pass over a jar's entries, per location
 * and classpath root. Jars stay open until {@link #close()}, so that layouts read only the files they need, each
 * once, without opening the jar again per file.
 *
 * <p>Classpath folders are found with {@link ClassLoader#getResources(String)}, which returns every directory and
 * jar holding the folder: {@code file:} URLs, {@code jar:file:/app.jar!/db/migrations}, and Spring Boot's nested
 * forms ({@code jar:nested:/app.jar/!BOOT-INF/classes/!/db/migrations} since Boot 3.2,
 * {@code jar:file:/app.jar!/BOOT-INF/classes!/db/migrations} before). Jar URLs are read through their own
 * {@link JarURLConnection}, which is Boot's when the application runs under Boot's launcher; when that connection
 * cannot open the jar (Boot's URL handler absent), the outer jar is opened directly and the nested path followed.
 */
final class ResourceScanner implements Closeable {

    private static final Comparator<Resource> BY_PATH = Comparator.comparing(Resource::path);

    private final ClassLoader loader;
    private final Path workingDir;
    private final List<Closeable> open = new ArrayList<>();

    /**
     * @param workingDir what relative filesystem locations are resolved against: the process's working directory
     *                   ({@code Path.of("")}) except in tests
     */
    ResourceScanner(ClassLoader loader, Path workingDir) {
        this.loader = loader;
        this.workingDir = workingDir;
    }

    /**
     * @return the files under the location, sorted by path within each root
     * @throws MigrationException when an explicitly configured location does not exist or cannot be read
     */
    List<Resource> scan(Location location) {
        try {
            switch (location.type()) {
                case FILESYSTEM: {
                    Path dir = workingDir.resolve(location.path());
                    if (!Files.exists(dir)) {
                        throw new MigrationException("Migration location '" + location.text() + "' does not exist (looked for "
                                + dir.toAbsolutePath().normalize() + "): create the folder or correct the configured locations");
                    }
                    return walkDirectory(location, dir);
                }
                case CLASSPATH: {
                    List<Resource> found = scanClasspath(location);
                    if (found == null) {
                        throw new MigrationException("Migration location '" + location.text()
                                + "' is not on the classpath: check the folder name, and that it is packaged in the application");
                    }
                    return found;
                }
                default: {
                    Path dir = workingDir.resolve(location.path());
                    if (Files.isDirectory(dir)) {
                        return walkDirectory(location, dir);
                    }
                    List<Resource> found = scanClasspath(location);
                    return found == null ? List.of() : found;
                }
            }
        } catch (IOException e) {
            throw new MigrationException("Cannot read migration location '" + location.text() + "': " + e, e);
        }
    }

    private List<Resource> walkDirectory(Location location, Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new MigrationException("Migration location '" + location.text() + "' is a file, not a folder: "
                    + "configure the folder that holds the migrations");
        }
        return walkDirectory(dir, location.originPrefix(false), dir.toString());
    }

    private List<Resource> walkDirectory(Path root, String originPrefix, String container) throws IOException {
        List<Resource> out = new ArrayList<>();
        // Symbolic links are followed: a migrations folder assembled from links must read like a real one.
        Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile()) {
                    String rel = relative(root, file);
                    out.add(new Resource(rel, originPrefix + "/" + rel, container, () -> Files.newInputStream(file),
                            new Resource.FileStamp(attrs.size(), attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS),
                                    attrs.fileKey())));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof FileSystemLoopException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }
        });
        out.sort(BY_PATH);
        return out;
    }

    private static String relative(Path root, Path file) {
        // Text, not Path.relativize: this runs once per file of every scan, thousands of times in a fresh JVM.
        String rootText = root.toString();
        String fileText = file.toString();
        String rel = fileText.startsWith(rootText) && fileText.length() > rootText.length()
                && fileText.charAt(rootText.length()) == java.io.File.separatorChar
                ? fileText.substring(rootText.length() + 1) : root.relativize(file).toString();
        return java.io.File.separatorChar == '/' ? rel : rel.replace(java.io.File.separatorChar, '/');
    }

    /** @return the files of every classpath root holding the folder, or null when none does */
    private List<Resource> scanClasspath(Location location) throws IOException {
        Set<String> roots = new LinkedHashSet<>();
        Enumeration<URL> urls = loader.getResources(location.path());
        List<Resource> out = new ArrayList<>();
        while (urls.hasMoreElements()) {
            URL url = urls.nextElement();
            // A class loader may list the same root twice (a duplicated classpath entry); read it once.
            if (roots.add(url.toExternalForm())) {
                out.addAll(scanUrl(url, location.originPrefix(true)));
            }
        }
        return roots.isEmpty() ? null : out;
    }

    /** The files under one classpath root URL of a folder. */
    List<Resource> scanUrl(URL url, String originPrefix) throws IOException {
        switch (url.getProtocol()) {
            case "file": {
                Path dir;
                try {
                    dir = Path.of(url.toURI());
                } catch (URISyntaxException | IllegalArgumentException e) {
                    throw new IOException("unusable classpath URL " + url, e);
                }
                if (!Files.isDirectory(dir)) {
                    throw new MigrationException(originPrefix + " is a file (" + dir + "), not a folder: "
                            + "configure the folder that holds the migrations");
                }
                return walkDirectory(dir, originPrefix, dir.toString());
            }
            case "jar":
                return scanJar(url, originPrefix);
            default:
                throw new MigrationException("Cannot list the files of " + originPrefix + " at " + url + ": the "
                        + url.getProtocol() + ": protocol is not supported; use a filesystem: location instead");
        }
    }

    private List<Resource> scanJar(URL url, String originPrefix) throws IOException {
        URLConnection connection = url.openConnection();
        if (connection instanceof JarURLConnection jar) {
            String entry = jar.getEntryName() == null ? "" : jar.getEntryName();
            // With the JDK's handler, a Boot 2-style URL has its nested path ("BOOT-INF/classes!/db/migrations")
            // left in the entry name, and opening it fails; follow that path ourselves instead.
            if (!entry.contains("!/")) {
                // A private, uncached jar that we close after the scan: a cached one may be shared with the class
                // loader, and closing it would break the application. The JDK and Boot 3.2 honour this flag; Boot 2
                // hands out a wrapper whose close() leaves the real jar open.
                jar.setUseCaches(false);
                JarFile file;
                try {
                    file = jar.getJarFile();
                } catch (IOException e) {
                    return scanJarSpec(url.toExternalForm(), originPrefix);
                }
                open.add(file);
                return walkJar(file, entry, originPrefix, url.toExternalForm());
            }
        }
        return scanJarSpec(url.toExternalForm(), originPrefix);
    }

    private List<Resource> walkJar(JarFile file, String folder, String originPrefix, String container) {
        String prefix = folder.isEmpty() || folder.endsWith("/") ? folder : folder + "/";
        List<Resource> out = new ArrayList<>();
        Enumeration<JarEntry> entries = file.entries();
        while (entries.hasMoreElements()) {
            JarEntry entry = entries.nextElement();
            String name = entry.getName();
            if (!entry.isDirectory() && name.startsWith(prefix) && name.length() > prefix.length()) {
                String rel = name.substring(prefix.length());
                Resource.JarStamp stamp = entry.getSize() >= 0 && entry.getCrc() >= 0
                        ? new Resource.JarStamp(file.getName(), entry.getSize(), entry.getCrc()) : null;
                out.add(new Resource(rel, originPrefix + "/" + rel, container, () -> openEntry(file, entry), stamp));
            }
        }
        out.sort(BY_PATH);
        return out;
    }

    /**
     * An entry of a jar the scan holds open; once the scan is over (a large file's COPY rows are read when their
     * statement runs) from the jar opened again, closed with the stream.
     */
    private static InputStream openEntry(JarFile scanned, JarEntry entry) throws IOException {
        try {
            return scanned.getInputStream(entry);
        } catch (IllegalStateException closed) {
            JarFile again = new JarFile(scanned.getName());
            JarEntry same = again.getJarEntry(entry.getName());
            if (same == null) {
                again.close();
                throw new IOException(entry.getName() + " is no longer in " + scanned.getName());
            }
            return new java.io.FilterInputStream(again.getInputStream(same)) {
                @Override
                public void close() throws IOException {
                    try {
                        super.close();
                    } finally {
                        again.close();
                    }
                }
            };
        }
    }

    /**
     * Reads a jar URL without its URL handler: opens the outermost jar as a file and follows the nested path, in
     * which a segment ending in {@code .jar} is a jar inside the jar (read as a stream) and any other segment a
     * folder. Understands {@code jar:file:/app.jar!/BOOT-INF/classes!/db/migrations},
     * {@code jar:file:/app.jar!/BOOT-INF/lib/lib.jar!/db/migrations} and Boot 3.2's
     * {@code jar:nested:/app.jar/!BOOT-INF/classes/!/db/migrations}.
     */
    List<Resource> scanJarSpec(String spec, String originPrefix) throws IOException {
        if (!spec.startsWith("jar:")) {
            throw new IOException("not a jar URL: " + spec);
        }
        String inner = spec.substring("jar:".length());
        Path outer;
        List<String> segments;
        if (inner.startsWith("nested:")) {
            String rest = inner.substring("nested:".length());
            int bang = rest.indexOf("/!");
            if (bang < 0) {
                throw new IOException("not a nested jar URL: " + spec);
            }
            outer = Path.of(URLDecoder.decode(rest.substring(0, bang).replace("+", "%2B"), StandardCharsets.UTF_8));
            segments = new ArrayList<>(Arrays.asList(rest.substring(bang + 2).split("!/", -1)));
        } else {
            List<String> parts = new ArrayList<>(Arrays.asList(inner.split("!/", -1)));
            try {
                outer = Path.of(new URI(parts.remove(0)));
            } catch (URISyntaxException | IllegalArgumentException e) {
                throw new IOException("unusable jar URL " + spec, e);
            }
            segments = parts;
        }
        // Every segment but the last is a container (a folder or a nested jar); the last is the folder we list.
        JarFile file = new JarFile(outer.toFile());
        open.add(file);
        String prefix = "";
        for (int i = 0; i < segments.size() - 1; i++) {
            String segment = trimSlashes(segments.get(i));
            if (segment.endsWith(".jar")) {
                ZipEntry nested = file.getEntry(prefix + segment);
                if (nested == null) {
                    throw new IOException("no " + prefix + segment + " in " + outer);
                }
                String folder = joinRemaining(segments, i + 1);
                try (InputStream in = file.getInputStream(nested)) {
                    return readJarStream(in, folder, originPrefix, spec);
                }
            }
            prefix += segment.isEmpty() ? "" : segment + "/";
        }
        String last = segments.isEmpty() ? "" : trimSlashes(segments.get(segments.size() - 1));
        return walkJar(file, prefix + last, originPrefix, spec);
    }

    /** Reads the files of a folder in a jar that is itself inside a jar; a stream allows no later reads, so read now. */
    private static List<Resource> readJarStream(InputStream in, String folder, String originPrefix, String container)
            throws IOException {
        if (folder.contains("!/")) {
            throw new IOException("jars nested more than one level deep are not supported: " + container);
        }
        String prefix = folder.isEmpty() ? "" : folder + "/";
        List<Resource> out = new ArrayList<>();
        try (JarInputStream jar = new JarInputStream(in)) {
            for (JarEntry entry = jar.getNextJarEntry(); entry != null; entry = jar.getNextJarEntry()) {
                String name = entry.getName();
                if (!entry.isDirectory() && name.startsWith(prefix) && name.length() > prefix.length()) {
                    String rel = name.substring(prefix.length());
                    byte[] bytes = jar.readAllBytes();
                    out.add(new Resource(rel, originPrefix + "/" + rel, container, () -> new ByteArrayInputStream(bytes)));
                }
            }
        }
        out.sort(BY_PATH);
        return out;
    }

    private static String joinRemaining(List<String> segments, int from) {
        List<String> rest = new ArrayList<>();
        for (String s : segments.subList(from, segments.size())) {
            String t = trimSlashes(s);
            if (!t.isEmpty()) {
                rest.add(t);
            }
        }
        return String.join("!/", rest);
    }

    private static String trimSlashes(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && s.charAt(start) == '/') {
            start++;
        }
        while (end > start && s.charAt(end - 1) == '/') {
            end--;
        }
        return s.substring(start, end);
    }

    /** Closes the jars opened by the scans; call it after the layouts have read their files. */
    @Override
    public void close() {
        for (Closeable c : open) {
            try {
                c.close();
            } catch (IOException ignored) {
                // Nothing was written; a failed close of a read-only jar loses nothing.
            }
        }
        open.clear();
    }
}
