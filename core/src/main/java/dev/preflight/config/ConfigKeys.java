package dev.preflight.config;

import dev.preflight.config.ConfigKey.Scope;
import dev.preflight.source.Locations;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Every configuration key Preflight reads, in the order the README documents them. Nothing else is
 * accepted: an unknown key is an error with a "did you mean".
 *
 * <pre>{@code
 * ConfigKeys.all().stream().filter(k -> k.scope() == ConfigKey.Scope.REPO).map(ConfigKey::name).toList()
 * // [url, user, password, locations, data-locations, schema, table, lock-wait, ...]
 * ConfigKeys.envName("audit.lock-timeout")   // "PREFLIGHT_AUDIT_LOCK_TIMEOUT"
 * }</pre>
 */
public final class ConfigKeys {

    /** The prefix of system properties; agent arguments, CLI options and files may leave it out. */
    public static final String PREFIX = "preflight.";

    private static final String ENV_PREFIX = "PREFLIGHT_";
    private static final List<ConfigKey> ALL = new ArrayList<>();

    public static final ConfigKey URL = repo("url", null,
            "JDBC URL (jdbc:postgresql://host:port/db) or postgres://user:password@host:port/db;"
                    + " the first repo also reads DATABASE_URL", Values.url());
    public static final ConfigKey USER = repo("user", null,
            "Database user; overrides one inside a postgres:// url of the same or a lower source", Values.text());
    public static final ConfigKey PASSWORD = secret(Scope.REPO, "password",
            "Database password; never logged or shown");
    public static final ConfigKey LOCATIONS = add(new ConfigKey("locations", Scope.REPO, Locations.DEFAULT_SCHEMA,
            Locations.REPO_SCHEMA, "Comma-separated migration locations: filesystem:<path>, classpath:<path> or"
            + " a path (filesystem if present, else classpath); repos after the first default to"
            + " db/<repo>/migrations; a default location may be missing, any other is an error", false, true,
            Values.list()));
    public static final ConfigKey DATA_LOCATIONS = add(new ConfigKey("data-locations", Scope.REPO,
            Locations.DEFAULT_DATA, Locations.REPO_DATA, "Comma-separated locations of data migrations,"
            + " run only on request; repos after the first default to db/<repo>/data-migrations (may be missing)",
            false, true, Values.list()));
    public static final ConfigKey SCHEMA = repo("schema", "public",
            "Schema of the history table", Values.text());
    public static final ConfigKey TABLE = repo("table", "preflight_schema_history",
            "Name of the history table", Values.text());
    public static final ConfigKey LOCK_WAIT = repo("lock-wait", "unlimited",
            "Longest wait for the migration lock, e.g. 10m; unlimited = as long as its holder is alive",
            Values.limit());
    public static final ConfigKey CONNECT_RETRY = repo("connect-retry", "30s",
            "How long to keep retrying when the database cannot be reached at start", Values.duration());
    public static final ConfigKey LOCK_TIMEOUT = repo("lock-timeout", "5s",
            "PostgreSQL lock_timeout for DDL, so a migration never queues behind a long transaction",
            Values.duration());
    public static final ConfigKey LOCK_RETRIES = repo("lock-retries", "5",
            "Retries of a migration that hit lock_timeout (SQLSTATE 55P03), with backoff and jitter", Values.count());
    public static final ConfigKey STATEMENT_TIMEOUT = repo("statement-timeout", "none",
            "PostgreSQL statement_timeout for each statement of a migration: none (the server's own setting),"
                    + " unlimited, or a duration such as 30m", Values.serverTimeout());
    public static final ConfigKey OUT_OF_ORDER = repo("out-of-order", "false",
            "Allow pending migrations older than the newest applied one", Values.bool());
    public static final ConfigKey STRICT = repo("strict", "false",
            "Make files that match no migration layout an error instead of a warning", Values.bool());
    public static final ConfigKey LINT = repo("lint", "warn",
            "Safety lint of SQL migrations before they run: warn, error or off",
            Values.choice(LintMode.class));
    public static final ConfigKey LINT_RULES = repo("lint.rules", "hazards",
            "Which lint rules run, applied in order: hazards, conventions, all, none, a rule id, or -<rule id> to"
                    + " leave one out (e.g. hazards,prefer-timestamptz,-drop-or-rename)", Values.lintRules());
    public static final ConfigKey LINT_CONVENTIONS = repo("lint.conventions", "off",
            "on adds the lint's conventions (prefer-bigint-over-int, prefer-timestamptz, ...) to lint.rules",
            Values.choice(LintConventions.class));
    public static final ConfigKey CREATE_DATABASE = repo("create-database", "false",
            "Create the database named by url when it does not exist (as dbmate up does); when false a missing"
                    + " database is an error at once, with the command that creates it", Values.bool());

