package dev.preflight.command;

import dev.preflight.text.Json;

/**
 * One job of a running application, as {@code jobs} lists it. Times are ISO-8601 UTC, null until they happen.
 *
 * @param state    {@code queued}, {@code running}, {@code succeeded} or {@code failed}
 * @param exitCode the exit code of its command once it ended, else null
 * @param error    why it failed, or null
 */
public record JobSummary(String id, String command, String repo, String state, int done, int total, String started,
                         String finished, Integer exitCode, String error) {

    /** {@code {"id","command","repo","state","done","total","started","finished","exitCode","error"}}. */
    public Json toJson() {
        return Json.object().add("id", id).add("command", command).add("repo", repo).add("state", state)
                .add("done", done).add("total", total).add("started", started).add("finished", finished)
                .add("exitCode", exitCode).add("error", error);
    }
}
