package dev.preflight.config;

import dev.preflight.ConfigException;
import dev.preflight.config.ConfigKey.Scope;
import dev.preflight.config.ConfigSources.Raw;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The effective value of every key, each with the source it came from: what
 * {@link dev.preflight.PreflightConfig} is built from. Internal; use {@code PreflightConfig}.
 *
 * <pre>{@code
 * Settings settings = Settings.load(loader, System.getenv(), System.getProperties(), Map.of("lint", "error"));
 * settings.repo("main", ConfigKeys.LINT).value();   // "error"
 * settings.describe();                              // "lint=error (argument)" among others
 * }</pre>
 *
 * <p>Sources, later wins: defaults, {@code preflight.properties} on the class loader, the file named by
 * {@code config}, the environment, {@code preflight.*} system properties, arguments. A blank value resets
 * its key to the default. For a repo key the repo's own {@code <repo>.<key>} beats the plain {@code <key>}
 * whatever their sources; among equals the later source wins, and an explicit {@code user}/{@code password}
 * beats one inside a URL of the same source.
 */
public final class Settings {

    private static final Logger LOG = LoggerFactory.getLogger(Settings.class);
    private static final String DATABASE_URL = "DATABASE_URL";
    /** Our own test suites' variables (PREFLIGHT_TEST_JDBC_URL) share the prefix; they are not settings. */
    private static final String TEST_ENV_PREFIX = "PREFLIGHT_TEST_";
    /** Read by bin/preflight (the launcher and rpc), not settings: never warned about. */
    private static final Set<String> LAUNCHER_ENV = Set.of("PREFLIGHT_CLASSPATH", "PREFLIGHT_JAR",
            "PREFLIGHT_RPC_PASSWORD", "PREFLIGHT_RPC_TRUST_PASSWORD");
    /** Literal loopback addresses only: resolving a host name while reading the configuration could hang. */
    private static final Pattern LOOPBACK =
            Pattern.compile("localhost|127(\\.\\d{1,3}){3}|::1|\\[::1]|0:0:0:0:0:0:0:1", Pattern.CASE_INSENSITIVE);

    /**
     * The effective value of one key.
     *
     * @param name   the key as shown: {@code lock-timeout}, or {@code audit.lock-timeout} for a repo's value
     * @param text   the value as text (a {@code postgres://} url already converted), null when unset
     * @param value  the typed value ({@code String}, {@code Integer}, {@code Boolean}, {@code Duration},
     *               {@code Optional<Duration>}, {@code List<String>}), null when unset
     * @param origin where exactly, e.g. {@code env PREFLIGHT_URL}, {@code file /etc/app/preflight.properties}
     * @param via    for a value taken out of a URL: {@code url} or {@code DATABASE_URL}; else null
     */
    public record Setting(String name, ConfigKey key, String text, Object value, Source source, String origin,
                          String via) {

        /** The text as it may be shown: passwords as {@code *****}, URLs masked, {@code <not set>} when unset. */
        public String shown() {
            return text == null ? "<not set>" : key.shown(text);
        }

        @Override
        public String toString() {
            return name + "=" + shown();
        }
    }

    private final List<String> repos;
    private final Map<ConfigKey, Setting> globals;
    private final Map<String, Map<ConfigKey, Setting>> byRepo;

    private Settings(List<String> repos, Map<ConfigKey, Setting> globals,
                     Map<String, Map<ConfigKey, Setting>> byRepo) {
        this.repos = List.copyOf(repos);
        this.globals = Map.copyOf(globals);
        this.byRepo = Map.copyOf(byRepo);
    }

    /**
     * Reads every source.
     *
     * @param loader    where {@code preflight.properties} is looked up; null to skip it
     * @param env       the environment ({@code System.getenv()} outside tests)
     * @param system    the system properties; only {@code preflight.*} are read
     * @param arguments agent arguments or CLI options, keys without prefix
     * @throws ConfigException listing every unknown key and invalid value, with their sources
     */
    public static Settings load(ClassLoader loader, Map<String, String> env, Properties system,
                                Map<String, String> arguments) {
        return load(loader, env, system, arguments, List.of());
    }

