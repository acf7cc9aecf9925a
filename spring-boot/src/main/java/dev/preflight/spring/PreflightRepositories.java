package dev.preflight.spring;

import dev.preflight.MigrationListener;
import dev.preflight.Preflight;
import dev.preflight.PreflightConfig;
import dev.preflight.RepoConfig;

import javax.sql.DataSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The application's Preflight repositories as a bean: one {@link Preflight} per configured repo, opened on first use.
 * The first repo works on the application's {@code DataSource} (the one marked {@link PreflightDataSource}, else the
 * application's only or primary one) unless {@code preflight.url} gives it a database of its own; the others need
 * their {@code preflight.<repo>.url}.
 *
 * <pre>{@code
 * @Autowired PreflightRepositories preflight;
 * ...
 * System.out.print(preflight.get("main").status().toTable());
 * }</pre>
 */
public final class PreflightRepositories implements AutoCloseable {

    private final PreflightConfig config;
    private final DataSource dataSource;
    private final ClassLoader loader;
    private final Supplier<MigrationListener> listener;
    private final Map<String, Preflight> open = new LinkedHashMap<>();
    /** Instances of their own for status reads: a Preflight runs one operation at a time, and a migration is long. */
    private final Map<String, Preflight> readers = new LinkedHashMap<>();

    /**
     * @param dataSource the application's data source for the first repo, or null (then it needs {@code preflight.url})
     * @param listener   asked once, when the first repo is opened: the listener beans may not exist before
     */
    public PreflightRepositories(PreflightConfig config, DataSource dataSource, ClassLoader loader,
                                 Supplier<MigrationListener> listener) {
        this.config = config;
        this.dataSource = dataSource;
        this.loader = loader;
        this.listener = listener;
    }

    /** Preflight's configuration, from Boot's Environment. */
    public PreflightConfig config() {
        return config;
    }

    /** The repo names, the default first. */
    public List<String> names() {
        return config.repoNames();
    }

    /**
     * The repo named {@code repo}; closed with this bean.
     *
     * @throws dev.preflight.ConfigException for a repo that is not configured, naming the configured ones
     */
    public synchronized Preflight get(String repo) {
        return open.computeIfAbsent(config.repo(repo).name(), name -> open(name, listener.get()));
    }

    /**
     * A second instance of the repo for reading its status while {@link #get} runs an operation (a start-up migration
     * can take minutes; an operation holds its instance meanwhile). Nothing is reported to the listeners from it.
     */
    public synchronized Preflight reader(String repo) {
        return readers.computeIfAbsent(config.repo(repo).name(), name -> open(name, MigrationListener.NONE));
    }

    private Preflight open(String repo, MigrationListener events) {
        RepoConfig repoConfig = config.repo(repo);
        boolean applicationDataSource = repoConfig == config.defaultRepo() && !repoConfig.hasUrl()
                && dataSource != null;
        return applicationDataSource ? Preflight.open(dataSource, repoConfig, loader, events)
                : Preflight.open(repoConfig, loader, events);
    }

    /** Closes Preflight's own pools; the application's data source is left to the application. */
    @Override
    public synchronized void close() {
        open.values().forEach(Preflight::close);
        readers.values().forEach(Preflight::close);
        open.clear();
        readers.clear();
    }
}
