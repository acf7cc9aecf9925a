package dev.preflight.mbeans;

/**
 * The tasks, as {@code dev.preflight:type=Tasks}: the built-in ones and the application's
 * ({@code META-INF/services/dev.preflight.Task}). {@link #run} checks the arguments at once (a wrong one is the
 * caller's error, with every parameter's usage) and then runs the task as a job on the {@link JobsMXBean}; follow
 * it with {@code job(id)}, whose {@code log} holds the task's lines. Tasks do not take the migration lock.
 *
 * <p>Arguments are {@code name=value} pairs separated by commas; a comma not followed by {@code name=} belongs
 * to the value before it: {@code tables=todo,audit,last=2}.
 */
public interface TasksMXBean {

    @Description("Every task with its description and parameters")
    TaskInfo[] getTasks();

    @ReadOnly
    @Description("A task's description and the usage of each parameter")
    String describe(String name);

    @Description("Runs a task on the default repo with arguments as name=value pairs separated by commas "
            + "(e.g. older-than=2024-01-01,dry-run=false); returns a job id")
    String run(String name, String arguments);

    @Description("Runs a task on the given repo with arguments as name=value pairs separated by commas; returns a"
            + " job id")
    String runInRepo(String repo, String name, String arguments);
}
