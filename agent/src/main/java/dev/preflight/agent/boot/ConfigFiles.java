package dev.preflight.agent.boot;

import dev.preflight.ConfigException;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds Spring Boot's application files where Boot looks for them and reads their documents. A location is as in
 * {@code spring.config.location}: {@code classpath:/config/}, {@code file:./config/}, {@code file:./config/*}{@code /}
 * (every folder in it), a plain path (a file path, as Boot reads it) or a single file; {@code optional:} is accepted
 * and every location is optional here (Boot itself fails on a missing one that is not).
 *
 * <pre>{@code
 * new ConfigFiles(loader, Path.of("")).read("classpath:/", "application", "prod")
 * // the documents of application-prod.yml, then application-prod.properties (which wins), in the application's jar
 * }</pre>
 */
final class ConfigFiles {

    /** In the order of increasing precedence: Boot prefers .properties when both exist in one folder. */
    private static final List<String> EXTENSIONS = List.of("yaml", "yml", "properties");

    private final ClassLoader loader;
    private final Path workDir;

    ConfigFiles(ClassLoader loader, Path workDir) {
        this.loader = loader;
        this.workDir = workDir;
    }

    /**
     * The documents of {@code name} (or {@code name-profile} when {@code profile} is not null) at {@code location},
     * lowest precedence first.
     */
    List<ConfigDocument> read(String location, String name, String profile) {
        String where = location.startsWith("optional:") ? location.substring("optional:".length()) : location;
        List<ConfigDocument> documents = new ArrayList<>();
        if (where.startsWith("classpath:")) {
            String path = where.substring("classpath:".length()).replaceFirst("^/+", "");
            for (String file : files(path, name, profile)) {
                URL url = loader.getResource(file);
                if (url != null) {
                    documents.addAll(parse(url, file, "classpath:" + file));
                }
            }
            return documents;
        }
        String path = where.startsWith("file:") ? where.substring("file:".length()) : where;
        for (String folderOrFile : expand(path)) {
            for (String file : files(folderOrFile, name, profile)) {
                Path resolved = workDir.resolve(file).normalize();
                if (Files.isRegularFile(resolved)) {
                    documents.addAll(parse(resolved, "file " + Path.of(file).normalize()));
                }
            }
        }
        return documents;
    }

    /**
     * A folder ({@code config/}) gives its {@code name[-profile]} with each extension; a named file gives itself, or
     * its profile variant ({@code app.yml} -> {@code app-prod.yml}).
     */
    private static List<String> files(String path, String name, String profile) {
        String base = profile == null ? name : name + "-" + profile;
        if (path.isEmpty() || path.endsWith("/")) {
            return EXTENSIONS.stream().map(extension -> path + base + "." + extension).toList();
        }
        int dot = path.lastIndexOf('.');
        if (profile == null) {
            return List.of(path);
        }
        return List.of(dot < 0 ? path + "-" + profile : path.substring(0, dot) + "-" + profile + path.substring(dot));
    }

    /** {@code config/*}{@code /}: each folder inside config, by name; any other location as it is. */
    private List<String> expand(String path) {
        if (!path.endsWith("*/")) {
            return List.of(path);
        }
        String parentPath = path.substring(0, path.length() - 2);
        Path parent = workDir.resolve(parentPath);
        if (!Files.isDirectory(parent)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(parent)) {
            return children.filter(Files::isDirectory).map(dir -> parentPath + dir.getFileName() + "/").sorted()
                    .toList();
        } catch (IOException e) {
            throw new ConfigException("Cannot list " + parent + ": " + e.getMessage(), e);
        }
    }

    private static List<ConfigDocument> parse(URL url, String file, String origin) {
        try (InputStream in = url.openStream()) {
            return ConfigDocument.parse(new String(in.readAllBytes(), charset(file)), isYaml(file), origin);
        } catch (IOException e) {
            throw new ConfigException("Cannot read " + origin + ": " + e.getMessage(), e);
        }
    }

    private static List<ConfigDocument> parse(Path file, String origin) {
        try {
            return ConfigDocument.parse(new String(Files.readAllBytes(file), charset(file.toString())),
                    isYaml(file.toString()), origin);
        } catch (IOException e) {
            throw new ConfigException("Cannot read " + origin + ": " + e.getMessage(), e);
        }
    }

    private static boolean isYaml(String file) {
        return file.endsWith(".yml") || file.endsWith(".yaml");
    }

    /** As Boot reads them: YAML as UTF-8, properties as ISO-8859-1 (with {@code \\u} escapes), as Java does. */
    private static Charset charset(String file) {
        return isYaml(file) ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1;
    }
}