    /**
     * Reads every source, with settings of the application's own configuration below all of them, for the first
     * repo only ({@link ApplicationSetting}).
     */
    public static Settings load(ClassLoader loader, Map<String, String> env, Properties system,
                                Map<String, String> arguments, List<ApplicationSetting> application) {
        List<ApplicationSetting> fallbacks = application == null ? List.of() : application;
        for (ApplicationSetting setting : fallbacks) {
            if (ConfigKeys.find(setting.key()).filter(k -> k.scope() == Scope.REPO).isEmpty()) {
                throw new IllegalArgumentException("`" + setting.key() + "` is not a repo key");
            }
        }
        return new Loader(loader, env == null ? Map.of() : env, system == null ? new Properties() : system,
                arguments == null ? Map.of() : arguments, fallbacks, List.of()).load();
    }

    /**
     * Exactly the settings of the application's own configuration system (a Spring Boot Environment's
     * {@code preflight.*}, already in the application's precedence), over the defaults; errors name each setting's
     * property and origin ({@code Unknown key `preflight.lock-wiat` in class path resource [application.yml]}).
     */
    public static Settings fromApplication(List<ApplicationSetting> settings) {
        return new Loader(null, Map.of(), new Properties(), Map.of(), List.of(), ConfigSources.application(settings))
                .load();
    }

    /** Repository names, the first being the default. */
    public List<String> repos() {
        return repos;
    }

    /** The value of a global key. */
    public Setting global(ConfigKey key) {
        if (key.scope() != Scope.GLOBAL) {
            throw new IllegalArgumentException(key + " is set per repo; use repo(name, key)");
        }
        return globals.get(key);
    }

    /** The value of a repo key for {@code repo}, one of {@link #repos()}. */
    public Setting repo(String repo, ConfigKey key) {
        Map<ConfigKey, Setting> settings = byRepo.get(repo);
        if (settings == null || key.scope() != Scope.REPO) {
            throw new IllegalArgumentException("no setting " + repo + "." + key);
        }
        return settings.get(key);
    }

    /**
     * Every effective value in documentation order, one per line with its source, passwords masked:
     * {@code lock-timeout=10s (env)}, {@code user=app (env, from DATABASE_URL)}. With one repo its keys are
     * shown plain ({@code url}), with several prefixed ({@code audit.url}).
     */
    public String describe() {
        return effective().stream()
                .map(s -> s + " (" + s.source().label() + (s.via() == null ? "" : ", from " + s.via()) + ")")
                .collect(Collectors.joining(System.lineSeparator()));
    }

    /** Like {@link #describe()} on one line without the sources. */
    @Override
    public String toString() {
        return effective().stream().map(Setting::toString).collect(Collectors.joining(", "));
    }

    private List<Setting> effective() {
        List<Setting> all = new ArrayList<>();
        all.add(globals.get(ConfigKeys.REPOS));
        for (String repo : repos) {
            for (ConfigKey key : ConfigKeys.of(Scope.REPO)) {
                Setting setting = byRepo.get(repo).get(key);
                all.add(repos.size() == 1 ? rename(setting, key.name()) : setting);
            }
        }
        for (ConfigKey key : ConfigKeys.of(Scope.GLOBAL)) {
            if (key != ConfigKeys.REPOS) {
                all.add(globals.get(key));
            }
        }
        return all;
    }

    private static Setting rename(Setting s, String name) {
        return new Setting(name, s.key(), s.text(), s.value(), s.source(), s.origin(), s.via());
    }

    /** One load: collects every problem, so a user fixes them in one round, then throws them together. */
    private static final class Loader {

