package dev.preflight.agent.boot;

import dev.preflight.ConfigException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * One document of an application file: a whole {@code application.properties}, or one part of a multi-document file
 * (YAML {@code ---}, properties {@code #---}), flattened to Boot's property names ({@code spring.datasource.url},
 * {@code spring.flyway.locations[0]}). It applies only when its {@code spring.config.activate.on-profile} and
 * {@code on-cloud-platform} say so.
 */
final class ConfigDocument {

    static final String ON_PROFILE = "spring.config.activate.on-profile";
    static final String ON_CLOUD_PLATFORM = "spring.config.activate.on-cloud-platform";

    private final String origin;
    private final PropertySource properties;

    private ConfigDocument(String origin, Map<String, String> flat) {
        this.origin = origin;
        this.properties = PropertySource.of(flat, name -> origin);
    }

    /** Where it is, e.g. {@code classpath:application.yml} or {@code file config/application.yml (document 2)}. */
    String origin() {
        return origin;
    }

    PropertySource properties() {
        return properties;
    }

    /** Whether it says when it applies: such a document cannot decide which profiles are active. */
    boolean hasActivation() {
        return properties.get(ON_PROFILE).isPresent() || properties.get(ON_CLOUD_PLATFORM).isPresent();
    }

    /** Whether it applies with these profiles on this cloud platform (null: none detected). */
    boolean isActive(List<String> profiles, String cloudPlatform) {
        Optional<BootValue> onProfile = properties.get(ON_PROFILE);
        if (onProfile.isPresent() && !ProfileExpression.matches(onProfile.get().text(), profiles, origin)) {
            return false;
        }
        Optional<BootValue> onPlatform = properties.get(ON_CLOUD_PLATFORM);
        return onPlatform.isEmpty() || onPlatform.get().text().strip().replace("-", "_")
                .equalsIgnoreCase(String.valueOf(cloudPlatform));
    }

    /** The documents of a file's text, in order; {@code yaml} tells the format. */
    static List<ConfigDocument> parse(String text, boolean yaml, String origin) {
        List<Map<String, String>> flat = yaml ? yaml(text, origin) : properties(text, origin);
        List<ConfigDocument> documents = new ArrayList<>();
        for (int i = 0; i < flat.size(); i++) {
            String where = flat.size() == 1 ? origin : origin + " (document " + (i + 1) + ")";
            documents.add(new ConfigDocument(where, flat.get(i)));
        }
        return documents;
    }

    private static List<Map<String, String>> yaml(String text, String origin) {
        // The safe constructor builds only plain maps, lists and scalars: a file cannot make us instantiate classes.
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        List<Map<String, String>> documents = new ArrayList<>();
        try {
            for (Object document : yaml.loadAll(new StringReader(text))) {
                if (document == null) {
                    continue; // an empty document between two ---
                }
                if (!(document instanceof Map<?, ?> map)) {
                    throw new ConfigException("Cannot read " + origin + ": a document is not a map of properties");
                }
                Map<String, String> flat = new LinkedHashMap<>();
                flatten("", map, flat);
                documents.add(flat);
            }
        } catch (YAMLException e) {
            throw new ConfigException("Cannot read " + origin + " as YAML: " + e.getMessage(), e);
        }
        return documents;
    }

    private static void flatten(String prefix, Object value, Map<String, String> into) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, child) -> flatten(prefix.isEmpty() ? String.valueOf(key) : prefix + "." + key, child,
                    into));
        } else if (value instanceof List<?> list) {
            if (list.isEmpty()) {
                into.put(prefix, "");
            }
            for (int i = 0; i < list.size(); i++) {
                flatten(prefix + "[" + i + "]", list.get(i), into);
            }
        } else {
            // Boot reads an empty value (`password:`) as an empty string.
            into.put(prefix, value == null ? "" : String.valueOf(value));
        }
    }

    /** Boot's multi-document properties: documents separated by a line {@code #---} or {@code !---}. */
    private static List<Map<String, String>> properties(String text, String origin) {
        List<Map<String, String>> documents = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        for (String line : (text + "\n#---").split("\r?\n", -1)) {
            if (!line.equals("#---") && !line.equals("!---")) {
                part.append(line).append('\n');
                continue;
            }
            Properties properties = new Properties();
            try {
                properties.load(new StringReader(part.toString()));
            } catch (IOException | IllegalArgumentException e) {
                throw new ConfigException("Cannot read " + origin + ": " + e.getMessage(), e);
            }
            if (!properties.isEmpty()) {
                Map<String, String> flat = new LinkedHashMap<>();
                properties.stringPropertyNames().forEach(name -> flat.put(name, properties.getProperty(name)));
                documents.add(flat);
            }
            part.setLength(0);
        }
        return documents;
    }
}
