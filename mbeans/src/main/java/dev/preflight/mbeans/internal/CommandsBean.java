package dev.preflight.mbeans.internal;

import dev.preflight.ConfigException;
import dev.preflight.command.CommandLine;
import dev.preflight.command.Execution;
import dev.preflight.command.Failure;
import dev.preflight.command.Output;
import dev.preflight.command.Surface;
import dev.preflight.mbeans.CommandOutput;
import dev.preflight.mbeans.CommandsMXBean;

import java.util.List;

/**
 * {@link CommandsMXBean} over the command layer, and the one way the other beans run commands: their operations
 * ({@code migrateStep(n)}, {@code validate()}, {@code run(task, args)}) are command lines given to {@link #submit}
 * or {@link #text}, so JConsole, Jolokia and rpc get the CLI's checks, results and messages.
 */
final class CommandsBean implements CommandsMXBean {

    private final Execution execution;
    private final Jobs jobs;

    CommandsBean(BeanWorkspace workspace, Jobs jobs) {
        this.execution = new Execution(workspace, Surface.RPC);
        this.jobs = jobs;
    }

    @Override
    public CommandOutput query(String[] args) {
        Output output;
        try {
            CommandLine line = CommandLine.of(List.of(args));
            if (line.command() != null && !line.command().isReadOnly()) {
                throw new ConfigException(line.command().name() + " changes the database: run it with submit");
            }
            output = execution.run(line);
        } catch (RuntimeException e) {
            output = Output.failed(Failure.of(e));
        }
        return open(output);
    }

    @Override
    public CommandOutput submit(String[] args) {
        try {
            // Queued: the output comes with the job (job(id): text, json, exitCode).
            return new CommandOutput("", "", 0, null, submit(List.of(args)));
        } catch (RuntimeException e) {
            return open(Output.failed(Failure.of(e)));
        }
    }

    /**
     * Checks {@code args} and queues them as a job, for an operation that returns the job id.
     *
     * @throws RuntimeException what the check found (the beans turn it into a JDK exception)
     */
    String submit(List<String> args) {
        return jobs.submit(execution.plan(CommandLine.of(args)));
    }

    /**
     * Runs {@code args} at once and returns their text without the last line break, for an operation that returns
     * it ({@code status()}, {@code validate()}).
     *
     * @throws IllegalArgumentException or {@link IllegalStateException} with the message, when the command failed
     */
    String text(List<String> args) {
        return orThrow(execution.run(CommandLine.of(args))).text().stripTrailing();
    }

    /** As {@link #text}, the JSON (one object per line). */
    String json(List<String> args) {
        return orThrow(execution.run(CommandLine.of(args))).json().stripTrailing();
    }

    private static Output orThrow(Output output) {
        Failure failure = output.failure();
        if (failure == null) {
            return output;
        }
        throw failure.error() != null ? JdkExceptions.translate(failure.error())
                : new IllegalStateException(failure.message());
    }

    private static CommandOutput open(Output output) {
        return new CommandOutput(output.text(), output.json(), output.exit().code(),
                output.failure() == null ? null : output.failure().message(), null);
    }
}