        private final ClassLoader classLoader;
        private final Map<String, String> env;
        private final Properties system;
        private final Map<String, String> arguments;
        private final List<ApplicationSetting> application;
        /** The application's own configuration as a source of its own (below the others): {@link #fromApplication}. */
        private final List<Raw> applicationRaws;
        private final List<String> problems = new ArrayList<>();

        /** Every accepted key name, plain and repo-prefixed, to its key. */
        private final Map<String, ConfigKey> known = new LinkedHashMap<>();
        private final Map<String, Raw> merged = new LinkedHashMap<>();
        private final Map<String, Object> parsed = new LinkedHashMap<>();
        private List<String> repos;
        private Raw databaseUrl;

        Loader(ClassLoader classLoader, Map<String, String> env, Properties system, Map<String, String> arguments,
               List<ApplicationSetting> application, List<Raw> applicationRaws) {
            this.classLoader = classLoader;
            this.env = env;
            this.system = system;
            this.arguments = arguments;
            this.application = application;
            this.applicationRaws = applicationRaws;
        }

        Settings load() {
            List<Raw> classpath = classLoader == null ? List.of() : ConfigSources.classpath(classLoader);
            List<Raw> systemRaws = ConfigSources.system(system);
            List<Raw> argumentRaws = ConfigSources.arguments(arguments);

            Raw configRaw = last(find(applicationRaws, ConfigKeys.CONFIG), envRaw(ConfigKeys.CONFIG),
                    find(systemRaws, ConfigKeys.CONFIG),
                    find(argumentRaws, ConfigKeys.CONFIG));
            List<Raw> file = configRaw == null || configRaw.value().isBlank()
                    ? List.of()
                    : ConfigSources.file(configRaw);
            for (Raw raw : concat(classpath, file)) {
                if (raw.key().equals(ConfigKeys.CONFIG.name())) {
                    problems.add("`" + raw.written() + "` in " + raw.origin() + " cannot name a config file; set it"
                            + " with -D" + ConfigKeys.CONFIG.systemProperty() + ", " + ConfigKeys.CONFIG.envName()
                            + " or the config argument");
                }
            }

            repos = repoNames(last(find(applicationRaws, ConfigKeys.REPOS), find(classpath, ConfigKeys.REPOS),
                    find(file, ConfigKeys.REPOS),
                    envRaw(ConfigKeys.REPOS), find(systemRaws, ConfigKeys.REPOS),
                    find(argumentRaws, ConfigKeys.REPOS)));
            for (ConfigKey key : ConfigKeys.all()) {
                known.put(key.name(), key);
            }
            for (String repo : repos) {
                for (ConfigKey key : ConfigKeys.of(Scope.REPO)) {
                    known.put(repo + "." + key.name(), key);
                }
            }

            List<Raw> envRaws = environment();
            for (List<Raw> layer : List.of(applicationRaws, classpath, file, envRaws, systemRaws, argumentRaws)) {
                merge(layer);
            }
            for (Raw raw : merged.values()) {
                ConfigKey key = known.get(raw.key());
                try {
                    parsed.put(raw.key(), key.parse(raw.value()));
                } catch (InvalidValueException e) {
                    problems.add(Messages.invalid(raw.key(), raw.origin(), key.shown(raw.value()), e.getMessage()));
                }
            }

            Map<ConfigKey, Setting> globals = new LinkedHashMap<>();
            for (ConfigKey key : ConfigKeys.of(Scope.GLOBAL)) {
                Candidate chosen = explicit(merged.get(key.name()), 0);
                globals.put(key, chosen == null ? byDefault(key, key.name(), key.defaultValue(null, true))
                        : chosen.setting(key.name(), key));
            }
            Map<String, Map<ConfigKey, Setting>> byRepo = new LinkedHashMap<>();
            for (String repo : repos) {
                byRepo.put(repo, resolveRepo(repo, repo.equals(repos.get(0))));
            }
            checkTogether(globals.get(ConfigKeys.JOLOKIA_USER), globals.get(ConfigKeys.JOLOKIA_PASSWORD));
            checkJolokiaBind(globals);

            if (!problems.isEmpty()) {
                throw Messages.combine(problems);
            }
            return new Settings(repos, globals, byRepo);
        }

