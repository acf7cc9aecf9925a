package dev.preflight.config;

import dev.preflight.ConfigException;

import java.util.List;

/** The wording of configuration errors, in one place so every source and surface reads the same. */
final class Messages {

    private Messages() {
    }

    /**
     * {@code Invalid lock-timeout `5` (from env PREFLIGHT_LOCK_TIMEOUT): add a unit, e.g. 5s}.
     *
     * @param shownValue the value as it may be shown: already masked by the caller when it can hold a secret
     * @param origin     where the value came from, or {@code null} when the caller does not know
     */
    static String invalid(String key, String origin, String shownValue, String allowed) {
        return "Invalid " + key + " `" + shownValue + "`" + (origin == null ? "" : " (from " + origin + ")")
                + ": " + allowed;
    }

    /** One exception for all problems found, so a user fixes them in one round instead of one per run. */
    static ConfigException combine(List<String> problems) {
        if (problems.size() == 1) {
            return new ConfigException(problems.get(0));
        }
        StringBuilder text = new StringBuilder(problems.size() + " configuration problems:");
        for (String problem : problems) {
            text.append(System.lineSeparator()).append("  - ").append(problem);
        }
        return new ConfigException(text.toString());
    }
}
