package dev.preflight.mbeans.internal;

import dev.preflight.ConfigException;
import dev.preflight.Preflight;
import dev.preflight.PreflightException;
import dev.preflight.Task;
import dev.preflight.TaskArguments;
import dev.preflight.TaskParameter;
import dev.preflight.mbeans.TaskInfo;
import dev.preflight.mbeans.TasksMXBean;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * {@link TasksMXBean} over the repositories' {@link Preflight}s. Errors leave as JDK exceptions
 * ({@link IllegalArgumentException} for a usage error): a remote JMX client such as JConsole has no Preflight
 * classes to deserialise Preflight's own exceptions with.
 */
final class TasksBean implements TasksMXBean {

    private final Map<String, Preflight> repos;
    private final String defaultRepo;
    private final Jobs jobs;

    /** @param repos by name, the default repo first */
    TasksBean(Map<String, Preflight> repos, Jobs jobs) {
        this.repos = new LinkedHashMap<>(repos);
        this.defaultRepo = repos.keySet().iterator().next();
        this.jobs = jobs;
    }

    @Override
    public TaskInfo[] getTasks() {
        return plain(() -> repo(defaultRepo).tasks().stream()
                .map(t -> new TaskInfo(t.name(), t.description(),
                        t.parameters().stream().map(TaskParameter::usage).toArray(String[]::new)))
                .toArray(TaskInfo[]::new));
    }

    @Override
    public String describe(String name) {
        return plain(() -> {
            Task task = repo(defaultRepo).task(name);
            List<TaskParameter> parameters = task.parameters();
            return task.name() + ": " + task.description() + "\n" + (parameters.isEmpty() ? "It takes no parameters."
                    : "Parameters:\n" + parameters.stream().map(p -> "  " + p.usage()).collect(Collectors.joining("\n")));
        });
    }

    @Override
    public String run(String name, String arguments) {
        return runInRepo(defaultRepo, name, arguments);
    }

    @Override
    public String runInRepo(String repo, String name, String arguments) {
        return plain(() -> {
            Preflight preflight = repo(repo);
            Map<String, String> raw = TaskArguments.pairs(arguments);
            // Checked now, so a wrong argument is the caller's error at once and never a failed job.
            TaskArguments checked = preflight.checkTask(name, raw);
            String shown = checked.asMap().isEmpty() ? "" : " " + checked;
            return jobs.submit(repo, "task " + name + shown, () -> preflight.runTask(name, raw));
        });
    }

    private Preflight repo(String name) {
        Preflight preflight = repos.get(name);
        if (preflight == null) {
            throw new ConfigException("unknown repo `" + name + "`; the repos are " + String.join(", ", repos.keySet()));
        }
        return preflight;
    }

    private static <T> T plain(Supplier<T> call) {
        try {
            return call.get();
        } catch (ConfigException e) {
            throw new IllegalArgumentException(e.getMessage());
        } catch (PreflightException e) {
            throw new IllegalStateException(e.getMessage());
        }
    }
}
