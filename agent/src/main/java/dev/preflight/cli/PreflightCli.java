package dev.preflight.cli;

import dev.preflight.PreflightConfig;
import dev.preflight.command.Commands;
import dev.preflight.command.Console;
import dev.preflight.command.Surface;
import dev.preflight.logging.AgentLogging;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The command line: {@code java -jar preflight-agent.jar [options] <command> [args]}, for init containers, CI and
 * scripts. A thin shell over the command layer ({@link Commands}): it reads the configuration with this jar's class
 * path and prints what the command printed; the commands, their options, repos, output and exit codes are the
 * layer's, the same as eval's and rpc's.
 *
 * <pre>
 * java -jar preflight-agent.jar --url=jdbc:postgresql://db/app --user=app status
 * java -jar preflight-agent.jar migrate --step 1
 * java -jar preflight-agent.jar rollback --repo main --to 20240101120000
 * java -jar preflight-agent.jar validate --json
 * java -jar preflight-agent.jar lint --format=sarif db/migrations
 * java -jar preflight-agent.jar task analyze last=3
 * </pre>
 */
public final class PreflightCli {

    private PreflightCli() {
    }

    public static void main(String[] args) {
        AgentLogging.configure();
        System.exit(run(args, System.out, System.err));
    }

    /** Runs one command with the standard configuration sources; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        ClassLoader loader = PreflightCli.class.getClassLoader();
        return run(args, out, err, overrides -> PreflightConfig.load(loader, overrides));
    }

    /** As {@link #run(String[], PrintStream, PrintStream)} with the configuration loaded by {@code load}. */
    static int run(String[] args, PrintStream out, PrintStream err, Function<Map<String, String>, PreflightConfig> load) {
        // Migrations and tasks are looked up with the context class loader, as Preflight.open does by default.
        return Console.run(Surface.CLI, List.of(args), out, err, load, null);
    }
}
