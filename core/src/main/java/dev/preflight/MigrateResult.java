package dev.preflight;

import dev.preflight.text.Json;

import java.util.List;

/**
 * What one {@code migrate}, {@code rollback} or data-migration call did, and its renderings: {@link #toText()} (what
 * the CLI, eval and rpc print) and {@link #toJson()} (schema {@code migrate-result}).
 *
 * <pre>{@code
 * System.out.print(preflight.migrate().toText());   // "  applied 1 create_users (12 ms)\nmigrate main: 1 migration in 40 ms\n"
 * }</pre>
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

    /** One line per applied or reverted migration with its time, then {@link #summary()}; each line ends with a break. */
    public String toText() {
        String verb = operation.startsWith("rollback") ? "reverted " : "applied ";
        StringBuilder out = new StringBuilder();
        for (Applied m : migrations) {
            out.append("  ").append(verb).append(m.id()).append(' ').append(m.name()).append(" (").append(m.millis())
                    .append(" ms)\n");
        }
        return out.append(summary()).append('\n').toString();
    }

    /** {@code {"repo","operation","millis","migrations":[{"id","version","name","kind","millis"}]}}. */
    public String toJson() {
        return Json.object().add("repo", repo).add("operation", operation).add("millis", millis)
                .add("migrations", Json.array(migrations, m -> Json.object().add("id", m.id())
                        .add("version", m.version()).add("name", m.name()).add("kind", m.kind().code())
                        .add("millis", m.millis())))
                .toString();
    }
}
