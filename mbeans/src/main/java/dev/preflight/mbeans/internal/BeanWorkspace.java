package dev.preflight.mbeans.internal;

import dev.preflight.Preflight;
import dev.preflight.command.JobBoard;
import dev.preflight.command.Workspace;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The repos of the registered beans, open for the life of the application, and their jobs. */
final class BeanWorkspace implements Workspace {

    private final Map<String, Preflight> repos;
    private final Jobs jobs;

    /** @param repos by name, the default repo first */
    BeanWorkspace(Map<String, Preflight> repos, Jobs jobs) {
        this.repos = new LinkedHashMap<>(repos);
        this.jobs = jobs;
    }

    @Override
    public List<String> repos() {
        return new ArrayList<>(repos.keySet());
    }

    @Override
    public Preflight preflight(String repo) {
        return repos.get(repo);
    }

    @Override
    public Optional<JobBoard> jobs() {
        return Optional.of(jobs);
    }
}
