package dev.preflight.agent;

import dev.preflight.Kind;
import dev.preflight.MigrationStatus;
import dev.preflight.Preflight;
import dev.preflight.StatusReport;
import dev.preflight.ValidationReport;
import dev.preflight.ValidationReport.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code startup=validate}: the start fails when anything is pending, changed, failed or missing, except for one
 * case a rolling update makes normal. While v2 rolls out, its init container (or its first pod) has applied v2's
 * migrations; a v1 pod that restarts then finds applied migrations it has no file for, all newer than its own
 * newest (in the layout's own order). That is a newer release at work, not drift: it is logged and v1 starts, as {@code startup=migrate} lets it.
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
     * The versions applied without a file here when every one of them comes after the last schema migration that has
     * a file here, in the layout's own order (the status lists migrations in it), and they account for all
     * {@code missing} problems; empty otherwise.
     */
    private static Optional<List<String>> appliedByANewerRelease(StatusReport status, int missing) {
        List<MigrationStatus> schema = status.migrations().stream()
                .filter(m -> m.version() != null && m.kind() != Kind.DATA).toList();
        int lastLocal = -1;
        for (int i = 0; i < schema.size(); i++) {
            if (schema.get(i).origin() != null) {
                lastLocal = i;
            }
        }
        List<String> gone = new ArrayList<>();
        for (int i = 0; i < schema.size(); i++) {
            if (schema.get(i).state() == MigrationStatus.State.FILE_NOT_FOUND) {
                if (i < lastLocal) {
                    return Optional.empty();
                }
                gone.add(schema.get(i).id());
            }
        }
        return gone.size() == missing ? Optional.of(gone) : Optional.empty();
    }
}
