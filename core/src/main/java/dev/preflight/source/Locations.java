package dev.preflight.source;

import dev.preflight.Kind;

/**
 * The default migration locations and how a location string is written.
 *
 * <pre>{@code
 * MigrationFinder.find(List.of(Locations.defaultFor(Kind.SCHEMA)), Kind.SCHEMA, "main", loader, false);
 * }</pre>
 *
 * <p>A location is {@code filesystem:<path>}, {@code classpath:<path>} or a bare path (= filesystem). The two
 * defaults are special: {@value #DEFAULT_SCHEMA} and {@value #DEFAULT_DATA} mean the folder on the filesystem if
 * it exists, else the folder on the classpath, else no migrations at all (not an error), so an application works
 * both from its source tree and from its packaged jar. Any other location that does not exist is an error.
 */
public final class Locations {

    /** Where schema migrations are looked for when nothing is configured. */
    public static final String DEFAULT_SCHEMA = "db/migrations";

    /** Where data migrations are looked for when nothing is configured. */
    public static final String DEFAULT_DATA = "db/data-migrations";

    /** Prefix of a location read from the file system (relative paths resolve against the working directory). */
    public static final String FILESYSTEM_PREFIX = "filesystem:";

    /** Prefix of a location read through the class loader, from directories and jars alike. */
    public static final String CLASSPATH_PREFIX = "classpath:";

    private Locations() {
    }

    /** The default location for migrations of {@code kind} ({@link Kind#SCHEMA} or {@link Kind#DATA}). */
    public static String defaultFor(Kind kind) {
        return switch (kind) {
            case SCHEMA -> DEFAULT_SCHEMA;
            case DATA -> DEFAULT_DATA;
            default -> throw new IllegalArgumentException("Only schema and data migrations have a location, not " + kind);
        };
    }

    /** True for the two default location strings, which may be missing without an error. */
    public static boolean isDefault(String location) {
        String text = location.strip();
        return text.equals(DEFAULT_SCHEMA) || text.equals(DEFAULT_DATA);
    }
}
