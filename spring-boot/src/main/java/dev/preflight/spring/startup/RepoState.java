package dev.preflight.spring.startup;

import dev.preflight.MigrationStatus;
import dev.preflight.StatusReport;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where one repository stands, as the readiness indicator and the gauges see it: its start-up phase, what runs now, the
 * last error, and counts from its last status. Immutable; {@link StartupState} swaps it.
 *
 * @param phase        start-up's phase
 * @param current      the migration running now ({@code 3 add_index}), or null
 * @param error        why start-up failed (its message, never a password), or null
 * @param pending      schema migrations not applied, at {@code checkedAt}; -1 before the first status
 * @param applied      schema migrations applied (the baseline counted)
 * @param failed       migrations the history records as failed
 * @param version      the newest applied schema version, or null
 * @param checkedAt    when the counts were read; null before the first status
 * @param statusError  why the last status could not be read (the database did not answer), or null
 */
public record RepoState(Phase phase, String current, String error, int pending, int applied, int failed,
                        String version, Instant checkedAt, String statusError) {

    /** Start-up's phases. */
    public enum Phase {
        /** Start-up has not begun (background start-up not yet run). */
        STARTING,
        /** Start-up runs: migrating or validating. */
        RUNNING,
        /** Start-up succeeded. */
        DONE,
        /** Start-up failed (the application was let start with {@code on-failure=continue}). */
        FAILED,
        /** {@code startup=off}: nothing ran at start-up. */
        OFF,
        /** The agent ran start-up before the application's main; this module only reports. */
        AGENT,
        /** The agent ran start-up and it failed. */
        AGENT_FAILED
    }

    static RepoState initial() {
        return new RepoState(Phase.STARTING, null, null, -1, 0, 0, null, null, null);
    }

    RepoState phase(Phase next, String currentMigration, String failure) {
        return new RepoState(next, currentMigration, failure, pending, applied, failed, version, checkedAt, statusError);
    }

    RepoState counted(StatusReport report, Instant at) {
        int applied = 0;
        int failed = 0;
        for (MigrationStatus m : report.migrations()) {
            if (m.kind() != dev.preflight.Kind.DATA && m.isApplied()) {
                applied++;
            }
            if (m.state() == MigrationStatus.State.FAILED) {
                failed++;
            }
        }
        return new RepoState(phase, current, error, report.pendingCount(), applied, failed,
                report.currentVersion().orElse(null), at, null);
    }

    RepoState statusFailed(String why) {
        return new RepoState(phase, current, error, pending, applied, failed, version, checkedAt, why);
    }

    /** Ready: start-up over and not failed, and the last status found nothing pending and nothing failed. */
    public boolean ready() {
        boolean startupOver = phase == Phase.DONE || phase == Phase.OFF || phase == Phase.AGENT;
        return startupOver && checkedAt != null && pending == 0 && failed == 0;
    }

    /** Why not ready, in words; null when ready. */
    public String reason() {
        return switch (phase) {
            case STARTING -> "start-up has not run yet";
            case RUNNING -> current == null ? "start-up runs" : "migrating " + current;
            case FAILED -> "start-up failed: " + error;
            case AGENT_FAILED -> "the agent's start-up failed (see its log)";
            default -> checkedAt == null ? "status not read yet" + (statusError == null ? "" : ": " + statusError)
                    : failed > 0 ? failed + " failed migration(s) in the history; repair them"
                    : pending > 0 ? pending + " pending migration(s)" : null;
        };
    }

    /** The details the health endpoint shows. */
    public Map<String, Object> details() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("phase", phase.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        if (current != null) {
            details.put("current", current);
        }
        if (checkedAt != null) {
            details.put("version", version);
            details.put("pending", pending);
            details.put("applied", applied);
            details.put("failed", failed);
            details.put("checkedAt", checkedAt.toString());
        }
        if (reason() != null) {
            details.put("reason", reason());
        }
        if (statusError != null) {
            details.put("statusError", statusError);
        }
        return details;
    }
}
