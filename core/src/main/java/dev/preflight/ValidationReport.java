package dev.preflight;

import java.util.List;

/**
 * The result of {@code validate()}: every disagreement between the files and the database, each a
 * sentence that names the migration and says what to do. Empty means valid.
 *
 * @param repo the repository
 * @param problems checksum drift, applied migrations whose file is gone, failed migrations, pending schema
 *                 migrations
 */
public record ValidationReport(String repo, List<String> problems) {

    public ValidationReport {
        problems = List.copyOf(problems);
    }

    public boolean isValid() {
        return problems.isEmpty();
    }

    /** Throws a {@link MigrationException} listing the problems, if any. */
    public ValidationReport orThrow() {
        if (!isValid()) {
            throw new MigrationException("validate " + repo + " failed:\n  - " + String.join("\n  - ", problems));
        }
        return this;
    }
}
