package dev.preflight;

import dev.preflight.engine.StatusFormat;

import java.util.List;
import java.util.Optional;

/**
 * The status table of one repository: every migration known from its files or its history, schema
 * migrations first (in version order, repeatables last), then data migrations.
 *
 * <pre>{@code
 * System.out.println(preflight.status().toTable());
 * }</pre>
 */
public record StatusReport(String repo, List<MigrationStatus> migrations) {

    public StatusReport {
        migrations = List.copyOf(migrations);
    }

    /** Schema migrations (versioned and repeatable) waiting to be applied; data migrations not counted. */
    public int pendingCount() {
        return (int) migrations.stream()
                .filter(m -> m.state() == MigrationStatus.State.DOWN && m.kind() != Kind.DATA)
                .count();
    }

    /** Data migrations waiting to be run by hand. */
    public int pendingDataCount() {
        return (int) migrations.stream()
                .filter(m -> m.state() == MigrationStatus.State.DOWN && m.kind() == Kind.DATA)
                .count();
    }

    /** The newest applied schema version (or the baseline), if any. */
    public Optional<String> currentVersion() {
        String current = null;
        for (MigrationStatus m : migrations) {
            boolean schema = m.kind() == Kind.SCHEMA || m.kind() == Kind.BASELINE;
            if (schema && m.isApplied() && m.version() != null) {
                current = m.version();
            }
        }
        return Optional.ofNullable(current);
    }

    /** The table every surface prints: Status | Migration ID | Migration Name | Kind | Applied at. */
    public String toTable() {
        return StatusFormat.table(this);
    }

    /** The same as JSON, for scripts. */
    public String toJson() {
        return StatusFormat.json(this);
    }
}
