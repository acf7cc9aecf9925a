package dev.preflight.command;

import dev.preflight.PreflightConfig;
import dev.preflight.PreflightException;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A command run in this process and printed, as the CLI and {@code bin/preflight eval <command>} do: stdout gets
 * the result (text, or with {@code --json} one JSON object per line, an error included), stderr the log and an
 * error's {@code preflight: <message>} with a hint; the return value is the exit code.
 *
 * <pre>{@code
 * int exit = Console.run(Surface.CLI, List.of(args), System.out, System.err,
 *         overrides -> PreflightConfig.load(loader, overrides), loader);
 * }</pre>
 */
public final class Console {

    private Console() {
    }

    /**
     * @param load reads the configuration with the command line's settings ({@code --url=...}) on top
     * @param loader the application's class path, for classpath migrations, Java migrations and tasks; null for
     *               the thread's context class loader
     */
    public static int run(Surface surface, List<String> args, PrintStream out, PrintStream err,
                          Function<Map<String, String>, PreflightConfig> load, ClassLoader loader) {
        CommandLine line;
        try {
            line = CommandLine.of(args);
        } catch (RuntimeException e) {
            return print(surface, Output.failed(Failure.of(e)), CommandLine.json(args), args.contains("--verbose")
                    || args.contains("-v"), out, err);
        }
        if (line.command() == null && line.flag(Option.VERSION.name())) {
            out.println("preflight " + version());
            return ExitCode.OK.code();
        }
        if (line.command() == null || line.flag(Option.HELP.name())) {
            if (line.command() == null && !line.flag(Option.HELP.name())) {
                return print(surface, Output.failed(Failure.usage("no command given")), line.json(), false,
                        out, err);
            }
            List<String> words = line.command() == null ? List.of() : List.of(line.command().name());
            line = CommandLine.of(words.isEmpty() ? List.of("help") : List.of("help", words.get(0)));
        }
        CommandLine command = line;
        try (LocalWorkspace workspace = new LocalWorkspace(() -> load.apply(command.settings()), loader)) {
            Output output = new Execution(workspace, surface).run(command);
            return print(surface, output, command.json(), command.flag(Option.VERBOSE.name()),
                    out, err);
        }
    }

    /** Prints {@code output} as this process's result; returns its exit code. */
    public static int print(Surface surface, Output output, boolean json, boolean verbose, PrintStream out,
                            PrintStream err) {
        out.print(json ? output.json() : output.text());
        out.flush();
        Failure failure = output.failure();
        if (failure != null && !json) {
            err.println("preflight: " + failure.message());
            if (failure.exit() == ExitCode.USAGE) {
                err.println(surface.hint());
            }
        }
        if (failure != null && failure.error() != null) {
            // No stack trace without -v, whatever failed; the message already names an unexpected error's type.
            if (verbose) {
                failure.error().printStackTrace(err);
            } else if (!(failure.error() instanceof PreflightException)) {
                err.println("Run again with -v for the stack trace.");
            }
        }
        err.flush();
        return output.exit().code();
    }

    private static String version() {
        String version = Console.class.getPackage().getImplementationVersion();
        return version != null ? version : "dev";
    }
}
