package dev.preflight;

import dev.preflight.text.Json;
import dev.preflight.text.Table;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
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

    private static final DateTimeFormatter APPLIED_AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

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
        Table table = Table.withHeader("Status", "Migration ID", "Migration Name", "Kind", "Applied at");
        for (MigrationStatus m : migrations) {
            table.row(m.state().label() + (m.checksumMismatch() ? " (changed)" : "")
                            + (m.detail() == null ? "" : " (" + m.detail() + ")"), m.id(), m.name(),
                    m.kind().code(), m.appliedAt() == null ? "" : APPLIED_AT.format(m.appliedAt()));
        }
        return "Repo: " + repo + "\n" + table + (migrations.isEmpty() ? "(no migrations found)\n" : "");
    }

    /**
     * The same as one JSON object, for scripts (schema {@code status}): repo, currentVersion, pending, pendingData
     * and every migration with status, id, version, name, kind, appliedAt (ISO-8601), checksumMismatch, origin,
     * detail (where an unfinished non-transactional migration stopped, e.g. {@code statement 2 of 3}; else null).
     */
    public String toJson() {
        return Json.object().add("repo", repo).add("currentVersion", currentVersion().orElse(null))
                .add("pending", pendingCount()).add("pendingData", pendingDataCount())
                .add("migrations", Json.array(migrations, m -> Json.object()
                        .add("status", m.state().label()).add("id", m.id()).add("version", m.version())
                        .add("name", m.name()).add("kind", m.kind().code())
                        .add("appliedAt", m.appliedAt() == null ? null : m.appliedAt().toString())
                        .add("checksumMismatch", m.checksumMismatch()).add("origin", m.origin())
                        .add("detail", m.detail())))
                .toString();
    }
}
