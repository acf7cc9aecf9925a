package dev.preflight.agent;

import dev.preflight.MigrationStatus;
import dev.preflight.Preflight;
import dev.preflight.StatusReport;
import dev.preflight.ValidationReport;
import dev.preflight.ValidationReport.Problem;
import dev.preflight.Version;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Optional;

/**
 * {@code startup=validate}: the start fails when anything is pending, changed, failed or missing, except for one
 * case a rolling update makes normal. While v2 rolls out, its init container (or its first pod) has applied v2's
 * migrations; a v1 pod that restarts then finds applied migrations it has no file for, all newer than its own
 * newest. That is a newer release at work, not drift: it is logged and v1 starts, as {@code startup=migrate} lets it.
 * A missing file older than the newest local one is still drift and still fails.
 *
 * <pre>{@code
 * StartupValidation.check(preflight, "main");   // throws MigrationException listing the problems
 * }</pre>
 */
final class StartupValidation {

    private static final Logger LOG = LoggerFactory.getLogger("preflight");

    private StartupValidation() {
    }

    static void check(Preflight preflight, String repo) {
        ValidationReport report = preflight.validate();
        List<Problem> missing = report.problems().stream().filter(p -> p.kind() == Problem.Kind.MISSING).toList();
        if (!missing.isEmpty()) {
            Optional<List<String>> newer = appliedByANewerRelease(preflight.status(), missing.size());
            if (newer.isPresent()) {
                LOG.warn("validate {}: {} applied by a newer release of the application ({}): starting, as a rolling"
                        + " update expects", repo, newer.get().size() == 1 ? "migration" : "migrations",
                        String.join(", ", newer.get()));
                report = new ValidationReport(report.repo(), report.problems().stream()
                        .filter(p -> p.kind() != Problem.Kind.MISSING).toList());
            }
        }
        report.orThrow();
        LOG.info("validate {}: files and database agree, nothing pending", repo);
    }

    /**
     * The versions applied without a file here when every one of them is newer than the newest migration that has a
     * file here (and they account for all {@code missing} problems); empty otherwise.
     */
    private static Optional<List<String>> appliedByANewerRelease(StatusReport status, int missing) {
        Version newestLocal = null;
        for (MigrationStatus m : status.migrations()) {
            if (m.version() != null && m.state() != MigrationStatus.State.FILE_NOT_FOUND) {
                Version v = Version.parse(m.version());
                newestLocal = newestLocal == null || v.compareTo(newestLocal) > 0 ? v : newestLocal;
            }
        }
        List<MigrationStatus> gone = status.migrations().stream()
                .filter(m -> m.state() == MigrationStatus.State.FILE_NOT_FOUND).toList();
        Version newest = newestLocal;
        boolean allNewer = gone.size() == missing && gone.stream()
                .allMatch(m -> m.version() != null && (newest == null || Version.parse(m.version()).compareTo(newest) > 0));
        return allNewer ? Optional.of(gone.stream().map(MigrationStatus::id).toList()) : Optional.empty();
    }
}
