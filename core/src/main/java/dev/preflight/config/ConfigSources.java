package dev.preflight.config;

import dev.preflight.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URL;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeSet;

/**
 * Reads the raw settings of each source as written, before anything is checked against the keys: the
 * classpath {@code preflight.properties}, the config file, system properties and arguments (agent arguments
 * are split by {@link AgentArguments} first; a null argument value counts as blank). The environment is
 * read by {@link Settings}, because which key a {@code PREFLIGHT_*} name means depends on the repos, which
 * the other sources decide.
 */
final class ConfigSources {

    static final String CLASSPATH_FILE = "preflight.properties";

    private static final Logger LOG = LoggerFactory.getLogger(ConfigSources.class);

    private ConfigSources() {
    }

    /**
     * One setting as a source gave it.
     *
     * @param key     the key without {@code preflight.} prefix, e.g. {@code audit.url}
     * @param written the key as the user wrote it, e.g. {@code preflight.audit.url} or {@code PREFLIGHT_AUDIT_URL}
     * @param origin  where, for messages: {@code env PREFLIGHT_URL}, {@code file /etc/app/preflight.properties}
     */
    record Raw(String key, String written, String value, Source source, String origin) {

        @Override
        public String toString() {
            // A raw value may be a password; nothing here may print it.
            return written + " (" + origin + ")";
        }
    }

    /** The first {@code preflight.properties} of {@code loader}; a second one is ignored with a warning. */
    static List<Raw> classpath(ClassLoader loader) {
        List<URL> found;
        try {
            found = Collections.list(loader.getResources(CLASSPATH_FILE));
        } catch (IOException e) {
            throw new ConfigException("Cannot list " + CLASSPATH_FILE + " on the classpath: " + e.getMessage(), e);
        }
        if (found.isEmpty()) {
            return List.of();
        }
        if (found.size() > 1) {
            LOG.warn("Several {} on the classpath; reading only the first, {}, and ignoring {}",
                    CLASSPATH_FILE, found.get(0), found.subList(1, found.size()));
        }
        URL url = found.get(0);
        String origin = "classpath " + url;
        try (InputStream in = url.openStream()) {
            return properties(in, Source.CLASSPATH, origin);
        } catch (IOException e) {
            throw unreadable(origin, e);
        }
    }

    /**
     * The config file named by {@code namedBy} (the {@code config} setting that won).
     *
     * @throws ConfigException naming the path when it does not exist or cannot be read
     */
    static List<Raw> file(Raw namedBy) {
        Path path;
        try {
            path = Path.of(namedBy.value().strip()).toAbsolutePath();
        } catch (InvalidPathException e) {
            throw new ConfigException(Messages.invalid(ConfigKeys.CONFIG.name(), namedBy.origin(), namedBy.value(),
                    "not a file path: " + e.getReason()));
        }
        if (!Files.isRegularFile(path)) {
            throw new ConfigException("Config file " + path
                    + (Files.exists(path) ? " is not a file" : " does not exist") + " (named by " + namedBy.origin() + "); create it or correct the path");
        }
        String origin = "file " + path;
        try (InputStream in = Files.newInputStream(path)) {
            return properties(in, Source.FILE, origin);
        } catch (IOException e) {
            throw unreadable(origin, e);
        }
    }

    /** The {@code preflight.*} system properties, prefix removed. */
    static List<Raw> system(Properties system) {
        List<Raw> raws = new ArrayList<>();
        for (String name : new TreeSet<>(system.stringPropertyNames())) {
            if (name.startsWith(ConfigKeys.PREFIX)) {
                raws.add(new Raw(name.substring(ConfigKeys.PREFIX.length()), name, system.getProperty(name),
                        Source.SYSTEM, "-D" + name));
            }
        }
        return raws;
    }

    /** Agent arguments, CLI options or embedding settings: keys without prefix. */
    static List<Raw> arguments(Map<String, String> arguments) {
        List<Raw> raws = new ArrayList<>();
        arguments.forEach((key, value) -> raws.add(new Raw(Objects.requireNonNull(key, "argument key"), key,
                value == null ? "" : value, Source.ARGUMENT, "argument " + key)));
        return raws;
    }

    /** The application's own configuration's settings, each with the property and origin it names. */
    static List<Raw> application(List<ApplicationSetting> settings) {
        return settings.stream().map(s -> new Raw(s.key(), s.property(), s.value(), Source.APPLICATION, s.origin()))
                .toList();
    }

    /** Keys may be written with or without the {@code preflight.} prefix, so a file can be copied from -D flags. */
    private static List<Raw> properties(InputStream in, Source source, String origin) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder())) {
            properties.load(reader);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("Cannot read " + origin + ": " + e.getMessage());
        }
        Map<String, Raw> byKey = new LinkedHashMap<>();
        for (String written : new TreeSet<>(properties.stringPropertyNames())) {
            String key = written.startsWith(ConfigKeys.PREFIX)
                    ? written.substring(ConfigKeys.PREFIX.length())
                    : written;
            Raw previous = byKey.put(key, new Raw(key, written, properties.getProperty(written), source, origin));
            if (previous != null) {
                throw new ConfigException("`" + key + "` is set twice in " + origin + ", as `" + previous.written()
                        + "` and `" + written + "`; keep one");
            }
        }
        return List.copyOf(byKey.values());
    }

    private static ConfigException unreadable(String origin, IOException e) {
        String reason = e instanceof CharacterCodingException
                ? "it is not UTF-8 text"
                : String.valueOf(e.getMessage());
        return new ConfigException("Cannot read " + origin + ": " + reason, e);
    }
}
