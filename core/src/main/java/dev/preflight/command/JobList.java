package dev.preflight.command;

import dev.preflight.text.Json;
import dev.preflight.text.Table;

import java.util.List;

/**
 * The result of {@code jobs}: the application's recent jobs, oldest first, as an aligned table or JSON
 * (schema {@code jobs}).
 */
public record JobList(List<JobSummary> jobs) {

    public JobList {
        jobs = List.copyOf(jobs);
    }

    /** ID | State | Command | Repo | Done | Started | Error; {@code no jobs} when there are none. */
    public String toText() {
        if (jobs.isEmpty()) {
            return "no jobs\n";
        }
        Table table = Table.withHeader("ID", "State", "Command", "Repo", "Done", "Started", "Error");
        for (JobSummary j : jobs) {
            table.row(j.id(), j.state(), j.command(), j.repo(), j.done() + "/" + j.total(), j.started(),
                    j.error() == null ? "" : j.error().lines().findFirst().orElse(""));
        }
        return table.toString();
    }

    /** {@code {"jobs":[...]}}. */
    public String toJson() {
        return Json.object().add("jobs", Json.array(jobs, JobSummary::toJson)).toString();
    }
}
