package dev.preflight;

import java.util.List;

/**
 * What one {@code migrate}, {@code rollback} or data-migration call did.
 *
 * @param repo the repository
 * @param operation e.g. {@code migrate}, {@code rollback}, {@code migrate-data}
 * @param migrations what was applied (or reverted), in order
 * @param millis wall time of the whole operation, lock wait included
 */
public record MigrateResult(String repo, String operation, List<Applied> migrations, long millis) {

    public MigrateResult {
        migrations = List.copyOf(migrations);
    }

    /** One migration applied or reverted, and how long it took. */
    public record Applied(String version, String name, Kind kind, long millis) {
        public String id() {
            return version != null ? version : "R__" + name;
        }
    }

    public int count() {
        return migrations.size();
    }

    /** One line for logs: {@code migrate main: 3 migrations in 120 ms}. */
    public String summary() {
        String what = migrations.isEmpty() ? "nothing to do"
                : migrations.size() + (migrations.size() == 1 ? " migration" : " migrations");
        return operation + " " + repo + ": " + what + " in " + millis + " ms";
    }
}