        private List<String> repoNames(Raw raw) {
            if (raw == null || raw.value().isBlank()) {
                return List.of(ConfigKeys.REPOS.defaultText());
            }
            List<String> names;
            try {
                names = ((List<?>) ConfigKeys.REPOS.parse(raw.value().strip())).stream().map(String.class::cast)
                        .toList();
            } catch (InvalidValueException e) {
                // Thrown at once: without the repos, every repo key would be reported as unknown too.
                throw new ConfigException(Messages.invalid(ConfigKeys.REPOS.name(), raw.origin(), raw.value(),
                        e.getMessage()));
            }
            for (String name : names) {
                String clash = ConfigKeys.of(Scope.REPO).stream().map(key -> name + "." + key.name())
                        .filter(key -> ConfigKeys.find(key).isPresent()).findFirst().orElse(null);
                if (clash != null || name.equals("preflight")) {
                    throw new ConfigException(Messages.invalid(ConfigKeys.REPOS.name(), raw.origin(), raw.value(),
                            "repo name `" + name + "` is reserved ("
                                    + (clash != null ? "`" + clash + "` is a global key" : "it is the key prefix")
                                    + "); choose another name"));
                }
            }
            return names;
        }

        /** The {@code PREFLIGHT_*} variables that name a known key, plus DATABASE_URL kept aside. */
        private List<Raw> environment() {
            Map<String, List<String>> keysByEnvName = new LinkedHashMap<>();
            for (String name : known.keySet()) {
                keysByEnvName.computeIfAbsent(ConfigKeys.envName(name), n -> new ArrayList<>()).add(name);
            }
            List<Raw> raws = new ArrayList<>();
            for (Map.Entry<String, String> variable : new TreeMap<>(env).entrySet()) {
                String name = variable.getKey();
                if (name.equals(DATABASE_URL) && !variable.getValue().isBlank()) {
                    databaseUrl = new Raw(ConfigKeys.URL.name(), name, variable.getValue(), Source.ENV,
                            "env " + name);
                }
                if (!name.startsWith("PREFLIGHT_")) {
                    continue;
                }
                List<String> keys = keysByEnvName.get(name);
                if (keys == null) {
                    if (!name.startsWith(TEST_ENV_PREFIX) && !LAUNCHER_ENV.contains(name)) {
                        // Environments are shared with other tools, so this is not worth failing a start for.
                        LOG.warn("Ignoring environment variable {}: not a Preflight setting{}", name,
                                unknownEnvHint(name, keysByEnvName));
                    }
                } else if (keys.size() > 1) {
                    problems.add("Environment variable " + name + " is ambiguous: it could set any of "
                            + keys.stream().map(k -> "`" + k + "`").collect(Collectors.joining(", "))
                            + "; set the one you mean with -Dpreflight.<key> or in a config file");
                } else {
                    raws.add(new Raw(keys.get(0), name, variable.getValue(), Source.ENV, "env " + name));
                }
            }
            return raws;
        }

        private String unknownEnvHint(String name, Map<String, List<String>> keysByEnvName) {
            Optional<String> typo = Suggestions.closest(name, keysByEnvName.keySet());
            if (typo.isPresent()) {
                return "; did you mean " + typo.get() + "?";
            }
            for (ConfigKey key : ConfigKeys.of(Scope.REPO)) {
                String suffix = ConfigKeys.envName(key.name()).substring("PREFLIGHT".length());
                if (name.endsWith(suffix) && name.length() > "PREFLIGHT_".length() + suffix.length()) {
                    String repo = name.substring("PREFLIGHT_".length(), name.length() - suffix.length())
                            .toLowerCase(Locale.ROOT);
                    return "; if `" + repo + "` is a repo, add it to repos (now: " + String.join(",", repos) + ")";
                }
            }
            return "";
        }

