package dev.preflight.task;

import dev.preflight.Task;
import dev.preflight.TaskParameter;
import dev.preflight.text.Json;

import java.util.List;
import java.util.Locale;

/**
 * The tasks, as {@code tasks} prints them: each name and description in aligned columns with one usage line per
 * parameter under it, or JSON (schema {@code tasks}).
 */
public record TaskList(List<Task> tasks) {

    public TaskList {
        tasks = List.copyOf(tasks);
    }

    public String toText() {
        if (tasks.isEmpty()) {
            return "no tasks\n";
        }
        int width = tasks.stream().mapToInt(t -> t.name().length()).max().orElse(0);
        StringBuilder out = new StringBuilder();
        for (Task task : tasks) {
            out.append(task.name()).append(" ".repeat(width - task.name().length())).append("  ")
                    .append(task.description()).append('\n');
            task.parameters().forEach(p -> out.append("    ").append(p.usage()).append('\n'));
        }
        return out.toString();
    }

    /** One task: its description, then each parameter's usage (what JConsole's {@code describe} shows). */
    public static String describe(Task task) {
        List<TaskParameter> parameters = task.parameters();
        StringBuilder out = new StringBuilder(task.name() + ": " + task.description() + "\n");
        out.append(parameters.isEmpty() ? "It takes no parameters.\n" : "Parameters:\n");
        parameters.forEach(p -> out.append("  ").append(p.usage()).append('\n'));
        return out.toString();
    }

    /** {@code {"tasks":[{"name","description","parameters":[{"name","type","required","default","choices",...}]}]}}. */
    public String toJson() {
        return Json.object().add("tasks", Json.array(tasks, t -> Json.object().add("name", t.name())
                .add("description", t.description()).add("parameters", Json.array(t.parameters(), p -> Json.object()
                        .add("name", p.name()).add("type", p.type().name().toLowerCase(Locale.ROOT))
                        .add("required", p.required()).add("default", p.defaultValue())
                        .add("choices", Json.array(p.choices())).add("description", p.description())
                        .add("usage", p.usage()))))).toString();
    }
}
