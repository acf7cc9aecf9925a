package dev.preflight;

import dev.preflight.db.Database;
import dev.preflight.engine.Migrator;
import dev.preflight.lint.Finding;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

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
 * }
 * }</pre>
 *
 * <p>Connections (at most two: one for the lock, one for the work) are opened on first use and closed by
 * {@link #close()}. Operations on one instance run one at a time; operations of several instances or
 * processes on one database are serialised by PostgreSQL's advisory lock.
 */
public final class Preflight implements AutoCloseable {

    private final RepoConfig repo;
    private final Database database;
    private final Migrator migrator;

    private Preflight(RepoConfig repo, ClassLoader loader, MigrationListener listener) {
        this.repo = Objects.requireNonNull(repo, "repo");
        this.database = new Database(repo, listener);
        this.migrator = new Migrator(repo, loader, listener, database);
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
        return new Preflight(repo, loader == null ? contextLoader() : loader,
                listener == null ? MigrationListener.NONE : listener);
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
        return migrator.migrate(Kind.SCHEMA, target);
    }

    /** Reverts schema migrations with their down scripts; every needed down script is checked first. */
    public synchronized MigrateResult rollback(Target target) {
        return migrator.rollback(Kind.SCHEMA, target);
    }

    /** Runs pending data migrations (from the data locations) up to {@code target}. */
    public synchronized MigrateResult migrateData(Target target) {
        return migrator.migrate(Kind.DATA, target);
    }

    /** Reverts data migrations with their down scripts. */
    public synchronized MigrateResult rollbackData(Target target) {
        return migrator.rollback(Kind.DATA, target);
    }

    /** Compares files and database: checksums, missing files, failed and pending migrations. */
    public synchronized ValidationReport validate() {
        return migrator.validate();
    }

    /** Marks an existing database as being at {@code version}: migrations up to it will not run. */
    public synchronized void baseline(String version) {
        migrator.baseline(version);
    }

    /** Removes failed rows and accepts changed files' checksums; returns what it did. */
    public synchronized List<String> repair() {
        return migrator.repair();
    }

    /**
     * The safety lint of every SQL migration of the repo (schema and data, applied or pending): PostgreSQL
     * lock and rewrite hazards, without those accepted by {@code -- preflight:allow <rule>}. Reads only the
     * files. {@link #migrate} also lints the migrations it is about to run, as the {@code lint} setting says.
     *
     * <pre>{@code
     * preflight.lint().forEach(f -> System.out.print(f.toBlock()));
     * }</pre>
     */
    public synchronized List<Finding> lint() {
        return migrator.lint();
    }

    /** Who holds the migration lock now (pid, application, since), if anyone. */
    public Optional<String> lockHolder() {
        return migrator.lockHolder();
    }

    /** Closes the connections. */
    @Override
    public void close() {
        database.close();
    }
}
