package dev.preflight.task;

import dev.preflight.text.Json;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One run of a task: on which repo, with which checked arguments (defaults included, in the order given), and how long it took. Its
 * {@link #summary()} is the line the task runner logs and {@code task} prints; {@link #toJson()} is schema
 * {@code task-run}.
 */
public record TaskRun(String repo, String task, Map<String, String> arguments, long millis) {

    public TaskRun {
        arguments = Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
    }

    /** {@code task analyze (repo main): done in 35 ms}. */
    public String summary() {
        return "task " + task + " (repo " + repo + "): done in " + millis + " ms";
    }

    public String toText() {
        return summary() + "\n";
    }

    /** {@code {"repo","task","arguments":{...},"millis"}}. */
    public String toJson() {
        return Json.object().add("repo", repo).add("task", task).add("arguments", arguments)
                .add("millis", millis).toString();
    }
}