        /** Later layers replace earlier ones; a blank value resets the key to its default. */
        private void merge(List<Raw> layer) {
            for (Raw raw : layer) {
                ConfigKey key = known.get(raw.key());
                if (key == null) {
                    problems.add(unknownKey(raw));
                } else if (raw.value().isBlank()) {
                    merged.remove(raw.key());
                } else {
                    // Spaces around a value are never meant, except in a password.
                    String value = key.secret() ? raw.value() : raw.value().strip();
                    merged.remove(raw.key()); // keeps describe() and messages in the order of precedence
                    merged.put(raw.key(), new Raw(raw.key(), raw.written(), value, raw.source(), raw.origin()));
                }
            }
        }

        private String unknownKey(Raw raw) {
            String where = switch (raw.source()) {
                case SYSTEM -> "system properties";
                case ARGUMENT -> "arguments";
                default -> raw.origin();
            };
            String message = "Unknown key `" + raw.written() + "` in " + where + ": ";
            String key = raw.key();
            if (raw.source() == Source.ARGUMENT && key.startsWith(ConfigKeys.PREFIX)
                    && known.containsKey(key.substring(ConfigKeys.PREFIX.length()))) {
                return message + "write it without the prefix, `" + key.substring(ConfigKeys.PREFIX.length()) + "`";
            }
            int dot = key.indexOf('.');
            if (dot > 0 && ConfigKeys.find(key.substring(dot + 1)).filter(k -> k.scope() == Scope.REPO).isPresent()
                    && Values.REPO_NAME.matcher(key.substring(0, dot)).matches()
                    && !known.containsKey(key)) {
                Optional<String> typo = Suggestions.closest(key.substring(0, dot), repos);
                if (typo.isPresent()) {
                    return message + "did you mean `" + spelled(raw, typo.get() + key.substring(dot)) + "`?";
                }
                return message + "`" + key.substring(0, dot) + "` is not a repo; add it to repos (now: "
                        + String.join(",", repos) + ")";
            }
            return Suggestions.closest(key, known.keySet())
                    .map(suggestion -> message + "did you mean `" + spelled(raw, suggestion) + "`?")
                    .orElseGet(() -> message + "the keys are " + String.join(", ", ConfigKeys.all().stream()
                            .map(ConfigKey::name).toList()) + " and <repo>.<key> for the repo keys");
        }

        /** A suggested key written the way the user wrote theirs: with the prefix if they used it. */
        private static String spelled(Raw raw, String key) {
            return raw.written().startsWith(ConfigKeys.PREFIX) ? ConfigKeys.PREFIX + key : key;
        }

        private Map<ConfigKey, Setting> resolveRepo(String repo, boolean firstRepo) {
            Map<ConfigKey, Setting> settings = new LinkedHashMap<>();
            Candidate url = null;
            for (ConfigKey key : ConfigKeys.of(Scope.REPO)) {
                List<Candidate> candidates = new ArrayList<>();
                candidates.add(explicit(merged.get(repo + "." + key.name()), 1));
                candidates.add(explicit(merged.get(key.name()), 0));
                if (key == ConfigKeys.URL && firstRepo && databaseUrl != null) {
                    candidates.add(fromDatabaseUrl());
                }
                if (firstRepo) {
                    candidates.add(fromApplication(key));
                }
                if ((key == ConfigKeys.USER || key == ConfigKeys.PASSWORD) && url != null) {
                    candidates.add(url.credential(key == ConfigKeys.USER));
                }
                Candidate chosen = best(candidates);
                String name = repo + "." + key.name();
                if (key == ConfigKeys.URL) {
                    url = chosen;
                }
                settings.put(key, chosen == null ? byDefault(key, name, key.defaultValue(repo, firstRepo))
                        : chosen.setting(name, key));
            }
            return settings;
        }

