package dev.preflight.command;

import dev.preflight.ConfigException;
import dev.preflight.PreflightException;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Runs commands over a {@link Workspace}: resolves the repos by the command's policy, checks the command line
 * against every repo before anything runs ({@link #plan}), then runs each repo in turn and collects the
 * {@link Output}. The CLI and eval run a plan at once; the MBeans queue it as a job, so a bad argument is refused
 * when it is asked for, never by a job that fails later.
 *
 * <pre>{@code
 * Output output = new Execution(workspace, Surface.CLI).run(CommandLine.parse("status"));
 * System.out.print(output.text());
 * }</pre>
 */
public final class Execution {

    private final Workspace workspace;
    private final Surface surface;

    public Execution(Workspace workspace, Surface surface) {
        this.workspace = workspace;
        this.surface = surface;
    }

    /** A command checked against its repos, ready to run. */
    public static final class Plan {
        private final CommandLine line;
        private final List<String> repos;
        private final List<Supplier<Command.Ran>> steps;

        private Plan(CommandLine line, List<String> repos, List<Supplier<Command.Ran>> steps) {
            this.line = line;
            this.repos = List.copyOf(repos);
            this.steps = steps;
        }

        public Command<?> command() {
            return line.command();
        }

        /** The repos it runs on, in order (empty for a command without a repo). */
        public List<String> repos() {
            return repos;
        }

        /** The command line as a job shows it. */
        public CommandLine line() {
            return line;
        }

        /**
         * Runs every repo in turn, stopping at the first error; never throws. A text of every repo at once (one SARIF
         * log) is printed only when every repo ran, never in part.
         */
        public Output run() {
            StringBuilder text = new StringBuilder();
            List<String> json = new ArrayList<>();
            List<Object> results = new ArrayList<>();
            boolean whole = command().rendersWhole(line);
            ExitCode exit = ExitCode.OK;
            for (Supplier<Command.Ran> step : steps) {
                try {
                    Command.Ran ran = step.get();
                    text.append(ran.rendered().text());
                    json.add(ran.rendered().json());
                    results.add(ran.result());
                    exit = exit.worst(ran.rendered().exit());
                } catch (RuntimeException | LinkageError e) {
                    Failure failure = Failure.of(e);
                    json.add(failure.toJson());
                    return new Output(whole ? "" : text.toString(), json, failure.exit(), failure);
                }
            }
            return new Output(whole ? command().whole(results) : text.toString(), json, exit, null);
        }
    }

    /**
     * Checks {@code line} against every repo it will run on.
     *
     * @throws PreflightException for a usage error or anything a check finds (nothing has run)
     */
    public Plan plan(CommandLine line) {
        Command<?> command = line.command();
        if (command == null) {
            throw new ConfigException("no command given");
        }
        if (!command.isLocal() && workspace.jobs().isEmpty()) {
            throw new ConfigException(command.name() + " only exists in a running application: bin/preflight rpc"
                    + " <target> " + command.name());
        }
        // A command without a repo (help, jobs) never reads the configuration.
        List<String> repos = command.policy() == RepoPolicy.NONE ? List.of()
                : command.policy().repos(line, workspace.repos());
        List<Supplier<Command.Ran>> steps = new ArrayList<>();
        if (repos.isEmpty()) {
            steps.add(command.prepare(new Scope(line, null, workspace, surface)));
        }
        for (String repo : repos) {
            steps.add(command.prepare(new Scope(line, repo, workspace, surface)));
        }
        return new Plan(line, repos, steps);
    }

    /** Plans and runs {@code line}; every error is in the output. */
    public Output run(CommandLine line) {
        Plan plan;
        try {
            plan = plan(line);
        } catch (RuntimeException | LinkageError e) {
            return Output.failed(Failure.of(e));
        }
        return plan.run();
    }
}
