package dev.preflight;

import dev.preflight.config.ConfigKeys;
import dev.preflight.config.DatabaseUrls;
import dev.preflight.config.LintMode;
import dev.preflight.lint.RuleSelection;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The settings of one repository (database + locations + history table), resolved from
 * {@link PreflightConfig}. Immutable. {@link #toString()} never shows the password.
 *
 * <pre>{@code
 * RepoConfig audit = PreflightConfig.load().repo("audit");
 * if (audit.hasUrl()) { connect(audit.url(), audit.user(), audit.password()); }
 * }</pre>
 */
public final class RepoConfig {

    private final String name;
    private final boolean firstRepo;
    private final String url;
    private final String user;
    private final String password;
    private final List<String> locations;
    private final List<String> dataLocations;
    private final String schema;
    private final String table;
    private final Duration lockWait;
    private final Duration connectRetry;
    private final Duration lockTimeout;
    private final int lockRetries;
    private final Duration statementTimeout;
    private final boolean outOfOrder;
    private final boolean strict;
    private final LintMode lint;
    private final RuleSelection lintRules;
    private final boolean createDatabase;

    /** @param url null when none is configured: {@link #url()} then explains how to set one */
    RepoConfig(String name, boolean firstRepo, String url, String user, String password, List<String> locations,
               List<String> dataLocations, String schema, String table, Duration lockWait, Duration connectRetry,
               Duration lockTimeout, int lockRetries, Duration statementTimeout, boolean outOfOrder, boolean strict,
               LintMode lint, RuleSelection lintRules, boolean createDatabase) {
        this.name = name;
        this.firstRepo = firstRepo;
        this.url = url;
        this.user = user;
        this.password = password;
        this.locations = List.copyOf(locations);
        this.dataLocations = List.copyOf(dataLocations);
        this.schema = schema;
        this.table = table;
        this.lockWait = lockWait;
        this.connectRetry = connectRetry;
        this.lockTimeout = lockTimeout;
        this.lockRetries = lockRetries;
        this.statementTimeout = statementTimeout;
        this.outOfOrder = outOfOrder;
        this.strict = strict;
        this.lint = lint;
        this.lintRules = lintRules;
        this.createDatabase = createDatabase;
    }

    /** The repository name ({@code main} unless {@code preflight.repos} says otherwise). */
    public String name() {
        return name;
    }

    /**
     * The JDBC URL. A {@code postgres://user:password@host/db} URL has been converted to
     * {@code jdbc:postgresql://host/db} with its credentials moved to {@link #user()} and {@link #password()};
     * a {@code jdbc:} URL is as configured and may hold {@code password=}: print it only through
     * {@link DatabaseUrls#mask}.
     *
     * @throws ConfigException saying how to set one, when this repo has no url (a missing url is not an
     *                         error at load time, so that commands such as {@code help} work without one)
     */
    public String url() {
        if (url == null) {
            throw new ConfigException(ConfigKeys.noUrlMessage(name, firstRepo));
        }
        return url;
    }

    /** Whether a url is configured; when not, {@link #url()} throws. */
    public boolean hasUrl() {
        return url != null;
    }

    public Optional<String> user() {
        return Optional.ofNullable(user);
    }

    /** The password; handle with care, it must never reach a log, an MBean or a message. */
    public Optional<String> password() {
        return Optional.ofNullable(password);
    }

    public List<String> locations() {
        return locations;
    }

    public List<String> dataLocations() {
        return dataLocations;
    }

    /** Schema of the history table. */
    public String schema() {
        return schema;
    }

    /** Name of the history table. */
    public String table() {
        return table;
    }

    /** How long to wait for the migration lock; empty = as long as the holder is alive. */
    public Optional<Duration> lockWait() {
        return Optional.ofNullable(lockWait);
    }

    /** How long to keep retrying when the database cannot be reached. */
    public Duration connectRetry() {
        return connectRetry;
    }

    /** PostgreSQL {@code lock_timeout} set for DDL. */
    public Duration lockTimeout() {
        return lockTimeout;
    }

    /** Whether a database named by {@link #url()} that does not exist is created (as dbmate's {@code up} does). */
    public boolean createDatabase() {
        return createDatabase;
    }

    public int lockRetries() {
        return lockRetries;
    }

    /**
     * PostgreSQL {@code statement_timeout} set for each migration's statements; empty = none set (the server's own
     * setting applies); {@link Duration#ZERO} = unlimited.
     */
    public Optional<Duration> statementTimeout() {
        return Optional.ofNullable(statementTimeout);
    }

    /** Whether pending migrations older than the newest applied one may run. */
    public boolean outOfOrder() {
        return outOfOrder;
    }

    /** Whether files that match no layout are an error. */
    public boolean strict() {
        return strict;
    }

    /** What the lint does before a run. */
    public LintMode lint() {
        return lint;
    }

    /** The lint rules that run ({@code lint.rules}, {@code lint.conventions}). */
    public RuleSelection lintRules() {
        return lintRules;
    }

    @Override
    public String toString() {
        return "RepoConfig{name=" + name + ", url=" + (url == null ? "<none>" : DatabaseUrls.mask(url))
                + ", user=" + user
                + ", password=" + (password == null ? "<none>" : "*****")
                + ", locations=" + locations + ", dataLocations=" + dataLocations
                + ", schema=" + schema + ", table=" + table + "}";
    }
}
