package dev.preflight.source;

import dev.preflight.Kind;

import java.util.List;

/**
 * Reads the migrations of one repository from its locations, with every layout, and from
 * {@link dev.preflight.JavaMigration} services. This is the only entry point the engine uses.
 */
public final class MigrationFinder {

    private MigrationFinder() {
    }

    /**
     * @param locations location strings as configured ({@code filesystem:db/migrations},
     *                  {@code classpath:db/migrations}, or a bare path = filesystem)
     * @param kind {@link Kind#SCHEMA} (versioned and repeatable migrations) or {@link Kind#DATA}
     * @param repo the repository name, to pick the Java migrations that belong to it
     * @param loader where classpath locations and Java migrations are looked up
     * @param strict true to make files that match no layout an error instead of a warning
     * @return versioned migrations in version order, then repeatables by name
     * @throws dev.preflight.MigrationException naming the files for duplicates, a down without an up,
     *         near-miss names (with a suggestion), unreadable locations, or (strict) unmatched files
     */
    public static List<Migration> find(List<String> locations, Kind kind, String repo, ClassLoader loader,
                                       boolean strict) {
        throw new UnsupportedOperationException("not written yet");
    }
}
