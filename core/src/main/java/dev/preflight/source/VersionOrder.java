package dev.preflight.source;

import dev.preflight.Version;

import java.util.Comparator;
import java.util.List;

/**
 * How a repository's versions are ordered, as the tool its migrations come from orders them: {@link #NUMERIC}
 * (Flyway's dotted numbers, golang-migrate, goose, dbmate and sql-migrate numbers: {@code 1.10 > 1.9}, {@code 10 > 9})
 * or {@link #TEXT} (Diesel compares its versions as text once dashes are removed, so {@code 20240601000000} runs
 * after {@code 202401010000000000}). Versions with the same number that sql-migrate orders by file name
 * ({@link Version#tiedBy}) keep that order under both.
 *
 * <pre>{@code
 * Comparator<Version> order = VersionOrder.of(migrations);
 * }</pre>
 */
public enum VersionOrder implements Comparator<Version> {

    /** Numeric segments compared as numbers: {@link Version#compareTo}. */
    NUMERIC {
        @Override
        public int compare(Version a, Version b) {
            return a.compareTo(b);
        }
    },

    /** The normalised versions compared as text, as Diesel's {@code MigrationVersion} derives {@code Ord} on its string. */
    TEXT {
        @Override
        public int compare(Version a, Version b) {
            int c = a.normalized().compareTo(b.normalized());
            return c != 0 ? c : a.compareTo(b);
        }
    };

    /**
     * The order of a repository's migrations of one kind: {@link #TEXT} when every versioned one comes from a tool that
     * orders as text, else {@link #NUMERIC} (the rule for a folder that mixes layouts; the finder refuses a mix in
     * which that would run a text-ordering tool's migrations in another order than its tool does).
     */
    public static VersionOrder of(List<Migration> migrations) {
        boolean any = false;
        for (Migration m : migrations) {
            if (m.version() != null) {
                if (m.tool().versionOrder() != TEXT) {
                    return NUMERIC;
                }
                any = true;
            }
        }
        return any ? TEXT : NUMERIC;
    }
}
