package dev.preflight;

import dev.preflight.config.AgentArguments;
import dev.preflight.config.ApplicationSetting;
import dev.preflight.config.ConfigKey;
import dev.preflight.config.ConfigKeys;
import dev.preflight.config.LintConventions;
import dev.preflight.config.LintMode;
import dev.preflight.config.OnFailure;
import dev.preflight.config.Settings;
import dev.preflight.config.Startup;
import dev.preflight.lint.RuleSelection;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;

/**
 * All of Preflight's settings, from every source, checked up front. Immutable.
 *
 * <pre>{@code
 * PreflightConfig config = PreflightConfig.load();                    // classpath, file, env, -D
 * PreflightConfig config = PreflightConfig.load(loader, PreflightConfig.parseAgentArguments(agentArgs));
 * PreflightConfig config = PreflightConfig.fromProperties(Map.of("url", "jdbc:postgresql://db/app"));
 * RepoConfig main = config.defaultRepo();
 * log.info("Preflight configuration:\n{}", config.describe());         // passwords masked
 * }</pre>
 *
 * <p>Sources, later wins: defaults &lt; the application's own settings for the first repo (a Spring Boot
 * application's datasource, read by the agent: {@link ApplicationSetting}) &lt; {@code preflight.properties} on the class loader &lt; the file named
 * by {@code config} &lt; the environment ({@code PREFLIGHT_<KEY>}, and {@code DATABASE_URL} for the first
 * repo) &lt; {@code -Dpreflight.<key>} &lt; arguments (agent arguments, CLI options; keys without prefix).
 * A blank value resets a key to its default. Every key is listed by {@link ConfigKeys#all()}; an unknown key
 * is an error with a "did you mean", except in the environment, which other tools share (a warning).
 * Repo keys ({@code url}, {@code locations}, ...) can be set per repo as {@code <repo>.<key>}; the plain key
 * is the default for every repo, and the repo's own key beats it whatever their sources.
 */
public final class PreflightConfig {

    private final Settings settings;
    private final Map<String, RepoConfig> repos;

    private PreflightConfig(Settings settings) {
        this.settings = settings;
        Map<String, RepoConfig> byName = new LinkedHashMap<>();
        for (String name : settings.repos()) {
            byName.put(name, repoConfig(name, name.equals(settings.repos().get(0))));
        }
        this.repos = Collections.unmodifiableMap(byName);
    }