    public static final ConfigKey REPOS = add(new ConfigKey("repos", Scope.GLOBAL, "main", null,
            "Comma-separated repository names ([a-z][a-z0-9_-]*), the first being the default; set"
            + " <repo>.<key> per repo, a plain key applies to every repo", false, true, Values.repoNames()));
    public static final ConfigKey STARTUP = global("startup", "migrate",
            "What the agent does before main: migrate, validate (fail if anything is pending or drifted)"
                    + " or off", Values.choice(Startup.class));
    public static final ConfigKey ON_FAILURE = global("on-failure", "exit",
            "When start-up fails: exit the JVM with a non-zero code, or continue starting the app",
            Values.choice(OnFailure.class));
    public static final ConfigKey HEALTH_PORT = global("health.port", null,
            "Port of the /alive and /ready HTTP endpoints; unset = no health server", Values.port());
    public static final ConfigKey HEALTH_HOST = global("health.host", "0.0.0.0",
            "Address the /alive and /ready endpoints bind to: 0.0.0.0 = every interface (a kubelet probes the"
                    + " pod's IP); 127.0.0.1 keeps them on this machine. They only read, and show no secret",
            Values.text());
    public static final ConfigKey READY = global("ready", "migrated",
            "When /ready answers 200: migrated, or port:<n> (once the app also listens on port n)",
            Values.ready());
    public static final ConfigKey HOOK = global("hook", null,
            "Method to run migrations before, as Class#method; default: main of the jar's Main-Class"
                    + " (Spring Boot: Start-Class)", Values.hook());
    public static final ConfigKey JOLOKIA_PORT = global("jolokia.port", null,
            "Port of Jolokia (JMX over HTTP); unset = Jolokia off", Values.port());
    public static final ConfigKey JOLOKIA_HOST = global("jolokia.host", "127.0.0.1",
            "Address Jolokia binds to; any other than loopback requires jolokia.user and jolokia.password, and"
                    + " https (jolokia.keystore or jolokia.cert) unless jolokia.plain-http=true",
            Values.text());
    public static final ConfigKey JOLOKIA_USER = global("jolokia.user", null,
            "User for Jolokia's HTTP basic authentication", Values.text());
    public static final ConfigKey JOLOKIA_PASSWORD = secret(Scope.GLOBAL, "jolokia.password",
            "Password for Jolokia's HTTP basic authentication; never logged or shown");
    public static final ConfigKey JOLOKIA_READ_ONLY = global("jolokia.read-only", "false",
            "Allow only reads through Jolokia: attributes and the operations that change nothing (status, validate,"
                    + " lint, describe, job, query)", Values.bool());
    public static final ConfigKey JOLOKIA_KEYSTORE = global("jolokia.keystore", null,
            "Keystore file (PKCS12 or JKS) holding Jolokia's TLS certificate and key: Jolokia then serves https",
            Values.text());
    public static final ConfigKey JOLOKIA_KEYSTORE_PASSWORD = secret(Scope.GLOBAL, "jolokia.keystore-password",
            "Password of jolokia.keystore (and of its key); never logged or shown");
    public static final ConfigKey JOLOKIA_CERT = global("jolokia.cert", null,
            "PEM file with Jolokia's TLS certificate (chain), with jolokia.key: Jolokia then serves https",
            Values.text());
    public static final ConfigKey JOLOKIA_KEY = global("jolokia.key", null,
            "PEM file with the unencrypted PKCS#8 private key of jolokia.cert", Values.text());
    public static final ConfigKey JOLOKIA_PLAIN_HTTP = global("jolokia.plain-http", "false",
            "Allow plain http on a jolokia.host other than loopback, where credentials and operations then travel"
                    + " unencrypted; without it such a host needs jolokia.keystore or jolokia.cert", Values.bool());
    public static final ConfigKey SPRING_BACKGROUND = global("spring.background", "false",
            "Spring Boot starter only: true = start-up runs on a thread of its own while the application starts, with"
                    + " readiness DOWN until it is done; false = before the beans that use the DataSource, as Boot's"
                    + " Flyway does", Values.bool());
    public static final ConfigKey CONFIG = global("config", null,
            "Properties file read after the classpath's preflight.properties and before the environment;"
                    + " set by -Dpreflight.config, PREFLIGHT_CONFIG or the config argument", Values.text());

