package dev.preflight.mbeans.internal;

import dev.preflight.MigrateResult;
import dev.preflight.MigrationStatus;
import dev.preflight.Preflight;
import dev.preflight.StatusReport;
import dev.preflight.Target;
import dev.preflight.ValidationReport;
import dev.preflight.lint.Finding;
import dev.preflight.mbeans.MigrationInfo;
import dev.preflight.mbeans.RepositoryMXBean;

import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Supplier;

/** {@link RepositoryMXBean} over one {@link Preflight}: a thin shell, every verb is the public API's. */
final class RepositoryBean implements RepositoryMXBean {

    private final Preflight preflight;
    private final Jobs jobs;

    RepositoryBean(Preflight preflight, Jobs jobs) {
        this.preflight = preflight;
        this.jobs = jobs;
    }

    private StatusReport report() {
        return preflight.status();
    }

    @Override
    public String getCurrentVersion() {
        return report().currentVersion().orElse(null);
    }

    @Override
    public int getPendingCount() {
        return report().pendingCount();
    }

    @Override
    public int getPendingDataCount() {
        return report().pendingDataCount();
    }

    @Override
    public String getLockHolder() {
        return preflight.lockHolder().orElse(null);
    }

    @Override
    public SortedMap<Integer, MigrationInfo> getMigrations() {
        SortedMap<Integer, MigrationInfo> rows = new TreeMap<>();
        for (MigrationStatus m : report().migrations()) {
            rows.put(rows.size() + 1, MigrationInfo.of(m));
        }
        return rows;
    }

    @Override
    public String status() {
        return report().toTable();
    }

    @Override
    public String statusJson() {
        return report().toJson();
    }

    @Override
    public String validate() {
        ValidationReport report = preflight.validate();
        return report.isValid() ? "valid" : String.join("\n", report.messages());
    }

    @Override
    public String lint() {
        return Finding.report(preflight.repo(), preflight.lint()).stripTrailing();
    }

    @Override
    public String migrate() {
        return job("migrate", preflight::migrate);
    }

    @Override
    public String migrateStep(int n) {
        Target target = Target.step(n);
        return job("migrate step " + n, () -> preflight.migrate(target));
    }

    @Override
    public String migrateTo(String version) {
        Target target = Target.to(version);
        return job("migrate to " + version, () -> preflight.migrate(target));
    }

    @Override
    public String migrateData() {
        return job("migrate-data", () -> preflight.migrateData(Target.all()));
    }

    @Override
    public String migrateDataStep(int n) {
        Target target = Target.step(n);
        return job("migrate-data step " + n, () -> preflight.migrateData(target));
    }

    @Override
    public String rollbackTo(String version) {
        Target target = Target.to(version);
        return job("rollback to " + version, () -> preflight.rollback(target));
    }

    @Override
    public String rollbackStep(int n) {
        Target target = Target.step(n);
        return job("rollback step " + n, () -> preflight.rollback(target));
    }

    @Override
    public String rollbackDataStep(int n) {
        Target target = Target.step(n);
        return job("rollback-data step " + n, () -> preflight.rollbackData(target));
    }

    // The target is built before queueing (above) so a bad argument is the caller's error at once, not a failed job.
    private String job(String operation, Supplier<MigrateResult> work) {
        return jobs.submit(preflight.repo(), operation, () -> work.get().summary());
    }
}
