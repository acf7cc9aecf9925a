package dev.preflight.command;

import dev.preflight.text.Json;

/** The result of {@code baseline}: the repo now counts every migration up to {@code version} as applied. */
public record Baselined(String repo, String version) {

    public String toText() {
        return "baseline " + repo + ": migrations up to " + version + " count as applied\n";
    }

    /** {@code {"repo","version"}} (schema {@code baseline}). */
    public String toJson() {
        return Json.object().add("repo", repo).add("version", version).toString();
    }
}
