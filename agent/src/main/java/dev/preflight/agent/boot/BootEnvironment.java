package dev.preflight.agent.boot;

import dev.preflight.ConfigException;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * A Spring Boot application's properties as Boot would resolve them before it starts, highest precedence first:
 * command-line arguments ({@code --spring.datasource.url=...}), {@code SPRING_APPLICATION_JSON} (or
 * {@code -Dspring.application.json}), system properties, the environment, then the application files: outside the
 * jar ({@code ./config/*}{@code /}, {@code ./config/}, {@code ./}) before inside it ({@code classpath:/config/},
 * {@code classpath:/}), profile-specific files ({@code application-<profile>}, the last active profile first) before
 * plain ones, {@code .properties} before {@code .yml}. Profiles come from {@code spring.profiles.active} (else
 * {@code spring.profiles.default}), with {@code spring.profiles.include} and {@code spring.profiles.group.*};
 * {@code spring.config.name}, {@code spring.config.location} and {@code spring.config.additional-location} move the
 * files; {@code ${placeholders}} (with {@code :defaults}) are resolved. {@code spring.config.import} is not followed.
 *
 * <pre>{@code
 * BootEnvironment boot = BootEnvironment.load(loader, System.getenv(), System.getProperties(), args, Path.of(""));
 * boot.get("spring.datasource.url")   // Optional[BootValue(jdbc:postgresql://db/app, classpath:application-prod.yml)]
 * }</pre>
 */
final class BootEnvironment {

    private static final List<List<String>> DEFAULT_LOCATIONS = List.of(
            List.of("classpath:/", "classpath:/config/"),
            List.of("file:./", "file:./config/", "file:./config/*/"));
    private static final int MAX_PLACEHOLDER_DEPTH = 32;

    /** Highest precedence first. */
    private final List<PropertySource> sources;
    private final List<String> profiles;

    private BootEnvironment(List<PropertySource> sources, List<String> profiles) {
        this.sources = List.copyOf(sources);
        this.profiles = List.copyOf(profiles);
    }

    /**
     * @param arguments the application's command-line arguments ({@code --name=value} are Boot's properties)
     * @param workDir   where {@code ./config/} and {@code ./} are: the working directory
     */
    static BootEnvironment load(ClassLoader loader, Map<String, String> env, Properties system, List<String> arguments,
                                Path workDir) {
        List<PropertySource> base = new ArrayList<>();
        Map<String, String> commandLine = commandLine(arguments);
        base.add(PropertySource.of(commandLine, name -> "command line --" + name));
        PropertySource systemProperties = PropertySource.of(properties(system), name -> "-D" + name);
        PropertySource environment = PropertySource.environment(env);
        json(List.of(base.get(0), systemProperties, environment)).ifPresent(base::add);
        base.add(systemProperties);
        base.add(environment);
        BootEnvironment early = new BootEnvironment(base, List.of());

        String name = early.get("spring.config.name").map(BootValue::text).orElse("application");
        List<List<String>> locations = new ArrayList<>(early.list("spring.config.location")
                .map(BootEnvironment::groups).orElse(DEFAULT_LOCATIONS));
        early.list("spring.config.additional-location").map(BootEnvironment::groups).ifPresent(locations::addAll);

        ConfigFiles files = new ConfigFiles(loader, workDir);
        List<List<ConfigDocument>> plain = new ArrayList<>();
        List<PropertySource> decidingProfiles = new ArrayList<>(base);
        for (List<String> group : locations) {
            List<ConfigDocument> documents = new ArrayList<>();
            group.forEach(location -> documents.addAll(files.read(location, name, null)));
            plain.add(documents);
            // Lower precedence than what is already there: later groups win, so insert after the base sources.
            List<PropertySource> unconditional = documents.stream().filter(d -> !d.hasActivation())
                    .map(ConfigDocument::properties).toList();
            decidingProfiles.addAll(base.size(), reversed(unconditional));
        }
        List<String> profiles = profiles(new BootEnvironment(decidingProfiles, List.of()));
        String platform = cloudPlatform(env);

        List<PropertySource> lowestFirst = new ArrayList<>();
        for (int g = 0; g < locations.size(); g++) {
            for (ConfigDocument document : plain.get(g)) {
                if (document.isActive(profiles, platform)) {
                    lowestFirst.add(document.properties());
                }
            }
            for (String profile : profiles) {
                for (String location : locations.get(g)) {
                    for (ConfigDocument document : files.read(location, name, profile)) {
                        if (document.isActive(profiles, platform)) {
                            lowestFirst.add(document.properties());
                        }
                    }
                }
            }
        }
        List<PropertySource> all = new ArrayList<>(base);
        all.addAll(reversed(lowestFirst));
        return new BootEnvironment(all, profiles);
    }

    /** The active profiles, in Boot's order (the last wins). */
    List<String> profiles() {
        return profiles;
    }

    /** The value of {@code name} from the highest source that has it, placeholders resolved. */
    Optional<BootValue> get(String name) {
        return raw(name).map(value -> new BootValue(resolve(value.text(), name, value.origin(), 0), value.origin()));
    }

    /**
     * A list, from the highest source that has it: comma-separated ({@code a,b}) or indexed ({@code name[0]}, YAML's
     * {@code - a}); each element placeholder-resolved and stripped, joined with commas.
     */
    Optional<BootValue> list(String name) {
        for (PropertySource source : sources) {
            Optional<BootValue> whole = source.get(name);
            List<String> items = new ArrayList<>();
            String origin = whole.map(BootValue::origin).orElse(null);
            if (whole.isPresent()) {
                Arrays.stream(whole.get().text().split(",")).map(String::strip).filter(s -> !s.isEmpty())
                        .forEach(items::add);
            } else {
                for (int i = 0; ; i++) {
                    Optional<BootValue> item = source.get(name + "[" + i + "]");
                    if (item.isEmpty()) {
                        break;
                    }
                    origin = item.get().origin();
                    items.add(item.get().text().strip());
                }
            }
            if (origin != null) {
                String at = origin;
                List<String> resolved = items.stream().map(item -> resolve(item, name, at, 0)).toList();
                return Optional.of(new BootValue(String.join(",", resolved), origin));
            }
        }
        return Optional.empty();
    }

    private Optional<BootValue> raw(String name) {
        for (PropertySource source : sources) {
            Optional<BootValue> value = source.get(name);
            if (value.isPresent()) {
                return value;
            }
        }
        return Optional.empty();
    }

    /** Spring's {@code ${name}} and {@code ${name:default}}, nested; {@code \${} stays literal. */
    private String resolve(String text, String property, String origin, int depth) {
        if (depth > MAX_PLACEHOLDER_DEPTH) {
            throw new ConfigException(property + " (" + origin + ") has placeholders that refer to each other in a"
                    + " circle");
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith("\\${", i)) {
                out.append("${");
                i += 3;
                continue;
            }
            if (!text.startsWith("${", i)) {
                out.append(text.charAt(i++));
                continue;
            }
            int end = closingBrace(text, i + 2);
            if (end < 0) {
                out.append(text, i, text.length());
                break;
            }
            String inner = resolve(text.substring(i + 2, end), property, origin, depth + 1);
            int colon = inner.indexOf(':');
            String key = colon < 0 ? inner : inner.substring(0, colon);
            Optional<BootValue> value = raw(key);
            if (value.isPresent()) {
                out.append(resolve(value.get().text(), key, value.get().origin(), depth + 1));
            } else if (colon >= 0) {
                out.append(inner.substring(colon + 1));
            } else {
                throw new ConfigException(property + " (" + origin + ") uses ${" + key + "}, which is set nowhere"
                        + " Spring Boot reads before it starts (command line, SPRING_APPLICATION_JSON, -D, environment,"
                        + " application files): set it, or give Preflight its own url (PREFLIGHT_URL, -Dpreflight.url)");
            }
            i = end + 1;
        }
        return out.toString();
    }

    private static int closingBrace(String text, int from) {
        int depth = 1;
        for (int i = from; i < text.length(); i++) {
            if (text.startsWith("${", i)) {
                depth++;
                i++;
            } else if (text.charAt(i) == '}' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /** Active (with includes before them) else default profiles, each followed by its group's members. */
    private static List<String> profiles(BootEnvironment deciding) {
        Set<String> active = new LinkedHashSet<>();
        // Included profiles come from every source, before the active ones, as in Boot's Profiles.
        for (PropertySource source : deciding.sources) {
            new BootEnvironment(List.of(source), List.of()).list("spring.profiles.include")
                    .ifPresent(include -> active.addAll(split(include.text())));
        }
        deciding.list("spring.profiles.active").ifPresent(value -> active.addAll(split(value.text())));
        if (active.isEmpty()) {
            active.addAll(deciding.list("spring.profiles.default").map(value -> split(value.text()))
                    .orElse(List.of("default")));
        }
        Deque<String> stack = new ArrayDeque<>(active);
        Set<String> expanded = new LinkedHashSet<>();
        while (!stack.isEmpty()) {
            String profile = stack.pop();
            if (expanded.add(profile)) {
                List<String> members = deciding.list("spring.profiles.group." + profile).map(v -> split(v.text()))
                        .orElse(List.of());
                reversed(members).forEach(stack::push);
            }
        }
        return new ArrayList<>(expanded);
    }

    /** Boot's own test of where it runs, for {@code spring.config.activate.on-cloud-platform}. */
    private static String cloudPlatform(Map<String, String> env) {
        if (env.containsKey("KUBERNETES_SERVICE_HOST") && env.containsKey("KUBERNETES_SERVICE_PORT")) {
            return "kubernetes";
        }
        if (env.containsKey("VCAP_APPLICATION") || env.containsKey("VCAP_SERVICES")) {
            return "cloud_foundry";
        }
        return env.containsKey("DYNO") ? "heroku" : null;
    }

    private static Map<String, String> commandLine(List<String> arguments) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String argument : arguments) {
            if (argument.startsWith("--") && argument.length() > 2) {
                int equals = argument.indexOf('=');
                options.put(equals < 0 ? argument.substring(2) : argument.substring(2, equals),
                        equals < 0 ? "" : argument.substring(equals + 1));
            }
        }
        return options;
    }

    /** {@code spring.application.json} from the highest of command line and -D, else {@code SPRING_APPLICATION_JSON}. */
    private static Optional<PropertySource> json(List<PropertySource> where) {
        for (PropertySource source : where) {
            Optional<BootValue> json = source.get("spring.application.json");
            if (json.isPresent() && !json.get().text().isBlank()) {
                // JSON is YAML's flow style, so Boot's structures flatten the same way.
                List<ConfigDocument> documents = ConfigDocument.parse(json.get().text(), true, json.get().origin());
                return documents.isEmpty() ? Optional.empty() : Optional.of(documents.get(0).properties());
            }
        }
        return Optional.empty();
    }

    private static Map<String, String> properties(Properties system) {
        Map<String, String> map = new LinkedHashMap<>();
        system.stringPropertyNames().forEach(name -> map.put(name, system.getProperty(name)));
        return map;
    }

    /** {@code a;b,c}: groups separated by commas, locations of one group by semicolons. */
    private static List<List<String>> groups(BootValue value) {
        return Arrays.stream(value.text().split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .map(group -> Arrays.stream(group.split(";")).map(String::strip).filter(s -> !s.isEmpty()).toList())
                .toList();
    }

    private static List<String> split(String list) {
        return Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static <T> List<T> reversed(List<T> list) {
        List<T> copy = new ArrayList<>(list);
        Collections.reverse(copy);
        return copy;
    }
}
