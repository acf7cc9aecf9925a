package dev.preflight;

import dev.preflight.text.Json;

import java.util.List;
import java.util.Locale;

/**
 * The result of {@code validate()}: every disagreement between the files and the database, each a sentence that
 * names the migration and says what to do, with its {@link Problem.Kind kind}, so that a script can tell "not yet
 * migrated" ({@code pending}) from "drifted" ({@code changed}, {@code missing}, {@code failed}, {@code interrupted}). Empty means valid.
 *
 * <pre>{@code
 * ValidationReport report = preflight.validate();
 * System.out.print(report.toText());             // "validate main: ok\n"
 * boolean drifted = report.kinds().contains(ValidationReport.Problem.Kind.CHANGED);
 * }</pre>
 *
 * @param repo the repository
 * @param problems checksum drift, applied migrations whose file is gone, failed, interrupted or running
 *                 non-transactional migrations, pending schema migrations
 */
public record ValidationReport(String repo, List<Problem> problems) {

    public ValidationReport {
        problems = List.copyOf(problems);
    }

    /** One disagreement: what kind it is, and the sentence that explains it. */
    public record Problem(Kind kind, String message) {

        /** The kinds of problem, as {@code validate --json} names them. */
        public enum Kind {
            /** Schema migrations not applied yet (run migrate). */
            PENDING,
            /** An applied migration's file changed since (restore it, or repair). */
            CHANGED,
            /** An applied migration's file is gone. */
            MISSING,
            /** A migration failed outside a transaction and may be half-applied. */
            FAILED,
            /** A migration outside a transaction was interrupted (its session is gone) and may be half-applied. */
            INTERRUPTED,
            /** A migration outside a transaction is running now, in a session that no longer holds the lock. */
            RUNNING;

            /**
             * The name in JSON: {@code pending}, {@code changed}, {@code missing}, {@code failed},
             * {@code interrupted}, {@code running}.
             */
            public String code() {
                return name().toLowerCase(Locale.ROOT);
            }
        }

        @Override
        public String toString() {
            return message;
        }
    }

    public boolean isValid() {
        return problems.isEmpty();
    }

    /** The sentences, in order. */
    public List<String> messages() {
        return problems.stream().map(Problem::message).toList();
    }

    /** The kinds found, each once, in the order of {@link Problem.Kind}. */
    public List<Problem.Kind> kinds() {
        return List.of(Problem.Kind.values()).stream().filter(k -> problems.stream().anyMatch(p -> p.kind() == k))
                .toList();
    }

    /** Throws a {@link MigrationException} listing the problems, if any. */
    public ValidationReport orThrow() {
        if (!isValid()) {
            throw new MigrationException("validate " + repo + " failed:\n  - " + String.join("\n  - ", messages()));
        }
        return this;
    }

    /** {@code validate <repo>: ok}, or the count and one {@code  - } line per problem; each line ends with a break. */
    public String toText() {
        if (isValid()) {
            return "validate " + repo + ": ok\n";
        }
        StringBuilder out = new StringBuilder("validate " + repo + ": " + problems.size() + " problem(s)\n");
        problems.forEach(p -> out.append("  - ").append(p.message()).append('\n'));
        return out.toString();
    }

    /** {@code {"repo","valid","kinds":[...],"problems":[{"kind","message"}]}} (schema {@code validation}). */
    public String toJson() {
        return Json.object().add("repo", repo).add("valid", isValid())
                .add("kinds", Json.array(kinds().stream().map(Problem.Kind::code).toList()))
                .add("problems", Json.array(problems, p -> Json.object().add("kind", p.kind().code())
                        .add("message", p.message())))
                .toString();
    }
}
