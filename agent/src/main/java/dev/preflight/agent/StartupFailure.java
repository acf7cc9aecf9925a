package dev.preflight.agent;

import dev.preflight.ConfigException;
import dev.preflight.DatabaseUnavailableException;
import dev.preflight.LockTimeoutException;
import dev.preflight.MigrationException;
import dev.preflight.PreflightConfig;
import dev.preflight.PreflightException;
import dev.preflight.command.ExitCode;
import dev.preflight.config.ConfigKeys;
import dev.preflight.config.OnFailure;
import dev.preflight.logging.HostLogging;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * What the agent does when start-up fails: one screen on stderr saying what failed, the message (with file:line
 * where the engine knows it) and what to do; then, with {@code on-failure=exit} (the default), the JVM exits with
 * {@link ExitCode#of(Throwable)} before the application's main body runs.
 *
 * <pre>
 * preflight: start-up failed: migrate repo main
 * --------------------------------------------------------------------------------
 *   migration 2 broken (classpath:db/migrations/2_broken.sql) failed: ...:3: ERROR: syntax error at ...
 *
 * What to do: fix the migration named above, then start again. ...
 * The application was not started (exit code 1). To start it anyway, set on-failure=continue.
 * --------------------------------------------------------------------------------
 * </pre>
 */
final class StartupFailure {

    private static final String RULE = "-".repeat(80);
    private static final int UNEXPECTED_FRAMES = 12;

    private StartupFailure() {
    }

    /** Whether a failure ends the JVM ({@code on-failure=exit}) rather than letting the application start. */
    static boolean exits(PreflightConfig config) {
        return config.onFailure() != OnFailure.CONTINUE;
    }

    /**
     * Reports the failure and, when {@code exit}, ends the JVM; returns only to let the application start.
     *
     * @param what   what was being done, e.g. {@code migrate repo main}
     * @param health told about the failure; null when there is no health state yet
     */
    static void handle(String what, Throwable error, boolean exit, HealthState health) {
        if (health != null) {
            health.failed(message(error));
        }
        if (exit) {
            // The application's logging will never be ready: what Preflight logged so far comes before the screen.
            HostLogging.releaseToStderr();
        }
        System.err.print(screen(what, error, exit));
        System.err.flush();
        if (exit) {
            System.exit(ExitCode.of(error).code());
        }
    }

    static String screen(String what, Throwable error, boolean exit) {
        StringBuilder out = new StringBuilder()
                .append("preflight: start-up failed: ").append(what).append('\n')
                .append(RULE).append('\n');
        for (String line : message(error).split("\n")) {
            out.append("  ").append(line).append('\n');
        }
        if (!(error instanceof PreflightException)) {
            // Not one of Preflight's reported failures: the frames are what a bug report needs.
            out.append(Arrays.stream(error.getStackTrace()).limit(UNEXPECTED_FRAMES)
                    .map(frame -> "    at " + frame + "\n").collect(Collectors.joining()));
        }
        out.append('\n').append("What to do: ").append(advice(error)).append('\n');
        if (exit) {
            out.append("The application was not started (exit code ").append(ExitCode.of(error).code())
                    .append("). To start it anyway, set ").append(ConfigKeys.ON_FAILURE.name()).append("=continue.\n");
        } else {
            out.append(ConfigKeys.ON_FAILURE.name()).append("=continue: the application starts anyway, on a database"
                    + " that may not be what it expects; /ready stays 503.\n");
        }
        return out.append(RULE).append('\n').toString();
    }

    /** The message as the user should read it; an unexpected error also shows its type. */
    static String message(Throwable error) {
        String message = error.getMessage();
        if (error instanceof PreflightException && message != null) {
            return message;
        }
        return error.getClass().getName() + (message == null ? "" : ": " + message);
    }

    private static String advice(Throwable error) {
        if (error instanceof ConfigException) {
            return "correct the setting named above (agent arguments, -Dpreflight.*, PREFLIGHT_* environment"
                    + " variables or preflight.properties), then start again.";
        }
        if (error instanceof DatabaseUnavailableException) {
            return "make sure PostgreSQL is running and reachable from here and that url, user and password are"
                    + " right; raise connect-retry to wait longer at start.";
        }
        if (error instanceof LockTimeoutException) {
            return "another instance is migrating this database and holds the migration lock (named above); let it"
                    + " finish, or raise lock-wait.";
        }
        if (error instanceof MigrationException) {
            return "fix the migration or file named above, then start again; `java -jar preflight-agent.jar status`"
                    + " shows where the database stands.";
        }
        return "this looks like a bug in Preflight or an unusual environment; please report it with the lines above.";
    }
}
