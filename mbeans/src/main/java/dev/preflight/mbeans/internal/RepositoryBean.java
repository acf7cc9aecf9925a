package dev.preflight.mbeans.internal;

import dev.preflight.MigrationStatus;
import dev.preflight.Preflight;
import dev.preflight.StatusReport;
import dev.preflight.mbeans.MigrationInfo;
import dev.preflight.mbeans.RepositoryMXBean;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * {@link RepositoryMXBean} over one repo: the attributes read its {@link Preflight}; every operation is the command
 * of the same name with {@code --repo <this repo>}, run by {@link CommandsBean} (checked first; a change as a job).
 */
final class RepositoryBean implements RepositoryMXBean {

    private final Preflight preflight;
    private final CommandsBean commands;

    RepositoryBean(Preflight preflight, CommandsBean commands) {
        this.preflight = preflight;
        this.commands = commands;
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
        return commands.text(command("status"));
    }

    @Override
    public String statusJson() {
        return commands.json(command("status"));
    }

    @Override
    public String validate() {
        return commands.text(command("validate"));
    }

    @Override
    public String lint() {
        return commands.text(command("lint"));
    }

    @Override
    public String migrate() {
        return commands.submit(command("migrate"));
    }

    @Override
    public String migrateStep(int n) {
        return commands.submit(command("migrate", "--step", Integer.toString(n)));
    }

    @Override
    public String migrateTo(String version) {
        return commands.submit(command("migrate", "--to", version));
    }

    @Override
    public String migrateData() {
        return commands.submit(command("migrate-data"));
    }

    @Override
    public String migrateDataStep(int n) {
        return commands.submit(command("migrate-data", "--step", Integer.toString(n)));
    }

    @Override
    public String migrateDataTo(String version) {
        return commands.submit(command("migrate-data", "--to", version));
    }

    @Override
    public String rollbackTo(String version) {
        return commands.submit(command("rollback", "--to", version));
    }

    @Override
    public String rollbackStep(int n) {
        return commands.submit(command("rollback", "--step", Integer.toString(n)));
    }

    @Override
    public String rollbackDataTo(String version) {
        return commands.submit(command("rollback-data", "--to", version));
    }

    @Override
    public String rollbackDataStep(int n) {
        return commands.submit(command("rollback-data", "--step", Integer.toString(n)));
    }

    @Override
    public String baseline(String version) {
        return commands.submit(command("baseline", "--version", version));
    }

    @Override
    public String repair() {
        return commands.submit(command("repair"));
    }

    @Override
    public String repairMarkApplied(String version) {
        return commands.submit(command("repair", "--mark-applied", version));
    }

    @Override
    public String repairRemove(String version) {
        return commands.submit(command("repair", "--remove", version));
    }

    /** The command on this repo: {@code migrate --repo main --step 1}. */
    private List<String> command(String name, String... options) {
        List<String> args = new ArrayList<>(List.of(name, "--repo", preflight.repo()));
        args.addAll(List.of(options));
        return args;
    }
}
