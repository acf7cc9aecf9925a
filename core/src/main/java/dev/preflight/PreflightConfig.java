package dev.preflight;

import java.util.List;
import java.util.Map;

/**
 * All of Preflight's settings, from every source. See README "Configuration" for each key.
 * TODO(config): sources, precedence, validation — being written.
 */
public final class PreflightConfig {

    private PreflightConfig() {
    }

    /** Exactly these settings (keys without the {@code preflight.} prefix) over the defaults; no env, no -D. */
    public static PreflightConfig fromProperties(Map<String, String> settings) {
        throw new UnsupportedOperationException("not written yet");
    }

    public List<String> repoNames() {
        throw new UnsupportedOperationException("not written yet");
    }

    public RepoConfig repo(String name) {
        throw new UnsupportedOperationException("not written yet");
    }
}
