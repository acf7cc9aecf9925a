package dev.preflight.spring.actuate;

import dev.preflight.ConfigException;
import dev.preflight.Preflight;
import dev.preflight.StatusReport;
import dev.preflight.TaskArguments;
import dev.preflight.command.Command;
import dev.preflight.command.CommandLine;
import dev.preflight.command.Commands;
import dev.preflight.command.ExitCode;
import dev.preflight.command.Execution;
import dev.preflight.command.Failure;
import dev.preflight.command.Option;
import dev.preflight.command.Output;
import dev.preflight.command.RepoPolicy;
import dev.preflight.command.Surface;
import dev.preflight.command.Workspace;
import dev.preflight.spring.PreflightRepositories;
import dev.preflight.spring.startup.StartupState;
import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;
import org.springframework.lang.Nullable;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code /actuator/preflight}: the status of every repo as JSON, the same schema as {@code status --json} (one repo:
 * its object; several: an array), and {@code /actuator/preflight/{repo}} for one. The commands that change the
 * database are POSTs, refused unless writes are enabled by name with
 * {@code management.endpoint.preflight.access=unrestricted} (the endpoint's default access is read-only). They run
 * through the command layer as the CLI, eval and rpc run them, the body's fields being the command's options:
 *
 * <pre>
 * POST /actuator/preflight/main/migrate         {} | {"step":1} | {"to":"20240101"}
 * POST /actuator/preflight/main/rollback        {"step":1} | {"to":"42"}      (always explicit)
 * POST /actuator/preflight/main/migrate-data    {} | {"step":1}
 * POST /actuator/preflight/main/rollback-data   {"step":1}
 * POST /actuator/preflight/main/baseline        {"version":"5"}
 * POST /actuator/preflight/main/repair          {}
 * POST /actuator/preflight/main/task            {"name":"analyze","arguments":"last=3"}
 * </pre>
 *
 * Each answers the command's {@code --json} object ({@code migrate-result}, {@code baseline}, {@code repair},
 * {@code task-run}); an error answers the {@code error} schema with the HTTP status of its exit code: a usage error
 * (a wrong step, version, task argument or command) 400, an unknown repo 404, a lock timeout 409, an unreachable
 * database 503, a failed command 500.
 */
@WebEndpoint(id = "preflight", defaultAccess = Access.READ_ONLY)
public final class PreflightEndpoint {

    /** The commands a POST runs: every one that changes a repo. */
    private static final List<Command<?>> WRITES = Commands.all().stream()
            .filter(c -> !c.isReadOnly() && c.isLocal() && c.policy() != RepoPolicy.NONE).toList();

    private final PreflightRepositories repos;
    private final StartupState state;
    private final Execution execution;

    public PreflightEndpoint(PreflightRepositories repos, StartupState state) {
        this.repos = repos;
        this.state = state;
        // Errors have no help to point to here; RPC is the surface of a running application (as for the MBeans).
        this.execution = new Execution(new Workspace() {
            @Override
            public List<String> repos() {
                return repos.names();
            }

            @Override
            public Preflight preflight(String repo) {
                return repos.get(repo);
            }
        }, Surface.RPC);
    }

    @ReadOperation(produces = "application/json")
    public String status() {
        List<String> json = new ArrayList<>();
        for (String repo : repos.names()) {
            json.add(report(repo).toJson());
        }
        return json.size() == 1 ? json.get(0) : "[" + String.join(",", json) + "]";
    }

    @ReadOperation(produces = "application/json")
    public WebEndpointResponse<String> repoStatus(@Selector String repo) {
        if (!repos.names().contains(repo)) {
            return new WebEndpointResponse<>(Failure.usage(unknownRepo(repo)).toJson(),
                    WebEndpointResponse.STATUS_NOT_FOUND);
        }
        return new WebEndpointResponse<>(report(repo).toJson(), WebEndpointResponse.STATUS_OK);
    }

    @WriteOperation(produces = "application/json")
    public WebEndpointResponse<String> operate(@Selector String repo, @Selector String operation,
                                               @Nullable Integer step, @Nullable String to,
                                               @Nullable String version, @Nullable String name,
                                               @Nullable String arguments) {
        if (!repos.names().contains(repo)) {
            return new WebEndpointResponse<>(Failure.usage(unknownRepo(repo)).toJson(),
                    WebEndpointResponse.STATUS_NOT_FOUND);
        }
        Output output;
        try {
            output = execution.run(commandLine(repo, operation, step, to, version, name, arguments));
        } catch (RuntimeException e) {
            output = Output.failed(Failure.of(e));
        }
        Failure failure = output.failure();
        if (failure != null) {
            return new WebEndpointResponse<>(failure.toJson(), httpStatus(failure.exit()));
        }
        // --repo names one repo: one result.
        return new WebEndpointResponse<>(output.jsonLines().get(0), WebEndpointResponse.STATUS_OK);
    }

    /**
     * The command line a POST stands for: {@code rollback --repo main --step 1}, {@code task --repo main analyze
     * last=3}.
     *
     * @throws ConfigException for an operation that is not a write command, or a bad option or task argument
     */
    private static CommandLine commandLine(String repo, String operation, Integer step, String to, String version,
                                           String name, String arguments) {
        List<String> names = WRITES.stream().map(Command::name).toList();
        if (!names.contains(operation)) {
            throw new ConfigException("no operation " + operation + "; the operations are " + String.join(", ", names));
        }
        List<String> args = new ArrayList<>(List.of(operation, "--" + Option.REPO.name(), repo));
        if (step != null) {
            args.addAll(List.of("--" + Option.STEP.name(), step.toString()));
        }
        if (to != null) {
            args.addAll(List.of("--" + Option.TO.name(), to));
        }
        if (version != null) {
            args.addAll(List.of("--" + Option.VERSION.name(), version));
        }
        if (name != null) {
            args.add(name);
            TaskArguments.pairs(arguments).forEach((key, value) -> args.add(key + "=" + value));
        } else if (arguments != null) {
            throw new ConfigException("arguments without the task's name: {\"name\":\"analyze\",\"arguments\":\"last=3\"}");
        }
        return CommandLine.of(args);
    }

    private static int httpStatus(ExitCode exit) {
        return switch (exit) {
            case USAGE -> WebEndpointResponse.STATUS_BAD_REQUEST;
            case LOCK_TIMEOUT -> 409;
            case UNREACHABLE -> WebEndpointResponse.STATUS_SERVICE_UNAVAILABLE;
            default -> WebEndpointResponse.STATUS_INTERNAL_SERVER_ERROR;
        };
    }

    private StatusReport report(String repo) {
        StatusReport report = repos.reader(repo).status();
        state.counted(repo, report);
        return report;
    }

    private String unknownRepo(String repo) {
        return "no repo " + repo + "; the repos are " + String.join(", ", repos.names());
    }
}
