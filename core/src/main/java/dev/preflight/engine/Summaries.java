package dev.preflight.engine;

import java.util.List;

/**
 * Lists of migration ids in messages, kept to one readable line: an error at the 248th migration of a run names the
 * first and the last of the 247 before it, not all of them.
 *
 * <pre>{@code
 * Summaries.ids(List.of("1", "2", "3"));            // "1, 2, 3"
 * Summaries.ids(ids of 1..247);                     // "1, 2, 3 … 246, 247 (247 in all)"
 * }</pre>
 */
final class Summaries {

    /** Up to this many ids are listed whole. */
    private static final int WHOLE = 6;

    private Summaries() {
    }

    static String ids(List<String> ids) {
        if (ids.isEmpty()) {
            return "none";
        }
        if (ids.size() <= WHOLE) {
            return String.join(", ", ids);
        }
        return String.join(", ", ids.subList(0, 3)) + " … " + String.join(", ", ids.subList(ids.size() - 2,
                ids.size())) + " (" + ids.size() + " in all)";
    }
}
