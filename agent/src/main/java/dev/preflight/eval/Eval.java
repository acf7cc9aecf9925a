package dev.preflight.eval;

import dev.preflight.ConfigException;
import dev.preflight.Preflight;
import dev.preflight.PreflightConfig;
import dev.preflight.PreflightException;
import dev.preflight.Target;
import dev.preflight.TaskArguments;
import dev.preflight.agent.AgentLogging;
import dev.preflight.agent.ExitCodes;
import dev.preflight.cli.CliArguments;
import dev.preflight.cli.PreflightCli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The jshell side of {@code bin/preflight eval}: the launcher's arguments, the configuration read exactly as the
 * CLI reads it ({@code --url=...}, {@code --repo}, {@code --step N}, {@code --to V}, {@code --json},
 * {@code PREFLIGHT_*}, {@code -Dpreflight.*}), one {@link Preflight} opened on first use with the class loader of
 * the application's class path, and {@link #run} that turns an error into the CLI's message and exit code.
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

    /** {@code script} when the launcher runs a user's script or {@code -e}: then no argument is a command. */
    public static final String MODE_PROPERTY = "dev.preflight.eval.mode";

    /** The command name a user's script is parsed under (never printed). */
    private static final String SCRIPT = " script";

    /** The commands of {@code bin/preflight eval <command>}; each is a script {@code jsh/<command>.jsh}. */
    public static final List<String> COMMANDS = List.of("status", "migrate", "rollback", "migrate-data",
            "rollback-data", "tasks", "task");

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
    private CliArguments arguments;
    private PreflightConfig config;
    private RuntimeException error;
    private Preflight preflight;

    private Eval(List<String> args, ClassLoader loader, PrintStream err) {
        this.args = List.copyOf(args);
        this.loader = loader;
        this.err = err;
        AgentLogging.configure();
        try {
            // "task <name> k=v ...": the words after the command are the script's own, the rest as the CLI reads them.
            // A user's script (or -e) has no command: its words are all its own, under a name no command has.
            boolean command = !args.isEmpty() && COMMANDS.contains(args.get(0))
                    && !"script".equals(System.getProperty(MODE_PROPERTY));
            List<String> parsed = new ArrayList<>(args);
            List<String> commands = new ArrayList<>(COMMANDS);
            if (!command) {
                parsed.add(0, SCRIPT);
                commands.add(SCRIPT);
            }
            // A command takes words only after `task`; a user's script takes any.
            arguments = command ? CliArguments.parse(parsed.toArray(String[]::new), commands)
                    : CliArguments.parseWithWords(parsed.toArray(String[]::new), commands);
            config = PreflightConfig.load(loader, arguments.settings());
            if (arguments.value("repo").isPresent()) {
                config.repo(arguments.value("repo").get()); // an unknown repo: ConfigException listing the known ones
            }
        } catch (RuntimeException e) {
            error = e; // reported by run(), so that a script's exit code is the CLI's
        }
    }

    /** The arguments the launcher passed ({@value #ARGS_PROPERTY}{@code .*}), with this class's loader. */
    public static Eval fromSystemProperties() {
        int count = Integer.parseInt(System.getProperty(ARGS_PROPERTY + ".count", "0"));
        List<String> args = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            args.add(System.getProperty(ARGS_PROPERTY + "." + i, ""));
        }
        return of(args.toArray(String[]::new));
    }

    /**
     * These arguments; the class loader is this class's own, which under {@code bin/preflight} is the one that
     * loaded the agent jar and the application's class path together, so the application's
     * {@code preflight.properties}, classpath migrations, Java migrations and tasks are found.
     */
    public static Eval of(String... args) {
        return new Eval(List.of(args), Eval.class.getClassLoader(), System.err);
    }

    /** Every argument as given. */
    public List<String> args() {
        return args;
    }

    /** The command ({@code status}, {@code migrate}, ...), or empty for a user's script. */
    public Optional<String> command() {
        return arguments == null || SCRIPT.equals(arguments.command()) ? Optional.empty()
                : Optional.ofNullable(arguments.command());
    }

    /** True when the arguments and the configuration were read without error. */
    public boolean ready() {
        return error == null;
    }

    /** A flag such as {@code --json}. */
    public boolean flag(String name) {
        return arguments != null && arguments.flag(name);
    }

    /** The value of {@code --repo}, {@code --step}, {@code --to} or {@code --version}. */
    public Optional<String> value(String name) {
        return arguments == null ? Optional.empty() : arguments.value(name);
    }

    /** The words that are not options: a task's name then its {@code k=v} pairs, or a user script's own words. */
    public List<String> words() {
        return arguments == null ? List.of() : arguments.words();
    }

    /** {@code task <name> ...}: the task's name, the first word after the command; empty for a list. */
    public Optional<String> taskName() {
        return words().isEmpty() ? Optional.empty() : Optional.of(words().get(0));
    }

    /**
     * {@code task <name> key=value ...}: the task's arguments as text, in order, each pair its own word (a value may
     * hold commas and spaces); the task checks them against its parameters.
     *
     * @throws ConfigException naming a word that is not {@code key=value}
     */
    public Map<String, String> taskArguments() {
        return TaskArguments.pairs(words().subList(Math.min(1, words().size()), words().size()));
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
     * operation needs them); null when the arguments or the configuration are wrong, which {@link #run} reports.
     */
    public synchronized Preflight preflight() {
        if (error != null) {
            return null;
        }
        if (preflight == null) {
            try {
                preflight = Preflight.open(config.repo(repo()), loader, PreflightCli.printingProgress(System.out));
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
        return PreflightCli.target(arguments, rollback);
    }

    /** Prints a run's result as the CLI does. */
    public void printResult(dev.preflight.MigrateResult result) {
        PreflightCli.print(System.out, result);
    }

    /**
     * Runs {@code action}; returns 0, or prints {@code preflight: <message>} on stderr and returns the CLI's exit
     * code ({@link ExitCodes#of}): 1 failed, 2 usage or configuration, 3 database unreachable, 4 lock wait.
     */
    public int run(Action action) {
        try {
            throwIfBroken();
            action.run();
            return 0;
        } catch (Exception e) {
            return report(e);
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
    }

    private int report(Throwable e) {
        err.println("preflight: " + (e.getMessage() != null ? e.getMessage() : e.toString()));
        if (e instanceof ConfigException) {
            err.println("Run `bin/preflight help` for the commands and options.");
        }
        if (flag("verbose")) {
            e.printStackTrace(err);
        } else if (!(e instanceof PreflightException)) {
            err.println("Run again with -v for the stack trace.");
        }
        err.flush();
        return ExitCodes.of(e);
    }
}
