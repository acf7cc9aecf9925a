package dev.preflight.command;

import dev.preflight.text.Json;

import java.util.List;

/** The result of {@code repair}: what it changed in the history table, one sentence each. */
public record Repaired(String repo, List<String> actions) {

    public Repaired {
        actions = List.copyOf(actions);
    }

    /** {@code repair main: nothing to repair}, or the count and one {@code  - } line per change. */
    public String toText() {
        if (actions.isEmpty()) {
            return "repair " + repo + ": nothing to repair\n";
        }
        StringBuilder out = new StringBuilder("repair " + repo + ": " + actions.size() + " change(s)\n");
        actions.forEach(a -> out.append("  - ").append(a).append('\n'));
        return out.toString();
    }

    /** {@code {"repo","actions":[...]}} (schema {@code repair}). */
    public String toJson() {
        return Json.object().add("repo", repo).add("actions", Json.array(actions)).toString();
    }
}
