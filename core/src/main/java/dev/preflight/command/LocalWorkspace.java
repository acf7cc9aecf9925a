package dev.preflight.command;

import dev.preflight.MigrationListener;
import dev.preflight.Preflight;
import dev.preflight.PreflightConfig;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The repos of one command run outside the application (the CLI, eval): the configuration is read when a command
 * first needs it ({@code help} never does), each repo is opened on first use and all are closed with the workspace.
 * Progress goes to the log only (stderr), so that stdout holds the result alone and each line is printed once.
 */
public final class LocalWorkspace implements Workspace, AutoCloseable {

    private final Supplier<PreflightConfig> load;
    private final ClassLoader loader;
    private final Map<String, Preflight> open = new LinkedHashMap<>();
    private PreflightConfig config;

    /**
     * @param loader finds classpath locations, Java migrations and tasks (the application's class path); null for the
     *               context class loader
     */
    public LocalWorkspace(Supplier<PreflightConfig> load, ClassLoader loader) {
        this.load = load;
        this.loader = loader;
    }

    /** The configuration, read on first call. */
    public synchronized PreflightConfig config() {
        if (config == null) {
            config = load.get();
        }
        return config;
    }

    @Override
    public List<String> repos() {
        return config().repoNames();
    }

    @Override
    public synchronized Preflight preflight(String repo) {
        return open.computeIfAbsent(repo, name -> Preflight.open(config().repo(name), loader, MigrationListener.NONE));
    }

    @Override
    public synchronized void close() {
        open.values().forEach(Preflight::close);
        open.clear();
    }
}
