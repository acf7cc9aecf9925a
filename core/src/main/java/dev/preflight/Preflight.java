package dev.preflight;

import dev.preflight.db.Database;
import dev.preflight.engine.Migrator;
import dev.preflight.lint.Finding;
import dev.preflight.lint.LintSettings;
import dev.preflight.lint.Linter;
import dev.preflight.task.TaskCatalog;
import dev.preflight.task.TaskRunner;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The entry point: one repository's migrations, with the verbs a user already knows. Every surface (the
 * agent, the CLI, the MBeans, jshell) calls this class and nothing below it.
 *
 * <pre>{@code
 * try (Preflight preflight = Preflight.open(PreflightConfig.load())) {
 *     preflight.migrate();                       // all pending schema migrations
 *     preflight.migrate(Target.step(1));         // or one
 *     System.out.print(preflight.status().toTable());
 *     preflight.rollback(Target.step(1));        // explicit, with the down script
 *     preflight.migrateData(Target.all());       // data migrations: only ever by hand
 *     preflight.runTask("analyze", Map.of("last", "1"));   // a one-off task (see Task)
 * }
 * }</pre>
 *
 * <p>Connections (at most two: one for the lock, one for the work) are opened on first use and closed by
 * {@link #close()}. Operations on one instance run one at a time; operations of several instances or
 * processes on one database are serialised by PostgreSQL's advisory lock.
 *
 * <p>An application with a pool of its own (a container database in a test, an IAM-token pool, Spring Boot's
 * DataSource) hands it over instead of a url; Preflight then borrows its two connections from it and never closes it:
 * <pre>{@code
 * try (Preflight preflight = Preflight.open(dataSource)) {    // locations, table, ... from the usual sources
 *     preflight.migrate();
 * }
 * }</pre>
 */
public final class Preflight implements AutoCloseable {

    private final RepoConfig repo;
    private final Database database;
    private final Migrator migrator;
    private final TaskCatalog tasks;
    private final TaskRunner taskRunner;
    private final MigrationListener listener;

    private Preflight(RepoConfig repo, DataSource dataSource, ClassLoader loader, MigrationListener listener) {
        this.repo = Objects.requireNonNull(repo, "repo");
        this.listener = listener;
        this.database = new Database(repo, dataSource, listener);
        this.migrator = new Migrator(repo, loader, listener, database);
        this.tasks = new TaskCatalog(repo, loader);
        this.taskRunner = new TaskRunner(repo, database, listener, tasks);
    }

    /** The default (first) repository of {@code config}. */
    public static Preflight open(PreflightConfig config) {
        return open(config.defaultRepo());
    }

    /** The named repository of {@code config}. */
    public static Preflight open(PreflightConfig config, String repo) {
        return open(config.repo(repo));
    }

    /** A repository, with classpath locations and Java migrations looked up in the context class loader. */
    public static Preflight open(RepoConfig repo) {
        return open(repo, contextLoader(), MigrationListener.NONE);
    }

    /**
     * The full form: {@code loader} finds classpath locations and Java migrations (the application's class
     * loader), {@code listener} follows progress.
     */
    public static Preflight open(RepoConfig repo, ClassLoader loader, MigrationListener listener) {
        return new Preflight(repo, null, loader == null ? contextLoader() : loader,
                listener == null ? MigrationListener.NONE : listener);
    }

    /**
     * The default repository of {@link PreflightConfig#load()} on the application's own connections: everything but
     * the connection (locations, history table, lock-wait, ...) as configured; {@code url}, {@code user} and
     * {@code password} are not used.
     */
    public static Preflight open(DataSource dataSource) {
        return open(dataSource, PreflightConfig.load().defaultRepo());
    }

    /** {@code repo} on the application's own connections; its {@code url}, {@code user} and {@code password} are not used. */
    public static Preflight open(DataSource dataSource, RepoConfig repo) {
        return open(dataSource, repo, contextLoader(), MigrationListener.NONE);
    }

    /**
     * The full form on the application's own connections: a command borrows two from {@code dataSource} at once (one
     * holds the migration lock for the whole command, one does the work), so a pool must allow at least two;
     * {@link #close()} leaves {@code dataSource} open. A borrowed connection is switched to auto-commit (the engine
     * opens its own transactions); pools such as HikariCP restore their own setting when it comes back.
     */
    public static Preflight open(DataSource dataSource, RepoConfig repo, ClassLoader loader,
                                 MigrationListener listener) {
        return new Preflight(repo, Objects.requireNonNull(dataSource, "dataSource"),
                loader == null ? contextLoader() : loader, listener == null ? MigrationListener.NONE : listener);
    }

    private static ClassLoader contextLoader() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return loader != null ? loader : Preflight.class.getClassLoader();
    }

    /** The repository's name. */
    public String repo() {
        return repo.name();
    }

    /** Every migration known from the files or the history table, schema first, then data. */
    public synchronized StatusReport status() {
        return migrator.status();
    }

    /** Applies every pending schema migration. */
    public MigrateResult migrate() {
        return migrate(Target.all());
    }

    /** Applies pending schema migrations up to {@code target}; data migrations are never part of it. */
    public synchronized MigrateResult migrate(Target target) {
        return observed("migrate", () -> migrator.migrate(Kind.SCHEMA, target));
    }

    /** Reverts schema migrations with their down scripts; every needed down script is checked first. */
    public synchronized MigrateResult rollback(Target target) {
        return observed("rollback", () -> migrator.rollback(Kind.SCHEMA, target));
    }

    /** Runs pending data migrations (from the data locations) up to {@code target}. */
    public synchronized MigrateResult migrateData(Target target) {
        return observed("migrate-data", () -> migrator.migrate(Kind.DATA, target));
    }

    /** Reverts data migrations with their down scripts. */
    public synchronized MigrateResult rollbackData(Target target) {
        return observed("rollback-data", () -> migrator.rollback(Kind.DATA, target));
    }

    /** Compares files and database: checksums, missing files, failed and pending migrations. */
    public synchronized ValidationReport validate() {
        return migrator.validate();
    }

    /** Marks an existing database as being at {@code version}: migrations up to it will not run. */
    public synchronized void baseline(String version) {
        migrator.baseline(version);
    }

    /**
     * Removes the rows of failed and interrupted migrations (they count as not applied; {@code migrate} runs them
     * again) and accepts changed files' checksums; returns what it did.
     */
    public synchronized List<String> repair() {
        return migrator.repair();
    }

    /**
     * Records a non-transactional migration that failed or was interrupted half-way as applied, once you have run
     * its remaining statements by hand (for an interrupted rollback: redone what its down script undid). The error
     * and {@code status} say which statements are applied.
     *
     * <pre>{@code
     * preflight.repairMarkApplied("20240301120000");
     * }</pre>
     *
     * @throws ConfigException when no failed or interrupted migration has that version
     */
    public synchronized List<String> repairMarkApplied(String version) {
        return migrator.repairMarkApplied(version);
    }

    /**
     * Removes the row of a non-transactional migration that failed or was interrupted half-way, once you have undone
     * what it applied (for an interrupted rollback: finished reverting it): it counts as not applied, and
     * {@code migrate} runs it again from its first statement.
     *
     * @throws ConfigException when no failed or interrupted migration has that version
     */
    public synchronized List<String> repairRemove(String version) {
        return migrator.repairRemove(version);
    }

    /**
     * Checks that a failed or interrupted migration has {@code version}, without changing anything or waiting for the
     * lock: for surfaces that run {@link #repairMarkApplied} or {@link #repairRemove} later (a JMX job) and must
     * refuse a wrong version at once.
     *
     * @throws ConfigException as those two do when none has it
     */
    public void checkRepairable(String version) {
        migrator.checkRepairable(version);
    }

    /**
     * The safety lint of every SQL migration of the repo (schema and data, up and down scripts, applied or pending,
     * each migration on its own): the rules {@code lint.rules} and {@code lint.conventions} turn on, without the
     * findings accepted by {@code -- preflight:allow <rule>}. Reads only the files. {@link #migrate},
     * {@link #migrateData} and the rollbacks also lint the scripts they are about to run, as one run and asking the
     * database, as the {@code lint} setting says. Files outside the locations: {@link #lint(List)}.
     *
     * <pre>{@code
     * System.out.print(new LintReport("main", preflight.lint()).toText());
     * }</pre>
     */
    public synchronized List<Finding> lint() {
        return migrator.lint();
    }

    /**
     * The safety lint of files and folders that need not be in a location (a pre-commit hook, CI on a pull request),
     * with this repo's rules: a folder is read as a location, a file stands for its whole migration, a {@code .sql}
     * file no layout takes is linted as a plain script (see {@link Linter#lintFiles}). Reads only the files.
     *
     * <pre>{@code
     * List<Finding> findings = preflight.lint(List.of(Path.of("db/migrations/20240301_email.sql")));
     * }</pre>
     *
     * @throws MigrationException for a path that does not exist or a broken migration file
     */
    public List<Finding> lint(List<Path> paths) {
        return Linter.lintFiles(paths, LintSettings.of(repo));
    }

    /**
     * Every task: the built-in ones ({@code analyze}) and the application's {@link Task} services found with this
     * instance's class loader, sorted by name.
     *
     * @throws ConfigException when a listed task cannot be loaded, or two tasks share a name
     */
    public List<Task> tasks() {
        return tasks.tasks();
    }

    /**
     * The task named {@code name}.
     *
     * @throws ConfigException for an unknown name, with a "did you mean" and the known names
     */
    public Task task(String name) {
        return tasks.task(name);
    }

    /**
     * Runs a task once, with its arguments as text ({@code Map.of("older-than", "2024-01-01")}); they are checked
     * against its parameters first, so a wrong one fails before anything runs. Log and progress lines go to the
     * log and to this instance's {@link MigrationListener#progress}.
     *
     * <pre>{@code
     * preflight.runTask("analyze", Map.of("last", "3"));
     * preflight.runTask("purge-done-todos", TaskArguments.pairs("older-than=2024-01-01,dry-run=false"));
     * }</pre>
     *
     * <p>A task does not take the migration lock: a one-off task must neither wait behind a long migration nor
     * hold up the start-up of another instance that wants to migrate. It works on this repository's pool (at
     * most two connections). Not serialised with this instance's other operations either, so {@link #status()}
     * stays available while a long task runs.
     *
     * @return a one-line summary, e.g. {@code task analyze (repo main): done in 35 ms}
     * @throws ConfigException    for an unknown task, or a wrong, missing or unknown parameter (the message names
     *                            it and lists every parameter's usage)
     * @throws MigrationException {@code task <name> failed: <cause>} when the task throws
     */
    public String runTask(String name, Map<String, String> arguments) {
        return observed("task", () -> taskRunner.run(name, arguments));
    }

    /** Tells the listener when an operation that changes the database fails: what a failure metric counts. */
    private <T> T observed(String operation, Supplier<T> work) {
        try {
            return work.get();
        } catch (RuntimeException e) {
            listener.failed(repo.name(), operation, e);
            throw e;
        }
    }

    /**
     * Checks {@code arguments} against task {@code name}'s parameters without running it (for surfaces that run
     * the task later, such as a JMX job, and must refuse bad arguments at once).
     *
     * @throws ConfigException as {@link #runTask} does before it runs anything
     */
    public TaskArguments checkTask(String name, Map<String, String> arguments) {
        return taskRunner.check(name, arguments);
    }

    /** Who holds the migration lock now (pid, application, since), if anyone. */
    public Optional<String> lockHolder() {
        return migrator.lockHolder();
    }

    /** Closes Preflight's own connections (an application's data source stays open). */
    @Override
    public void close() {
        database.close();
    }
}
