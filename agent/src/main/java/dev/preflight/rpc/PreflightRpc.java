package dev.preflight.rpc;

import dev.preflight.ConfigException;
import dev.preflight.command.CommandLine;
import dev.preflight.command.Commands;
import dev.preflight.command.Console;
import dev.preflight.command.Execution;
import dev.preflight.command.ExitCode;
import dev.preflight.command.Failure;
import dev.preflight.command.LocalWorkspace;
import dev.preflight.command.Option;
import dev.preflight.command.Output;
import dev.preflight.command.Surface;
import dev.preflight.logging.AgentLogging;

import javax.net.ssl.SSLContext;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code bin/preflight rpc <target> <command> [options]}: runs a command in a running JVM, through its
 * {@code dev.preflight:type=Commands} MBean. The target checks and runs the command with the same command layer as
 * the CLI (same options, repos, text, JSON and exit code); a command that changes something runs there as a job,
 * whose log rpc follows on stderr. Started as {@code java -cp preflight-agent.jar dev.preflight.rpc.PreflightRpc}.
 *
 * <pre>
 * bin/preflight rpc 12345 status --url=jdbc:postgresql://db/app       # a pid: attach, load the agent if needed
 * bin/preflight rpc service:jmx:rmi:///jndi/rmi://127.0.0.1:9010/jmxrmi migrate --step 1
 * PREFLIGHT_RPC_PASSWORD=... bin/preflight rpc http://127.0.0.1:8778/jolokia --user ops rollback --step 1
 * </pre>
 */
public final class PreflightRpc {

    static final String COMMANDS = "dev.preflight:type=Commands";
    /** {@code --trust FILE}: the certificates an https Jolokia target may present (PEM or keystore). */
    private static final String TRUST = "trust";
    private static final long POLL_MILLIS = 200;

    private PreflightRpc() {
    }

    public static void main(String[] args) {
        AgentLogging.configure();
        System.exit(run(args, System.out, System.err, System.getenv("PREFLIGHT_RPC_PASSWORD")));
    }

    /** Runs one command; returns the exit code. {@code password} is the rpc password (env), or null. */
    public static int run(String[] args, PrintStream out, PrintStream err, String password) {
        List<String> all = List.of(args);
        boolean json = CommandLine.json(all);
        boolean verbose = all.contains("--" + Option.VERBOSE.name()) || all.contains("-v");
        Output output;
        try {
            output = call(all, err, password);
        } catch (RpcException e) {
            output = Output.failed(new Failure(e.exit(), e.getMessage(), null, 0, verbose ? e : null));
        } catch (RuntimeException e) {
            output = Output.failed(Failure.of(e));
        }
        return Console.print(Surface.RPC, output, json, verbose, out, err);
    }

    private static Output call(List<String> args, PrintStream err, String password) {
        if (args.isEmpty()) {
            throw new ConfigException("no target and no command given");
        }
        if (List.of("help", "--help", "-h").contains(args.get(0))) {
            return help(CommandLine.of(List.of("help")));
        }
        String target = args.get(0);
        if (Targets.kind(target) == null) {
            throw RpcException.rejected("not a target: '" + Targets.printable(target) + "'; give a pid, a JMX"
                    + " service URL or a Jolokia URL");
        }
        CommandLine line = CommandLine.parse(args.subList(1, args.size()).toArray(String[]::new));
        if (line.command() == null && !line.flag(Option.HELP.name())) {
            throw new ConfigException("no command given");
        }
        if (line.command() == null || line.command() == Commands.HELP || line.flag(Option.HELP.name())) {
            return help(line.command() == null || line.command() == Commands.HELP ? line
                    : CommandLine.of(List.of("help", line.command().name())));
        }
        Map<String, String> settings = new HashMap<>(line.settings());
        String user = null;
        SSLContext tls = null;
        if (!Targets.kind(target).equals("pid")) {
            user = settings.remove("user");
            String trust = settings.remove(TRUST);
            tls = trust == null ? null : Trust.of(Path.of(trust), System.getenv("PREFLIGHT_RPC_TRUST_PASSWORD"));
            if (!settings.isEmpty()) {
                throw RpcException.rejected("--" + String.join(", --", settings.keySet()) + ": settings are"
                        + " only for a pid target (they configure the agent loaded into it); a JMX or Jolokia"
                        + " target has its own (--user is the JMX/Jolokia user, the password comes from"
                        + " PREFLIGHT_RPC_PASSWORD; --trust FILE names the certificate of an https Jolokia)");
            }
        }
        try (RpcClient client = Targets.connect(target, settings, user, password, tls, err)) {
            return new Call(client, err).run(line);
        }
    }

    /** {@code help}, answered here: it needs no target. */
    private static Output help(CommandLine line) {
        LocalWorkspace none = new LocalWorkspace(() -> {
            throw new IllegalStateException("help reads no configuration");
        }, null);
        return new Execution(none, Surface.RPC).run(line);
    }

    /** One command against one client: sent to the Commands bean; a job's log followed until it ends. */
    private static final class Call {

        private final RpcClient client;
        private final PrintStream err;

        Call(RpcClient client, PrintStream err) {
            this.client = client;
            this.err = err;
        }

        Output run(CommandLine line) {
            boolean now = line.command().isReadOnly();
            Map<?, ?> answer = (Map<?, ?>) client.invoke(COMMANDS, now ? "query" : "submit", List.of(line.forTarget()));
            Object jobId = answer.get("jobId");
            return jobId == null ? output(answer) : follow(String.valueOf(jobId));
        }

        /** Follows a job until it ends, printing its new log lines on stderr; its output is the command's. */
        private Output follow(String id) {
            long printed = 0;
            while (true) {
                Map<?, ?> job = (Map<?, ?>) client.invoke(Targets.JOBS, "job", List.of(id));
                // The job keeps its last lines only; logTotal counts them all, so lines are never printed twice and
                // none is missed while it still holds them.
                List<?> log = job.get("log") instanceof List<?> l ? l : List.of();
                long total = job.get("logTotal") instanceof Number n ? n.longValue() : log.size();
                for (long line = Math.max(printed, total - log.size()); line < total; line++) {
                    err.println("  " + log.get((int) (line - (total - log.size()))));
                }
                printed = total;
                String state = String.valueOf(job.get("state"));
                if (state.equals("succeeded") || state.equals("failed")) {
                    return output(job);
                }
                try {
                    Thread.sleep(POLL_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw RpcException.failed("interrupted while waiting for job " + id
                            + "; it keeps running in the target", e);
                }
            }
        }

        /** A command's output as the target sent it (a {@code CommandOutput}, or a finished job). */
        private static Output output(Map<?, ?> answer) {
            ExitCode exit = ExitCode.of(answer.get("exitCode") instanceof Number n ? n.intValue() : 1);
            String error = answer.get("error") == null ? null : String.valueOf(answer.get("error"));
            String json = answer.get("json") == null ? "" : String.valueOf(answer.get("json"));
            return new Output(answer.get("text") == null ? "" : String.valueOf(answer.get("text")),
                    json.lines().toList(), exit, error == null ? null : new Failure(exit, error, null, 0, null));
        }
    }
}
