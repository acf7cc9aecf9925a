package dev.preflight.eval;

import dev.preflight.ConfigException;
import dev.preflight.MigrateResult;
import dev.preflight.Preflight;
import dev.preflight.PreflightConfig;
import dev.preflight.Target;
import dev.preflight.TaskArguments;
import dev.preflight.command.CommandLine;
import dev.preflight.command.Console;
import dev.preflight.command.Failure;
import dev.preflight.command.Output;
import dev.preflight.command.Surface;
import dev.preflight.command.TargetOptions;
import dev.preflight.logging.AgentLogging;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The jshell side of {@code bin/preflight eval}. {@code eval <command>} runs the command exactly as the CLI does
 * ({@link #runCommand()}, through the command layer: same options, repos, output and exit codes). A user's script or
 * {@code -e} gets the arguments read as the CLI reads them ({@code --url=...}, {@code --repo}, {@code --step N},
 * {@code --to V}, {@code --json}, {@code PREFLIGHT_*}, {@code -Dpreflight.*}), one {@link Preflight} opened on
 * first use with the class loader of the application's class path, and {@link #run} that turns an error into the
 * CLI's message and exit code.
 *
 * <pre>{@code
 * Eval eval = Eval.fromSystemProperties();         // jsh/prelude.jsh does this, and: Preflight preflight = eval.preflight();
 * int exit = eval.run(() -> System.out.print(preflight.status().toTable()));
 * /exit exit
 * }</pre>
 *
 * <p>jshell has no script arguments, so the launcher passes them as system properties:
 * {@value #ARGS_PROPERTY}{@code .count=N} and {@value #ARGS_PROPERTY}{@code .<i>=<argument>} for i in 0..N-1
 * (one property per argument: no separator to escape). Their prefix is not {@code preflight.}, so the
 * configuration never mistakes them for settings.
 */
public final class Eval {

    /** Prefix of the system properties that carry the arguments. */
    public static final String ARGS_PROPERTY = "dev.preflight.eval.args";

    /** {@code script} when the launcher runs a user's script or {@code -e}; {@code command} for a command. */
    public static final String MODE_PROPERTY = "dev.preflight.eval.mode";

    /** A piece of a script that may throw anything; {@link #run} reports it. */
    @FunctionalInterface
    public interface Action {
        void run() throws Exception;
    }

    /** An expression whose value {@link #print(Expression)} prints. */
    @FunctionalInterface
    public interface Expression {
        Object get() throws Exception;
    }

    private final List<String> args;
    private final ClassLoader loader;
    private final PrintStream err;
    private final boolean script;
    private CommandLine line;
    private PreflightConfig config;
    private RuntimeException error;
    private Preflight preflight;

    private Eval(List<String> args, ClassLoader loader, PrintStream err, boolean script) {
        this.args = List.copyOf(args);
        this.loader = loader;
        this.err = err;
        this.script = script;
        AgentLogging.configure();
        if (!script) {
            return; // command() reads the arguments, as the CLI does
        }
        try {
            line = CommandLine.parseScript(args);
            config = PreflightConfig.load(loader, line.settings());
            if (line.value("repo").isPresent()) {
                config.repo(line.value("repo").get()); // an unknown repo: ConfigException listing the known ones
            }
        } catch (RuntimeException e) {
            error = e; // reported by run(), so that a script's exit code is the CLI's
        }
    }

    /**
     * {@code bin/preflight help} runs this: the commands, options and exit codes of eval, without starting jshell
     * (any other command runs too, as {@code eval <command>} would).
     */
    public static void main(String[] args) {
        AgentLogging.configure();
        ClassLoader loader = Eval.class.getClassLoader();
        System.exit(Console.run(Surface.EVAL, List.of(args), System.out, System.err,
                overrides -> PreflightConfig.load(loader, overrides), loader));
    }

    /** The arguments the launcher passed ({@value #ARGS_PROPERTY}{@code .*}), with this class's loader. */
    public static Eval fromSystemProperties() {
        int count = Integer.parseInt(System.getProperty(ARGS_PROPERTY + ".count", "0"));
        List<String> args = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            args.add(System.getProperty(ARGS_PROPERTY + "." + i, ""));
        }
        return new Eval(args, Eval.class.getClassLoader(), System.err,
                !"command".equals(System.getProperty(MODE_PROPERTY)));
    }

    /**
     * These arguments for a user's script; the class loader is this class's own, which under {@code bin/preflight}
     * is the one that loaded the agent jar and the application's class path together, so the application's
     * {@code preflight.properties}, classpath migrations, Java migrations and tasks are found.
     */
    public static Eval of(String... args) {
        return new Eval(List.of(args), Eval.class.getClassLoader(), System.err, true);
    }

    /**
     * {@code bin/preflight eval <command> ...} ({@code jsh/command.jsh}): runs the command as the CLI does and
     * returns its exit code.
     */
    public int runCommand() {
        return Console.run(Surface.EVAL, args, System.out, err, overrides -> PreflightConfig.load(loader, overrides),
                loader);
    }

    /** Every argument as given. */
    public List<String> args() {
        return args;
    }

    /** True when the arguments and the configuration were read without error. */
    public boolean ready() {
        return error == null;
    }

    /** A flag such as {@code --json}. */
    public boolean flag(String name) {
        return line != null && line.flag(name);
    }

    /** The value of {@code --repo}, {@code --step}, {@code --to} or {@code --version}. */
    public Optional<String> value(String name) {
        return line == null ? Optional.empty() : line.value(name);
    }

    /** The words that are not options: the script's own. */
    public List<String> words() {
        return line == null ? List.of() : line.words();
    }

    /** {@code name=value} words as a task's arguments (a value may hold commas and spaces). */
    public Map<String, String> taskArguments() {
        return TaskArguments.pairs(words());
    }

    /** The configuration, as the CLI reads it. */
    public PreflightConfig config() {
        throwIfBroken();
        return config;
    }

    /** The repository named by {@code --repo}, else the default (first) one. */
    public String repo() {
        return value("repo").orElseGet(() -> config().repoNames().get(0));
    }

    /**
     * The repository's {@link Preflight}, created on first call and kept (at most two connections, opened when an
     * operation needs them); null for a command, or when the arguments or the configuration are wrong, which
     * {@link #run} reports.
     */
    public synchronized Preflight preflight() {
        if (!script || error != null) {
            return null;
        }
        if (preflight == null) {
            try {
                preflight = Preflight.open(config.repo(repo()), loader, null);
            } catch (RuntimeException e) {
                error = e; // the prelude calls this: run() reports it with its exit code
                return null;
            }
        }
        return preflight;
    }

    /** {@code --step N} / {@code --to V} as the CLI reads them; none means all, except for a rollback. */
    public Target target(boolean rollback) {
        throwIfBroken();
        return TargetOptions.of(line, rollback);
    }

    /** Prints a run's result as the CLI does. */
    public void printResult(MigrateResult result) {
        System.out.print(result.toText());
    }

    /**
     * Runs {@code action}; returns 0, or prints {@code preflight: <message>} on stderr and returns the CLI's exit
     * code: 1 failed, 2 usage or configuration, 3 database unreachable, 4 lock wait.
     */
    public int run(Action action) {
        try {
            throwIfBroken();
            action.run();
            return 0;
        } catch (Exception e) {
            System.out.flush();
            return Console.print(Surface.EVAL, Output.failed(Failure.of(e)), false, flag("verbose"), System.out, err);
        } finally {
            System.out.flush();
        }
    }

    /** Runs an expression and prints its value (nothing for null); the exit code as {@link #run}. */
    public int print(Expression expression) {
        return run(() -> {
            Object value = expression.get();
            if (value != null) {
                String text = String.valueOf(value);
                System.out.print(text.endsWith("\n") ? text : text + "\n");
            }
        });
    }

    /** {@link #run} for a statement expression without a value, as {@code bin/preflight eval -e} writes it. */
    public int print(Action action) {
        return run(action);
    }

    private void throwIfBroken() {
        if (error != null) {
            throw error;
        }
        if (!script) {
            throw new ConfigException("eval.run is for scripts and -e; a command runs with eval.runCommand()");
        }
    }
}
