package dev.preflight.command;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * One verb, declared once (see {@link Commands}): its name and usage, the options it takes, which repos it runs on,
 * whether it changes anything, the operation it calls, and how its result is printed as text and as JSON and which
 * exit code it gives. Every surface runs commands through {@link Execution}; none knows a verb by itself.
 *
 * <pre>{@code
 * static final Command<StatusReport> STATUS = Command.<StatusReport>named("status")
 *         .summary("every migration: up, down, ** FILE NOT FOUND **").repos(RepoPolicy.EVERY).readOnly()
 *         .prepares(scope -> scope.preflight()::status)
 *         .renders(StatusReport::toTable, StatusReport::toJson, "status")
 *         .build();
 * }</pre>
 *
 * @param <R> the value its operation returns, which renders itself
 */
public final class Command<R> {

    /**
     * Checks the command line against one repo (everything that can be refused is refused here, before anything
     * runs or a job is queued) and returns the work.
     */
    @FunctionalInterface
    public interface Operation<R> {
        Supplier<R> prepare(Scope scope);
    }

    /** A result as every surface prints it: text, one JSON object, and the exit code it stands for. */
    public record Rendered(String text, String json, ExitCode exit) {
    }

    /** One repo's result, rendered, and kept for a rendering of every repo's results at once. */
    record Ran(Rendered rendered, Object result) {
    }

    private final String name;
    private final String usage;
    private final String summary;
    private final List<Option> options;
    private final String words;
    private final String wordsMissing;
    private final RepoPolicy policy;
    private final boolean readOnly;
    private final boolean local;
    private final String schema;
    private final Operation<R> operation;
    private final Function<R, String> text;
    private final Function<R, String> json;
    private final Function<R, ExitCode> exit;
    private final Predicate<CommandLine> wholeWhen;
    private final Function<List<R>, String> whole;

    private Command(Builder<R> b) {
        this.name = b.name;
        this.usage = b.usage == null ? b.name : b.usage;
        this.summary = Objects.requireNonNull(b.summary, "summary");
        this.options = List.copyOf(b.options);
        this.words = b.words;
        this.wordsMissing = b.wordsMissing;
        this.policy = b.policy;
        this.readOnly = b.readOnly;
        this.local = b.local;
        this.schema = Objects.requireNonNull(b.schema, "schema");
        this.operation = Objects.requireNonNull(b.operation, "operation");
        this.text = b.text;
        this.json = b.json;
        this.exit = b.exit;
        this.wholeWhen = b.wholeWhen;
        this.whole = b.whole;
    }

    /** A declaration under construction. */
    public static <R> Builder<R> named(String name) {
        return new Builder<>(name);
    }

    public String name() {
        return name;
    }

    /** E.g. {@code migrate [--step N | --to V]}. */
    public String usage() {
        return usage;
    }

    /** One line on what it does. */
    public String summary() {
        return summary;
    }

    /** Its own options ({@code --repo} and the flags every command takes are not listed). */
    public List<Option> options() {
        return options;
    }

    /** The usage of the words it takes after its name ({@code <name> [name=value ...]}), or null for none. */
    public String words() {
        return words;
    }

    /** What to say when its words are required and missing; null when they are optional. */
    String wordsMissing() {
        return wordsMissing;
    }

    public RepoPolicy policy() {
        return policy;
    }

    /** Whether it changes nothing (read-only Jolokia allows it; the MBeans answer it at once, not as a job). */
    public boolean isReadOnly() {
        return readOnly;
    }

    /** Whether it can run outside the application (CLI, eval); {@code jobs} only exists in a running one. */
    public boolean isLocal() {
        return local;
    }

    /** The name of the JSON schema of its result ({@code status}, {@code migrate-result}, ...). */
    public String schema() {
        return schema;
    }

    /** Checks and returns the work, whose result is rendered. */
    Supplier<Ran> prepare(Scope scope) {
        Supplier<R> work = operation.prepare(scope);
        return () -> {
            R result = work.get();
            return new Ran(new Rendered(withLineBreak(text.apply(result)), json.apply(result), exit.apply(result)),
                    result);
        };
    }

    /** Whether {@code line} asks for one text of every repo's results ({@link Builder#rendersWhole}). */
    boolean rendersWhole(CommandLine line) {
        return whole != null && wholeWhen.test(line);
    }

    /** The one text of every repo's results, each the result of a {@link Ran} of this command. */
    @SuppressWarnings("unchecked")
    String whole(List<Object> results) {
        return withLineBreak(whole.apply((List<R>) results));
    }

    private static String withLineBreak(String text) {
        return text.endsWith("\n") ? text : text + "\n";
    }

    @Override
    public String toString() {
        return name;
    }

    /** Builds a {@link Command}. */
    public static final class Builder<R> {
        private final String name;
        private String usage;
        private String summary;
        private List<Option> options = List.of();
        private String words;
        private String wordsMissing;
        private RepoPolicy policy = RepoPolicy.NONE;
        private boolean readOnly;
        private boolean local = true;
        private String schema;
        private Operation<R> operation;
        private Function<R, String> text;
        private Function<R, String> json;
        private Function<R, ExitCode> exit = r -> ExitCode.OK;
        private Predicate<CommandLine> wholeWhen;
        private Function<List<R>, String> whole;

        private Builder(String name) {
            this.name = name;
        }

        /** The usage line, when it is more than the name: {@code rollback (--step N | --to V)}. */
        public Builder<R> usage(String usage) {
            this.usage = usage;
            return this;
        }

        public Builder<R> summary(String summary) {
            this.summary = summary;
            return this;
        }

        public Builder<R> options(Option... options) {
            this.options = List.of(options);
            return this;
        }

        /** It may take words after its name; {@code usage} describes them. */
        public Builder<R> words(String usage) {
            this.words = usage;
            return this;
        }

        /** It needs words after its name; without them, the usage error says {@code missing}. */
        public Builder<R> requiredWords(String usage, String missing) {
            this.words = usage;
            this.wordsMissing = missing;
            return this;
        }

        public Builder<R> repos(RepoPolicy policy) {
            this.policy = policy;
            return this;
        }

        public Builder<R> readOnly() {
            this.readOnly = true;
            return this;
        }

        /** Only in a running application (rpc, MBeans). */
        public Builder<R> runningOnly() {
            this.local = false;
            return this;
        }

        public Builder<R> prepares(Operation<R> operation) {
            this.operation = operation;
            return this;
        }

        /** Its renderings, usually methods of the result type, and the name of its JSON schema. */
        public Builder<R> renders(Function<R, String> text, Function<R, String> json, String schema) {
            this.text = text;
            this.json = json;
            this.schema = schema;
            return this;
        }

        /**
         * When {@code when} holds for the command line, the text is {@code whole} of every repo's results at once
         * instead of each repo's text in turn: {@code lint --format=sarif} prints one SARIF log of every repo.
         */
        public Builder<R> rendersWhole(Predicate<CommandLine> when, Function<List<R>, String> whole) {
            this.wholeWhen = when;
            this.whole = whole;
            return this;
        }

        /** The exit code of a result (OK unless given). */
        public Builder<R> exit(Function<R, ExitCode> exit) {
            this.exit = exit;
            return this;
        }

        public Command<R> build() {
            return new Command<>(this);
        }
    }
}