    /**
     * Reads every standard source, {@code preflight.properties} through the thread context class loader.
     *
     * @throws ConfigException naming every unknown key and invalid value with its source
     */
    public static PreflightConfig load() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return load(loader != null ? loader : PreflightConfig.class.getClassLoader(), Map.of());
    }

    /**
     * Reads every standard source, {@code preflight.properties} through {@code loader} (none when null), and
     * {@code overrides} (agent arguments or CLI options, keys without the {@code preflight.} prefix) last.
     *
     * @throws ConfigException naming every unknown key and invalid value with its source, or a config
     *                         file that does not exist
     */
    public static PreflightConfig load(ClassLoader loader, Map<String, String> overrides) {
        return load(loader, System.getenv(), System.getProperties(), overrides);
    }

    /**
     * {@link #load(ClassLoader, Map)} with settings of the application's own configuration for the first repository,
     * used where every Preflight source leaves a key unset: how the agent takes a Spring Boot application's datasource.
     *
     * <pre>{@code
     * PreflightConfig.load(loader, arguments, List.of(new ApplicationSetting("url", bootUrl, "spring.datasource.url",
     *         "classpath:application.yml")));
     * }</pre>
     */
    public static PreflightConfig load(ClassLoader loader, Map<String, String> overrides,
                                       List<ApplicationSetting> application) {
        return load(loader, System.getenv(), System.getProperties(), overrides, application);
    }

    /** {@link #load(ClassLoader, Map, List)} with the environment and the system properties given, for tests. */
    static PreflightConfig load(ClassLoader loader, Map<String, String> env, Properties system,
                                Map<String, String> overrides, List<ApplicationSetting> application) {
        return new PreflightConfig(Settings.load(loader, env, system, overrides, application));
    }

    /** {@link #load(ClassLoader, Map)} with the environment and the system properties given, for tests. */
    static PreflightConfig load(ClassLoader loader, Map<String, String> env, Properties system,
                                Map<String, String> overrides) {
        return new PreflightConfig(Settings.load(loader, env, system, overrides));
    }

    /**
     * Exactly these settings (keys without the {@code preflight.} prefix) over the defaults: no environment,
     * no system properties, no {@code preflight.properties}. A {@code config} setting is still read.
     */
    public static PreflightConfig fromProperties(Map<String, String> settings) {
        return new PreflightConfig(Settings.load(null, Map.of(), new Properties(), settings));
    }

    /**
     * Exactly the settings an application's own configuration system gives (the {@code spring-boot} module: the
     * {@code preflight.*} properties of Spring Boot's Environment, already in Boot's precedence) over the defaults: no
     * environment, system properties or {@code preflight.properties} of Preflight's own reading. Errors name the
     * application's property and origin.
     *
     * <pre>{@code
     * PreflightConfig.fromApplication(List.of(new ApplicationSetting("lock-wait", "10m", "preflight.lock-wait",
     *         "class path resource [application.yml] - 3:14")));
     * }</pre>
     */
    public static PreflightConfig fromApplication(List<ApplicationSetting> settings) {
        return new PreflightConfig(Settings.fromApplication(settings));
    }

    /**
     * Splits agent arguments, {@code url=jdbc:postgresql://db/app,locations=db/a;db/b}, into a map for
     * {@link #load(ClassLoader, Map)}. Lists use {@code ;} there (the {@code ,} separates arguments) and are
     * returned in the usual comma form. Null or blank gives an empty map.
     *
     * @throws ConfigException naming an argument that is not {@code key=value}, or a key given twice
     */
    public static Map<String, String> parseAgentArguments(String args) {
        return AgentArguments.parse(args);
    }

    /** The repository names, in the order of {@code repos}; the first is the default. */
    public List<String> repoNames() {
        return settings.repos();
    }

    /**
     * The settings of one repository.
     *
     * @throws ConfigException listing the configured repos when {@code name} is not one of them
     */
    public RepoConfig repo(String name) {
        RepoConfig repo = repos.get(name);
        if (repo == null) {
            throw new ConfigException("Unknown repo `" + name + "`; the configured repos are "
                    + String.join(", ", repos.keySet()) + " (set them with " + ConfigKeys.REPOS.systemProperty()
                    + ")");
        }
        return repo;
    }

    /** The first repository of {@code repos} ({@code main} by default). */
    public RepoConfig defaultRepo() {
        return repos.get(settings.repos().get(0));
    }

    /** What the agent does before the host's main. */
    public Startup startup() {
        return (Startup) global(ConfigKeys.STARTUP);
    }

    /** What happens when start-up fails. */
    public OnFailure onFailure() {
        return (OnFailure) global(ConfigKeys.ON_FAILURE);
    }

    /**
     * Spring Boot starter: whether start-up runs in the background while the application starts (readiness DOWN until
     * it is done) instead of before the beans that use the DataSource.
     */
    public boolean springBackground() {
        return (Boolean) global(ConfigKeys.SPRING_BACKGROUND);
    }

    /** Port of the {@code /alive} and {@code /ready} endpoints; empty = no health server. */
    public OptionalInt healthPort() {
        return optionalInt(ConfigKeys.HEALTH_PORT);
    }

    /** The address the health endpoints bind to: all interfaces ({@code 0.0.0.0}) unless configured. */
    public String healthHost() {
        return (String) global(ConfigKeys.HEALTH_HOST);
    }

    /** {@code migrated} or {@code port:<n>}: when {@code /ready} answers 200. */
    public String ready() {
        return (String) global(ConfigKeys.READY);
    }

    /** The {@code n} of {@code ready=port:<n>}; empty for {@code ready=migrated}. */
    public OptionalInt readyPort() {
        String ready = ready();
        int colon = ready.indexOf(':');
        return colon < 0 ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(ready.substring(colon + 1)));
    }

    /** The method to run migrations before, as {@code com.example.App#main}; empty = the jar's main class. */
    public Optional<String> hook() {
        return Optional.ofNullable((String) global(ConfigKeys.HOOK));
    }

    /** Port of Jolokia; empty = Jolokia off. */
    public OptionalInt jolokiaPort() {
        return optionalInt(ConfigKeys.JOLOKIA_PORT);
    }

    /** The address Jolokia binds to, {@code 127.0.0.1} unless configured. */
    public String jolokiaHost() {
        return (String) global(ConfigKeys.JOLOKIA_HOST);
    }

    public Optional<String> jolokiaUser() {
        return Optional.ofNullable((String) global(ConfigKeys.JOLOKIA_USER));
    }

    /** Handle with care: it must never reach a log, an MBean or a message. */
    public Optional<String> jolokiaPassword() {
        return Optional.ofNullable((String) global(ConfigKeys.JOLOKIA_PASSWORD));
    }

    public boolean jolokiaReadOnly() {
        return (Boolean) global(ConfigKeys.JOLOKIA_READ_ONLY);
    }

    /** Keystore with Jolokia's TLS certificate; present = https. */
    public Optional<String> jolokiaKeystore() {
        return Optional.ofNullable((String) global(ConfigKeys.JOLOKIA_KEYSTORE));
    }

    /** Handle with care: it must never reach a log, an MBean or a message. */
    public Optional<String> jolokiaKeystorePassword() {
        return Optional.ofNullable((String) global(ConfigKeys.JOLOKIA_KEYSTORE_PASSWORD));
    }

    /** PEM certificate of Jolokia's https (with {@link #jolokiaKey()}); present = https. */
    public Optional<String> jolokiaCert() {
        return Optional.ofNullable((String) global(ConfigKeys.JOLOKIA_CERT));
    }

    /** PEM private key of {@link #jolokiaCert()}. */
    public Optional<String> jolokiaKey() {
        return Optional.ofNullable((String) global(ConfigKeys.JOLOKIA_KEY));
    }

    /** Whether Jolokia serves https ({@code jolokia.keystore} or {@code jolokia.cert} set). */
    public boolean jolokiaHttps() {
        return jolokiaKeystore().isPresent() || jolokiaCert().isPresent();
    }

    /**
     * One line per effective key with its source, for logs and {@code --help}; passwords as {@code *****}.
     * <pre>
     * repos=main (default)
     * url=jdbc:postgresql://db:5432/app (env, from DATABASE_URL)
     * password=***** (env, from DATABASE_URL)
     * lock-timeout=10s (system)
     * </pre>
     */
    public String describe() {
        return settings.describe();
    }

    /** The effective values on one line, passwords masked. */
    @Override
    public String toString() {
        return "PreflightConfig{" + settings + "}";
    }

    private RepoConfig repoConfig(String name, boolean firstRepo) {
        return new RepoConfig(name, firstRepo,
                (String) repo(name, ConfigKeys.URL),
                (String) repo(name, ConfigKeys.USER),
                (String) repo(name, ConfigKeys.PASSWORD),
                strings(repo(name, ConfigKeys.LOCATIONS)),
                strings(repo(name, ConfigKeys.DATA_LOCATIONS)),
                (String) repo(name, ConfigKeys.SCHEMA),
                (String) repo(name, ConfigKeys.TABLE),
                ((Optional<?>) repo(name, ConfigKeys.LOCK_WAIT)).map(Duration.class::cast).orElse(null),
                (Duration) repo(name, ConfigKeys.CONNECT_RETRY),
                (Duration) repo(name, ConfigKeys.LOCK_TIMEOUT),
                (Integer) repo(name, ConfigKeys.LOCK_RETRIES),
                ((Optional<?>) repo(name, ConfigKeys.STATEMENT_TIMEOUT)).map(Duration.class::cast).orElse(null),
                (Boolean) repo(name, ConfigKeys.OUT_OF_ORDER),
                (Boolean) repo(name, ConfigKeys.STRICT),
                (LintMode) repo(name, ConfigKeys.LINT),
                RuleSelection.parse(strings(repo(name, ConfigKeys.LINT_RULES)),
                        repo(name, ConfigKeys.LINT_CONVENTIONS) == LintConventions.ON),
                (Boolean) repo(name, ConfigKeys.CREATE_DATABASE));
    }

    private Object repo(String name, ConfigKey key) {
        return settings.repo(name, key).value();
    }

    private Object global(ConfigKey key) {
        return settings.global(key).value();
    }

    private OptionalInt optionalInt(ConfigKey key) {
        Object value = global(key);
        return value == null ? OptionalInt.empty() : OptionalInt.of((Integer) value);
    }

    private static List<String> strings(Object list) {
        return ((List<?>) list).stream().map(String.class::cast).toList();
    }
}
