package dev.preflight;

import java.util.List;

/**
 * A named one-off operation with typed parameters, runnable from every surface: the agent CLI
 * ({@code java -jar preflight-agent.jar task purge-done-todos older-than=2024-01-01}), the {@code Tasks} MBean
 * (JConsole, Jolokia) and jshell. Found with {@link java.util.ServiceLoader}: list the class in
 * {@code META-INF/services/dev.preflight.Task} of the application's jar. It needs a public no-argument
 * constructor.
 *
 * <pre>{@code
 * public class PurgeDoneTodos implements Task {
 *     public String name() { return "purge-done-todos"; }
 *     public String description() { return "Deletes done todos older than a day"; }
 *     public List<TaskParameter> parameters() {
 *         return List.of(TaskParameter.date("older-than", "purge todos done before this day").asRequired(),
 *                        TaskParameter.bool("dry-run", "only count them").withDefault("true"));
 *     }
 *     public void run(TaskContext context) throws SQLException {
 *         try (Connection c = context.dataSource().getConnection();
 *              PreparedStatement ps = c.prepareStatement("delete from todo where done and done_at < ?")) {
 *             ps.setObject(1, context.arguments().date("older-than"));
 *             context.log("deleted " + ps.executeUpdate() + " todos");
 *         }
 *     }
 * }
 * }</pre>
 *
 * <p>A task does not take the migration lock (a one-off task must neither wait behind a migration nor hold up
 * the start-up of another instance); it works on the repository's pool of at most two connections. Its
 * arguments are validated before {@link #run} is called. An exception from {@link #run} fails the task (exit
 * code 1 in the CLI, a failed job in JMX); a {@link ConfigException} from it is reported as a usage error.
 */
public interface Task {

    /** The name a user types, e.g. {@code purge-done-todos}: no spaces, no {@code =} or {@code ,}. */
    String name();

    /** One line on what it does, shown in the task list. */
    String description();

    /** Its parameters, in the order they are listed in help texts; none by default. */
    default List<TaskParameter> parameters() {
        return List.of();
    }

    /**
     * Does the work. Arguments are in {@link TaskContext#arguments()}, already checked against
     * {@link #parameters()} with their defaults applied.
     */
    void run(TaskContext context) throws Exception;
}