    private static final List<ConfigKey> UNMODIFIABLE = List.copyOf(ALL);
    private static final Map<String, ConfigKey> BY_NAME = byName(Scope.GLOBAL, Scope.REPO);
    private static final Map<String, ConfigKey> REPO_KEYS = byName(Scope.REPO);

    private ConfigKeys() {
    }

    /** Every key, global and per-repo, in documentation order. */
    public static List<ConfigKey> all() {
        return UNMODIFIABLE;
    }

    /** The key named {@code name} (without prefix, without repo), if there is one. */
    public static Optional<ConfigKey> find(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /** {@code PREFLIGHT_AUDIT_LOCK_TIMEOUT} for {@code audit.lock-timeout}. */
    public static String envName(String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /**
     * What to tell a user whose repo has no url; the engine reports it when it needs a connection (a
     * missing url is not an error at load time, so that {@code help} and {@code lint} work without one).
     */
    public static String noUrlMessage(String repo, boolean firstRepo) {
        String own = PREFIX + repo + "." + URL.name();
        if (firstRepo) {
            return "No url configured for repo " + repo + ": set " + URL.systemProperty() + ", "
                    + URL.envName() + " or DATABASE_URL (or " + own + " for this repo only)";
        }
        return "No url configured for repo " + repo + ": set " + own + " or " + envName(repo + "." + URL.name())
                + " (" + URL.systemProperty() + " and " + URL.envName() + " apply to every repo)";
    }

    /**
     * The key a name refers to, reading {@code audit.lock-timeout} as {@code lock-timeout} whether or not
     * {@code audit} is a repo: enough to know a value's type before the repos are known (agent arguments).
     */
    static Optional<ConfigKey> typeOf(String name) {
        ConfigKey key = BY_NAME.get(name);
        int dot = name.indexOf('.');
        if (key == null && dot > 0) {
            key = REPO_KEYS.get(name.substring(dot + 1));
        }
        return Optional.ofNullable(key);
    }

    /** Whether {@code name} is a configuration key, plain or for one repo ({@code audit.lock-timeout}). */
    public static boolean isKey(String name) {
        return typeOf(name).isPresent();
    }

    static List<ConfigKey> of(Scope scope) {
        return UNMODIFIABLE.stream().filter(key -> key.scope() == scope).toList();
    }

    private static ConfigKey repo(String name, String defaultValue, String description, Values.Parser parser) {
        return add(new ConfigKey(name, Scope.REPO, defaultValue, null, description, false, false, parser));
    }

    private static ConfigKey global(String name, String defaultValue, String description, Values.Parser parser) {
        return add(new ConfigKey(name, Scope.GLOBAL, defaultValue, null, description, false, false, parser));
    }

    private static ConfigKey secret(Scope scope, String name, String description) {
        return add(new ConfigKey(name, scope, null, null, description, true, false, Values.text()));
    }

    private static ConfigKey add(ConfigKey key) {
        ALL.add(key);
        return key;
    }

    private static Map<String, ConfigKey> byName(Scope... scopes) {
        Map<String, ConfigKey> map = new LinkedHashMap<>();
        for (ConfigKey key : ALL) {
            if (List.of(scopes).contains(key.scope())) {
                map.put(key.name(), key);
            }
        }
        return Map.copyOf(map);
    }
}
