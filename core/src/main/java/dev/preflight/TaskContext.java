package dev.preflight;

import javax.sql.DataSource;

/**
 * What a running {@link Task} gets: its repository's connections, its checked arguments, and where to report.
 *
 * <pre>{@code
 * public void run(TaskContext context) throws SQLException {
 *     int days = context.arguments().integer("days");
 *     try (Connection c = context.dataSource().getConnection()) {
 *         ...
 *         context.progress(done, total, "rows archived");
 *     }
 *     context.log("archived " + done + " rows older than " + days + " days");
 * }
 * }</pre>
 *
 * <p>Log and progress lines go to Preflight's log, to the CLI's output and to the JMX job's log. They are plain
 * strings on purpose: this interface exposes no logging library's types, so a task compiled against the
 * application's SLF4J works inside the agent, whose own SLF4J is relocated.
 */
public interface TaskContext {

    /** The repository the task runs against (e.g. {@code main}). */
    String repo();

    /**
     * The repository's pool: at most two connections, shared with the MBeans' migrations of this repository.
     * Close what you borrow (try-with-resources); do not hold both connections for long.
     */
    DataSource dataSource();

    /** The arguments, checked and with their defaults applied. */
    TaskArguments arguments();

    /** One line for the user. */
    void log(String message);

    /**
     * How far the task is: {@code done} of {@code total} units (rows, tables, ...), {@code total} 0 when it is not
     * known. Call it as often as you like; surfaces show it as a line such as {@code rows archived: 500 of 2000 (25%)}.
     */
    void progress(long done, long total, String message);
}
