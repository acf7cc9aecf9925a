package dev.preflight.config;

import java.util.Locale;
import java.util.Objects;

/**
 * One configuration key: its name, whether it is global or set per repository, its default and what it
 * does. {@link ConfigKeys#all()} lists them all; the README table and the CLI help are printed from it.
 *
 * <pre>{@code
 * for (ConfigKey key : ConfigKeys.all()) {
 *     System.out.printf("%-20s %-8s %-26s %s%n",
 *             key.name(), key.scope(), key.defaultText(), key.description());
 * }
 * }</pre>
 *
 * <p>A key has one spelling, written differently by each source: {@code lock-timeout} as an agent argument,
 * CLI option ({@code --lock-timeout}) or in a properties file, {@link #systemProperty()} for {@code -D},
 * {@link #envName()} in the environment. A {@link Scope#REPO} key can also be given as
 * {@code <repo>.<key>} (e.g. {@code audit.url}); the plain key is then the default for every repo.
 */
public final class ConfigKey {

    /** Whether a key applies to the whole JVM or to each repository. */
    public enum Scope {
        GLOBAL,
        REPO
    }

    private final String name;
    private final Scope scope;
    private final String defaultValue;
    private final String otherRepoDefault;
    private final String description;
    private final boolean secret;
    private final boolean list;
    private final Values.Parser parser;

    ConfigKey(String name, Scope scope, String defaultValue, String otherRepoDefault, String description,
              boolean secret, boolean list, Values.Parser parser) {
        this.name = Objects.requireNonNull(name);
        this.scope = Objects.requireNonNull(scope);
        this.defaultValue = defaultValue;
        this.otherRepoDefault = otherRepoDefault;
        this.description = Objects.requireNonNull(description);
        this.secret = secret;
        this.list = list;
        this.parser = Objects.requireNonNull(parser);
    }

    /** The key without the {@code preflight.} prefix, e.g. {@code lock-timeout}. */
    public String name() {
        return name;
    }

    public Scope scope() {
        return scope;
    }

    /** The default as documented, e.g. {@code 5s}; empty when the key is unset by default. */
    public String defaultText() {
        return defaultValue == null ? "" : defaultValue;
    }

    /** One line for the README table and {@code --help}. */
    public String description() {
        return description;
    }

    /** Whether the value is a password: never logged, printed or put in a message. */
    public boolean secret() {
        return secret;
    }

    /** Whether the value is a comma-separated list (written with {@code ;} in agent arguments). */
    public boolean list() {
        return list;
    }

    /** {@code preflight.<name>}, as in {@code -Dpreflight.lock-timeout=10s}. */
    public String systemProperty() {
        return ConfigKeys.PREFIX + name;
    }

    /** {@code PREFLIGHT_<NAME>}, upper case with {@code .} and {@code -} as {@code _}. */
    public String envName() {
        return ConfigKeys.envName(name);
    }

    /** The default of this key for {@code repo}; repos after the first get their own folders. */
    String defaultValue(String repo, boolean firstRepo) {
        return firstRepo || otherRepoDefault == null
                ? defaultValue
                : String.format(Locale.ROOT, otherRepoDefault, repo);
    }

    /** @throws InvalidValueException saying what is allowed */
    Object parse(String text) {
        return parser.parse(text);
    }

    /** {@code text} as it may appear in a message or {@code describe()}. */
    String shown(String text) {
        if (text == null) {
            return null;
        }
        return secret ? "*****" : this == ConfigKeys.URL ? DatabaseUrls.mask(text) : text;
    }

    @Override
    public String toString() {
        return name;
    }
}
