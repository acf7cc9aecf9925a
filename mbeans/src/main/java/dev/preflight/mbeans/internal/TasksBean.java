package dev.preflight.mbeans.internal;

import dev.preflight.Preflight;
import dev.preflight.TaskArguments;
import dev.preflight.TaskParameter;
import dev.preflight.mbeans.TaskInfo;
import dev.preflight.mbeans.TasksMXBean;
import dev.preflight.task.TaskList;

import java.util.ArrayList;
import java.util.List;

/**
 * {@link TasksMXBean}: the list and a task's description read the default repo's {@link Preflight} (every repo has
 * the same tasks); {@link #run} is the {@code task} command, checked at once and run as a job.
 */
final class TasksBean implements TasksMXBean {

    private final Preflight defaultRepo;
    private final CommandsBean commands;

    TasksBean(Preflight defaultRepo, CommandsBean commands) {
        this.defaultRepo = defaultRepo;
        this.commands = commands;
    }

    @Override
    public TaskInfo[] getTasks() {
        return defaultRepo.tasks().stream()
                .map(t -> new TaskInfo(t.name(), t.description(),
                        t.parameters().stream().map(TaskParameter::usage).toArray(String[]::new)))
                .toArray(TaskInfo[]::new);
    }

    @Override
    public String describe(String name) {
        return TaskList.describe(defaultRepo.task(name)).stripTrailing();
    }

    @Override
    public String run(String name, String arguments) {
        return commands.submit(task(name, arguments, List.of()));
    }

    @Override
    public String runInRepo(String repo, String name, String arguments) {
        return commands.submit(task(name, arguments, List.of("--repo", repo)));
    }

    /** {@code task <name> k=v ...}: the comma-separated pairs as the command line's words, one pair each. */
    private static List<String> task(String name, String arguments, List<String> options) {
        List<String> args = new ArrayList<>(List.of("task", name));
        TaskArguments.pairs(arguments).forEach((key, value) -> args.add(key + "=" + value));
        args.addAll(options);
        return args;
    }
}
