package dev.preflight.command;

import dev.preflight.ConfigException;
import dev.preflight.config.Suggestions;

import java.util.List;
import java.util.Optional;

/**
 * Which repos a command runs on: one rule for every surface (CLI, eval, rpc, MBeans), declared with each command.
 * {@code --repo NAME} always picks one. Without it: looking and applying everything pending covers every repo,
 * anything pointed ({@code --step}, {@code --to}, repair's {@code --mark-applied}/{@code --remove}, lint's files) or
 * one-off (a task) goes to the default repo (the
 * first of {@code repos}), and what rewinds or rewrites history (rollback, baseline) must be named when there are
 * several.
 *
 * <pre>{@code
 * RepoPolicy.EVERY.repos(CommandLine.parse("status"), List.of("main", "audit"));               // [main, audit]
 * RepoPolicy.EVERY.repos(CommandLine.parse("migrate", "--step", "1"), List.of("main", "audit")); // [main]
 * }</pre>
 */
public enum RepoPolicy {

    /** Every repo, in the order of {@code repos}; with {@code --step}, {@code --to} or words, as {@link #DEFAULT}. */
    EVERY("every repo"),
    /** The default repo (the first of {@code repos}). */
    DEFAULT("the default repo"),
    /** The only repo; with several, {@code --repo} is required (never all of them at once). */
    NAMED("the only repo; --repo required when there are several"),
    /** No repo: the command is about the application (jobs) or Preflight itself (help). */
    NONE("-");

    /** The options that point at one migration or a place in one repo's history. */
    private static final List<Option> POINTING = List.of(Option.STEP, Option.TO, Option.MARK_APPLIED, Option.REMOVE);

    private final String withoutRepo;

    RepoPolicy(String withoutRepo) {
        this.withoutRepo = withoutRepo;
    }

    /** What {@code command} runs on without {@code --repo}, for help and README. */
    public String withoutRepo(Command<?> command) {
        List<String> pointing = command.options().stream().filter(POINTING::contains).map(o -> "--" + o.name())
                .toList();
        if (this == EVERY && !pointing.isEmpty()) {
            return withoutRepo + " (with " + String.join("/", pointing) + ": the default repo)";
        }
        // The words of a command that covers every repo are lint's files, read with one repo's settings.
        return this == EVERY && command.words() != null ? withoutRepo + " (with files: the default repo)"
                : withoutRepo;
    }

    /**
     * The repos {@code line} runs on.
     *
     * @param all the configured repos, the default first
     * @throws ConfigException for an unknown {@code --repo} (with a "did you mean"), or a missing one
     */
    public List<String> repos(CommandLine line, List<String> all) {
        if (this == NONE) {
            return List.of();
        }
        Optional<String> named = line.value(Option.REPO.name());
        if (named.isPresent()) {
            if (!all.contains(named.get())) {
                throw new ConfigException("unknown repo `" + named.get() + "`"
                        + Suggestions.closest(named.get(), all).map(s -> "; did you mean " + s + "?").orElse(".")
                        + " The repos: " + String.join(", ", all));
            }
            return List.of(named.get());
        }
        // Something pointed (a step, a version, lint's files) is one repo's business.
        boolean pointed = POINTING.stream().anyMatch(o -> line.value(o.name()).isPresent()) || !line.words().isEmpty();
        if (this == EVERY && !pointed) {
            return all;
        }
        if (this == NAMED && all.size() > 1) {
            throw new ConfigException(line.command().name() + " with several repos (" + String.join(", ", all)
                    + ") needs --repo NAME: it never runs on every repo at once");
        }
        return List.of(all.get(0));
    }
}
