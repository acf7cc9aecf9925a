package dev.preflight.spring.actuate;

import dev.preflight.ConfigException;
import dev.preflight.MigrateResult;
import dev.preflight.Preflight;
import dev.preflight.StatusReport;
import dev.preflight.Target;
import dev.preflight.TaskArguments;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /actuator/preflight}: the status of every repo as JSON, the same schema as {@code status --json} (one repo:
 * its object; several: an array), and {@code /actuator/preflight/{repo}} for one. Operations that change the database
 * are POSTs, refused unless writes are enabled by name with {@code management.endpoint.preflight.access=unrestricted}
 * (the endpoint's default access is read-only):
 *
 * <pre>
 * POST /actuator/preflight/main/migrate         {} | {"step":1} | {"to":"20240101"}
 * POST /actuator/preflight/main/rollback        {"step":1} | {"to":"42"}      (always explicit)
 * POST /actuator/preflight/main/migrate-data    {} | {"step":1}
 * POST /actuator/preflight/main/rollback-data   {"step":1}
 * POST /actuator/preflight/main/task            {"name":"analyze","arguments":"last=3"}
 * </pre>
 *
 * Each answers {@code {"repo","operation","millis","migrations":[{"id","version","name","kind","millis"}],"summary"}}
 * (a task: {@code "task","summary"}); a bad request (a wrong step, version, task argument or operation) is 400, an
 * unknown repo 404 and a failed operation 500, each with {@code {"repo","operation","error"}}.
 */
@WebEndpoint(id = "preflight", defaultAccess = Access.READ_ONLY)
public final class PreflightEndpoint {

    private static final List<String> OPERATIONS = List.of("migrate", "rollback", "migrate-data", "rollback-data",
            "task");

    private final PreflightRepositories repos;
    private final StartupState state;

    public PreflightEndpoint(PreflightRepositories repos, StartupState state) {
        this.repos = repos;
        this.state = state;
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
    public WebEndpointResponse<Object> repoStatus(@Selector String repo) {
        if (!repos.names().contains(repo)) {
            return new WebEndpointResponse<>(error(repo, "status", unknownRepo(repo)), WebEndpointResponse.STATUS_NOT_FOUND);
        }
        return new WebEndpointResponse<>(report(repo).toJson(), WebEndpointResponse.STATUS_OK);
    }

    @WriteOperation(produces = "application/json")
    public WebEndpointResponse<Map<String, Object>> operate(@Selector String repo, @Selector String operation,
                                                            @Nullable Integer step, @Nullable String to,
                                                            @Nullable String name, @Nullable String arguments) {
        if (!repos.names().contains(repo)) {
            return new WebEndpointResponse<>(error(repo, operation, unknownRepo(repo)),
                    WebEndpointResponse.STATUS_NOT_FOUND);
        }
        Preflight preflight = repos.get(repo);
        try {
            Map<String, Object> answer = switch (operation) {
                case "migrate" -> result(preflight.migrate(target(step, to, false)));
                case "rollback" -> result(preflight.rollback(target(step, to, true)));
                case "migrate-data" -> result(preflight.migrateData(target(step, to, false)));
                case "rollback-data" -> result(preflight.rollbackData(target(step, to, true)));
                case "task" -> task(preflight, name, arguments);
                default -> throw new ConfigException("no operation " + operation + "; the operations are "
                        + String.join(", ", OPERATIONS));
            };
            return new WebEndpointResponse<>(answer, WebEndpointResponse.STATUS_OK);
        } catch (ConfigException e) {
            // A wrong operation, step, version or task argument: nothing ran.
            return new WebEndpointResponse<>(error(repo, operation, e.getMessage()),
                    WebEndpointResponse.STATUS_BAD_REQUEST);
        } catch (RuntimeException e) {
            return new WebEndpointResponse<>(error(repo, operation, e.getMessage()),
                    WebEndpointResponse.STATUS_INTERNAL_SERVER_ERROR);
        }
    }

    private StatusReport report(String repo) {
        StatusReport report = repos.reader(repo).status();
        state.counted(repo, report);
        return report;
    }

    private String unknownRepo(String repo) {
        return "no repo " + repo + "; the repos are " + String.join(", ", repos.names());
    }

    /** {@code step} or {@code to}, or neither (all) where allowed; rollbacks are always explicit. */
    private static Target target(Integer step, String to, boolean explicit) {
        if (step != null && to != null) {
            throw new ConfigException("give step or to, not both");
        }
        if (step != null) {
            return Target.step(step);
        }
        if (to != null) {
            return Target.to(to);
        }
        if (explicit) {
            throw new ConfigException("a rollback is always explicit: give {\"step\":1} or {\"to\":\"<version>\"}");
        }
        return Target.all();
    }

    private static Map<String, Object> task(Preflight preflight, String name, String arguments) {
        if (name == null || name.isBlank()) {
            throw new ConfigException("give the task's name: {\"name\":\"analyze\",\"arguments\":\"last=3\"}");
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("repo", preflight.repo());
        answer.put("operation", "task");
        answer.put("task", name);
        answer.put("summary", preflight.runTask(name, TaskArguments.pairs(arguments)));
        return answer;
    }

    /** As {@code migrate --json} answers: repo, operation, millis and each migration applied or reverted. */
    private static Map<String, Object> result(MigrateResult result) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("repo", result.repo());
        answer.put("operation", result.operation());
        answer.put("millis", result.millis());
        List<Map<String, Object>> migrations = new ArrayList<>();
        for (MigrateResult.Applied m : result.migrations()) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("id", m.id());
            one.put("version", m.version());
            one.put("name", m.name());
            one.put("kind", m.kind().code());
            one.put("millis", m.millis());
            migrations.add(one);
        }
        answer.put("migrations", migrations);
        answer.put("summary", result.summary());
        return answer;
    }

    private static Map<String, Object> error(String repo, String operation, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("repo", repo);
        error.put("operation", operation);
        error.put("error", message);
        return error;
    }
}