        /** DATABASE_URL is only checked when it is used: other tools may share it with another meaning. */
        private Candidate fromDatabaseUrl() {
            try {
                DatabaseUrls.Parsed url = DatabaseUrls.parse(databaseUrl.value().strip());
                return new Candidate(url.jdbcUrl(), url, Source.ENV, databaseUrl.origin(), 0, true, DATABASE_URL);
            } catch (InvalidValueException e) {
                return new Candidate(null, null, Source.ENV, databaseUrl.origin(), 0, true, DATABASE_URL)
                        .withProblem(Messages.invalid(DATABASE_URL, databaseUrl.origin(),
                                DatabaseUrls.mask(databaseUrl.value()), e.getMessage()));
            }
        }

        /** The application's own setting of {@code key} (first repo only), below every Preflight source. */
        private Candidate fromApplication(ConfigKey key) {
            ApplicationSetting setting = application.stream().filter(a -> a.key().equals(key.name())).findFirst()
                    .orElse(null);
            if (setting == null) {
                return null;
            }
            try {
                Object value = key.parse(setting.value().strip());
                String text = value instanceof DatabaseUrls.Parsed url ? url.jdbcUrl() : setting.value().strip();
                return new Candidate(text, value, Source.APPLICATION, setting.origin(), 0, false, setting.property());
            } catch (InvalidValueException e) {
                return new Candidate(null, null, Source.APPLICATION, setting.origin(), 0, false, setting.property())
                        .withProblem(Messages.invalid(setting.property(), setting.origin(), key.shown(setting.value()),
                                e.getMessage()));
            }
        }

        private Candidate explicit(Raw raw, int specificity) {
            if (raw == null || !parsed.containsKey(raw.key())) {
                return null; // unset, or invalid and already reported
            }
            Object value = parsed.get(raw.key());
            String text = value instanceof DatabaseUrls.Parsed url ? url.jdbcUrl() : raw.value();
            return new Candidate(text, value, raw.source(), raw.origin(), specificity, false, null);
        }

        private Candidate best(List<Candidate> candidates) {
            Candidate chosen = candidates.stream().filter(Objects::nonNull).max(Candidate.PRECEDENCE).orElse(null);
            if (chosen != null && chosen.problem != null) {
                problems.add(chosen.problem);
                return null;
            }
            return chosen;
        }

        private Setting byDefault(ConfigKey key, String name, String text) {
            return new Setting(name, key, text, text == null ? null : plain(key.parse(text)), Source.DEFAULT,
                    Source.DEFAULT.label(), null);
        }

        private void checkTogether(Setting user, Setting password) {
            if ((user.value() == null) != (password.value() == null)) {
                Setting given = user.value() != null ? user : password;
                problems.add("`" + given.name() + "` is set (from " + given.origin() + ") but `"
                        + (given == user ? password : user).name() + "` is not; set both or neither");
            }
        }

