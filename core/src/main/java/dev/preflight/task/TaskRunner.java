package dev.preflight.task;

import dev.preflight.ConfigException;
import dev.preflight.MigrationException;
import dev.preflight.MigrationListener;
import dev.preflight.RepoConfig;
import dev.preflight.Task;
import dev.preflight.TaskArguments;
import dev.preflight.TaskContext;
import dev.preflight.db.Database;
import dev.preflight.progress.CurrentOperation;
import dev.preflight.progress.ProgressLines;
import dev.preflight.progress.ProgressThrottle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.util.Map;

/**
 * Runs a task: checks its arguments (a usage error before anything runs), then calls it with a
 * {@link TaskContext} whose log and progress go to Preflight's log and to the operation's
 * {@link MigrationListener} (the CLI's output, the JMX job's log).
 *
 * <p>No migration lock: a one-off task must not wait behind a long migration, nor hold up the start-up of
 * another instance that wants to migrate. Tasks get the repository's pool (at most two connections); what they
 * need serialised among themselves they lock themselves.
 */
public final class TaskRunner {

    private static final Logger LOG = LoggerFactory.getLogger(TaskRunner.class);

    private final RepoConfig repo;
    private final DataSource dataSource;
    private final MigrationListener listener;
    private final TaskCatalog catalog;

    public TaskRunner(RepoConfig repo, Database database, MigrationListener listener, TaskCatalog catalog) {
        this.repo = repo;
        this.dataSource = new PoolDataSource(database, repo.name());
        this.listener = listener;
        this.catalog = catalog;
    }

    /**
     * Checks {@code raw} against the task's parameters without running it.
     *
     * @throws ConfigException for an unknown task or a wrong, missing or unknown parameter
     */
    public TaskArguments check(String name, Map<String, String> raw) {
        Task task = catalog.task(name);
        try {
            return TaskArguments.parse(task.parameters(), raw == null ? Map.of() : raw);
        } catch (ConfigException e) {
            throw new ConfigException("task " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * Runs task {@code name} with {@code raw} arguments.
     *
     * @return a one-line summary
     * @throws ConfigException  for an unknown task, wrong arguments, or a usage error the task itself reports
     * @throws MigrationException {@code task <name> failed: <cause>} when the task throws
     */
    public String run(String name, Map<String, String> raw) {
        TaskArguments arguments = check(name, raw);
        Task task = catalog.task(name);
        String operation = "task " + name;
        Context context = new Context(name, operation, arguments);
        long start = System.nanoTime();
        LOG.info("task {} {}: started{}", name, repo.name(), arguments.asMap().isEmpty() ? "" : " with " + arguments);
        try (CurrentOperation.Binding ignored = CurrentOperation.bind(repo.name(), operation, listener)) {
            task.run(context);
        } catch (ConfigException e) {
            throw new ConfigException("task " + name + ": " + e.getMessage(), e);
        } catch (Exception | LinkageError e) {
            String message = "task " + name + " failed: " + describe(e);
            LOG.error("{} {}: {}", operation, repo.name(), message);
            throw new MigrationException(message, e);
        }
        String summary = new TaskRun(repo.name(), name, arguments.asMap(), (System.nanoTime() - start) / 1_000_000)
                .summary();
        LOG.info(summary);
        return summary;
    }

    private static String describe(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getName() : e.getMessage().strip();
        if (e instanceof SQLException sql && sql.getSQLState() != null) {
            message += " (SQLSTATE " + sql.getSQLState() + ")";
        }
        return message;
    }

    /** The context of one run. */
    private final class Context implements TaskContext {

        private final String task;
        private final String operation;
        private final TaskArguments arguments;
        private final ProgressThrottle throttle = new ProgressThrottle();

        Context(String task, String operation, TaskArguments arguments) {
            this.task = task;
            this.operation = operation;
            this.arguments = arguments;
        }

        @Override
        public String repo() {
            return repo.name();
        }

        @Override
        public DataSource dataSource() {
            return dataSource;
        }

        @Override
        public TaskArguments arguments() {
            return arguments;
        }

        @Override
        public void log(String message) {
            LOG.info("task {} {}: {}", task, repo.name(), message);
            report(-1, 0, message);
        }

        @Override
        public void progress(long done, long total, String message) {
            if (throttle.due(done, total)) {
                LOG.info("task {} {}: {}", task, repo.name(), ProgressLines.format(Math.max(0, done), total, message));
                report(Math.max(0, done), total, message);
            }
        }

        private void report(long done, long total, String message) {
            try {
                listener.progress(repo.name(), operation, done, total, message);
            } catch (RuntimeException e) {
                LOG.debug("progress listener failed", e);
            }
        }
    }
}
