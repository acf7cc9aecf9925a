package dev.preflight.command;

/**
 * One option of the commands: {@code --step N} (with a value) or {@code --json} (a flag). Declared once here; a
 * command lists the ones it takes, and help and README print them from here.
 *
 * <pre>{@code
 * Command.<MigrateResult>named("migrate").options(Option.STEP, Option.TO) ...   // takes --step N and --to V
 * }</pre>
 *
 * @param name        without the dashes
 * @param value       what the value is called in usage lines ({@code N}), or null for a flag
 * @param description one line for help
 */
public record Option(String name, String value, String description) {

    /** {@code --repo NAME}: taken by every command that works on a repo. */
    public static final Option REPO = new Option("repo", "NAME", "the repo to work on (see the repo policy)");
    /** {@code --json}: every command. */
    public static final Option JSON = new Option("json", null,
            "one JSON object per line on stdout (one per repo; an error as {\"error\": ...}); schemas in README");
    /** {@code --verbose}: every command. */
    public static final Option VERBOSE = new Option("verbose", null, "stack traces with errors (also -v)");
    /** {@code --help}: every command. */
    public static final Option HELP = new Option("help", null, "this help (also -h)");
    public static final Option STEP = new Option("step", "N", "the next N migrations (rollback: the last N)");
    public static final Option TO = new Option("to", "V", "up to and including version V (rollback: keep V, revert"
            + " everything above it; 0 reverts all)");
    public static final Option VERSION = new Option("version", "V", "the version to mark as applied");
    public static final Option MARK_APPLIED = new Option("mark-applied", "V", "only record the failed or interrupted"
            + " migration V as applied (you finished it by hand)");
    public static final Option REMOVE = new Option("remove", "V", "only remove the row of the failed or interrupted"
            + " migration V (you undid it by hand): it counts as not applied, migrate runs it again");
    public static final Option FORMAT = new Option("format", "F", "text, json (as --json) or sarif (one SARIF 2.1.0"
            + " log of every repo, for code scanning)");

    /** Whether it is a flag (no value). */
    public boolean isFlag() {
        return value == null;
    }

    /** {@code --step N} or {@code --json}. */
    public String usage() {
        return "--" + name + (value == null ? "" : " " + value);
    }
}
