package dev.preflight.mbeans;

import java.util.SortedMap;

/**
 * One repository, as {@code dev.preflight:type=Repository,name=<repo>}. Attributes and {@link #status()} and
 * {@link #validate()} answer at once; every operation that changes the database runs as a job on the
 * {@link JobsMXBean} and returns its id, to follow with {@code JobsMXBean.job(id)}. Changes take the same advisory
 * lock as start-up migrations. Each operation is the CLI's command of the same name on this repo: its arguments
 * are checked before a job is queued (a bad one is an {@link IllegalArgumentException} with the whole message),
 * and its text is the CLI's.
 */
public interface RepositoryMXBean {

    @Description("The newest applied schema version, or null")
    String getCurrentVersion();

    @Description("Schema migrations waiting to be applied (data migrations not counted)")
    int getPendingCount();

    @Description("Data migrations waiting to be run by hand")
    int getPendingDataCount();

    @Description("Who holds the migration lock now (pid, application, since), or null")
    String getLockHolder();

    /** A sorted map so that JMX shows it as TabularData, indexed by the row's place in the status table. */
    @Description("The status table (TabularData): key = position, value = status, id, name, kind, appliedAt, checksumMismatch")
    SortedMap<Integer, MigrationInfo> getMigrations();

    @ReadOnly
    @Description("The status table as text, as the CLI's status prints it")
    String status();

    @ReadOnly
    @Description("The status as JSON (repo, currentVersion, pending, pendingData, migrations), as status --json")
    String statusJson();

    @ReadOnly
    @Description("Compares files and database: 'validate <repo>: ok', or the problems, one a line, as the CLI's validate")
    String validate();

    @ReadOnly
    @Description("The safety lint of every SQL migration: one block per hazard, then 'lint <repo>: ok' or the count")
    String lint();

    @Description("Applies every pending schema migration; returns a job id")
    String migrate();

    @Description("Applies the next n pending schema migrations; returns a job id")
    String migrateStep(int n);

    @Description("Applies pending schema migrations up to and including a version; returns a job id")
    String migrateTo(String version);

    @Description("Runs every pending data migration; returns a job id")
    String migrateData();

    @Description("Runs the next n pending data migrations; returns a job id")
    String migrateDataStep(int n);

    @Description("Runs pending data migrations up to and including a version; returns a job id")
    String migrateDataTo(String version);

    @Description("Reverts schema migrations above a version (0 reverts all); returns a job id")
    String rollbackTo(String version);

    @Description("Reverts the last n schema migrations; returns a job id")
    String rollbackStep(int n);

    @Description("Reverts data migrations above a version (0 reverts all); returns a job id")
    String rollbackDataTo(String version);

    @Description("Reverts the last n data migrations; returns a job id")
    String rollbackDataStep(int n);

    @Description("Marks a database Preflight has not migrated as being at a version; returns a job id")
    String baseline(String version);

    @Description("Drops failed and interrupted history rows and accepts changed files' checksums; returns a job id")
    String repair();

    @Description("Records the failed or interrupted non-transactional migration of a version as applied (finished by"
            + " hand), as repair --mark-applied; returns a job id")
    String repairMarkApplied(String version);

    @Description("Removes the row of the failed or interrupted non-transactional migration of a version (undone by"
            + " hand): it counts as not applied, as repair --remove; returns a job id")
    String repairRemove(String version);
}
