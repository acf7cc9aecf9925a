package dev.preflight.task;

import dev.preflight.ConfigException;
import dev.preflight.RepoConfig;
import dev.preflight.Task;
import dev.preflight.config.Suggestions;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.regex.Pattern;

/**
 * The tasks of one repository: the built-ins ({@link AnalyzeTask}) and the {@link Task} services of the
 * application's class loader ({@code META-INF/services/dev.preflight.Task}). Found once, on first use.
 */
public final class TaskCatalog {

    private static final String SERVICES = "META-INF/services/" + Task.class.getName();
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]*");

    private final RepoConfig repo;
    private final ClassLoader loader;
    private List<Task> tasks;

    public TaskCatalog(RepoConfig repo, ClassLoader loader) {
        this.repo = repo;
        this.loader = loader;
    }

    /** Every task, sorted by name. */
    public synchronized List<Task> tasks() {
        if (tasks == null) {
            tasks = load();
        }
        return tasks;
    }

    /**
     * The task named {@code name}.
     *
     * @throws ConfigException for an unknown name, with a "did you mean" and the known names
     */
    public Task task(String name) {
        Map<String, Task> byName = new LinkedHashMap<>();
        tasks().forEach(t -> byName.put(t.name(), t));
        Task task = byName.get(name);
        if (task == null) {
            String typo = name == null ? null : Suggestions.closest(name, byName.keySet()).orElse(null);
            throw new ConfigException("unknown task `" + name + "`" + (typo == null ? "" : "; did you mean " + typo + "?")
                    + " Known tasks: " + String.join(", ", byName.keySet())
                    + ". An application's task is listed in " + SERVICES + " of its jar.");
        }
        return task;
    }

    private List<Task> load() {
        List<Task> found = new ArrayList<>(List.of(new AnalyzeTask(repo, loader)));
        Iterator<Task> services = ServiceLoader.load(Task.class, loader).iterator();
        while (true) {
            try {
                if (!services.hasNext()) {
                    break;
                }
                found.add(services.next());
            } catch (ServiceConfigurationError e) {
                // The iterator cannot be trusted to move past a broken entry: report it instead of hiding tasks.
                throw new ConfigException("a task listed in " + SERVICES + " cannot be loaded: " + e.getMessage()
                        + ". Fix the class name in that file, or give the class a public no-argument constructor.", e);
            }
        }
        Map<String, Task> byName = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (Task task : found) {
            String name = task.name();
            if (name == null || !NAME.matcher(name).matches()) {
                problems.add("task " + task.getClass().getName() + " has the name `" + name + "`: use letters, digits,"
                        + " '-', '_', '.' or ':' (no spaces, '=' or ',')");
                continue;
            }
            Task other = byName.putIfAbsent(name, task);
            if (other != null) {
                problems.add("two tasks are named " + name + ": " + other.getClass().getName() + " and "
                        + task.getClass().getName() + "; rename one (the built-ins' names are taken)");
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(String.join("; ", problems));
        }
        List<Task> sorted = new ArrayList<>(byName.values());
        sorted.sort(Comparator.comparing(Task::name));
        return List.copyOf(sorted);
    }
}