        /**
         * Jolokia exposes operations that migrate and roll back: on a reachable address never without a login, and
         * never with that login and those operations in clear text unless the operator asks for it by name.
         */
        private void checkJolokiaBind(Map<ConfigKey, Setting> globals) {
            Setting host = globals.get(ConfigKeys.JOLOKIA_HOST);
            Setting cert = globals.get(ConfigKeys.JOLOKIA_CERT);
            Setting key = globals.get(ConfigKeys.JOLOKIA_KEY);
            Setting keystore = globals.get(ConfigKeys.JOLOKIA_KEYSTORE);
            if ((cert.value() == null) != (key.value() == null)) {
                Setting given = cert.value() != null ? cert : key;
                problems.add("`" + given.name() + "` is set (from " + given.origin() + ") but `"
                        + (given == cert ? key : cert).name() + "` is not; Jolokia's https needs both PEM files");
            }
            if (keystore.value() != null && cert.value() != null) {
                problems.add("both `" + keystore.name() + "` and `" + cert.name() + "` are set; give Jolokia's"
                        + " certificate one way: a keystore, or PEM files");
            }
            if (globals.get(ConfigKeys.JOLOKIA_PORT).value() == null || LOOPBACK.matcher(host.text()).matches()) {
                return;
            }
            boolean noLogin = globals.get(ConfigKeys.JOLOKIA_USER).value() == null
                    && globals.get(ConfigKeys.JOLOKIA_PASSWORD).value() == null;
            if (noLogin) {
                problems.add("Jolokia would listen on " + host.text() + " (jolokia.host from " + host.origin()
                        + "), which is not a loopback address, without a login: set jolokia.user and"
                        + " jolokia.password, or bind to 127.0.0.1");
            }
            boolean tls = keystore.value() != null || cert.value() != null;
            if (!tls && !Boolean.TRUE.equals(globals.get(ConfigKeys.JOLOKIA_PLAIN_HTTP).value())) {
                problems.add("Jolokia would listen on " + host.text() + " (jolokia.host from " + host.origin()
                        + "), which is not a loopback address, over plain http: its password and operations would"
                        + " cross the network unencrypted. Set jolokia.keystore (with jolokia.keystore-password) or"
                        + " jolokia.cert and jolokia.key for https, or jolokia.plain-http=true if the network is"
                        + " already private and encrypted, or bind to 127.0.0.1");
            }
        }

        private Raw envRaw(ConfigKey key) {
            String value = env.get(key.envName());
            return value == null
                    ? null
                    : new Raw(key.name(), key.envName(), value, Source.ENV, "env " + key.envName());
        }

        private static Raw find(List<Raw> raws, ConfigKey key) {
            return raws.stream().filter(raw -> raw.key().equals(key.name())).findFirst().orElse(null);
        }

        private static Raw last(Raw... raws) {
            Raw last = null;
            for (Raw raw : raws) {
                last = raw == null ? last : raw;
            }
            return last;
        }

        private static List<Raw> concat(List<Raw> a, List<Raw> b) {
            List<Raw> all = new ArrayList<>(a);
            all.addAll(b);
            return all;
        }
    }

    /** A value competing to be a repo's (or a global) setting. */
    private record Candidate(String text, Object value, Source source, String origin, int specificity,
                             boolean derived, String via, String problem) {

        /** Own key over plain key, then later source, then an explicit key over a value taken from a URL. */
        static final Comparator<Candidate> PRECEDENCE = Comparator.comparingInt(Candidate::specificity)
                .thenComparing(Candidate::source)
                .thenComparing(c -> !c.derived());

        Candidate(String text, Object value, Source source, String origin, int specificity, boolean derived,
                  String via) {
            this(text, value, source, origin, specificity, derived, via, null);
        }

        Candidate withProblem(String message) {
            return new Candidate(text, value, source, origin, specificity, derived, via, message);
        }

        /** The user or password inside this URL, competing at the URL's own precedence; null if none. */
        Candidate credential(boolean user) {
            if (!(value instanceof DatabaseUrls.Parsed url)) {
                return null;
            }
            String credential = user ? url.user() : url.password();
            return credential == null ? null : new Candidate(credential, credential, source, origin, specificity,
                    true, via != null ? via : ConfigKeys.URL.name());
        }

        Setting setting(String name, ConfigKey key) {
            return new Setting(name, key, text, plain(value), source, origin, via);
        }

        @Override
        public String toString() {
            return origin; // the text may be a password
        }
    }

    /** The value a Setting exposes: a URL as its JDBC text, everything else as parsed. */
    private static Object plain(Object value) {
        return value instanceof DatabaseUrls.Parsed url ? url.jdbcUrl() : value;
    }
}
