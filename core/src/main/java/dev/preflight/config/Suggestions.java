package dev.preflight.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * "Did you mean": the known name closest to a misspelt one, if it is close enough to be a typo. Used for
 * configuration keys, task names and task parameters.
 *
 * <pre>{@code
 * Suggestions.closest("analyse", List.of("analyze", "purge")); // Optional[analyze]
 * }</pre>
 */
public final class Suggestions {

    private Suggestions() {
    }

    /** The first of {@code known} (in iteration order) at the smallest edit distance, if that is small enough. */
    public static Optional<String> closest(String name, Collection<String> known) {
        String target = name.toLowerCase(Locale.ROOT);
        // Up to a third of the name may be wrong, at most 3 edits: "lock-timout", "healthport", "pasword".
        int allowed = Math.max(1, Math.min(3, target.length() / 3));
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int distance = distance(target, candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return bestDistance <= allowed ? Optional.of(best) : Optional.empty();
    }

    /** Optimal string alignment distance: Levenshtein plus swaps of neighbours ("ulr" is one edit from "url"). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
