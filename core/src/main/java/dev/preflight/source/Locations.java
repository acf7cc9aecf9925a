package dev.preflight.source;

import dev.preflight.Kind;

import java.util.regex.Pattern;

/**
 * The default migration locations and how a location string is written.
 *
 * <pre>{@code
 * MigrationFinder.find(List.of(Locations.defaultFor(Kind.SCHEMA)), Kind.SCHEMA, "main", loader, false);
 * }</pre>
 *
 * <p>A location is {@code filesystem:<path>}, {@code classpath:<path>} or a bare path (= filesystem). The
 * defaults are special: {@value #DEFAULT_SCHEMA} and {@value #DEFAULT_DATA}, and for the repos after the first
 * {@code db/<repo>/migrations} and {@code db/<repo>/data-migrations}, mean the folder on the filesystem if it
 * exists, else the folder on the classpath, else no migrations at all (not an error), so an application works
 * both from its source tree and from its packaged jar, and a repo needs no data-migration folder. Any other
 * location that does not exist is an error.
 */
public final class Locations {

    /** Where schema migrations are looked for when nothing is configured. */
    public static final String DEFAULT_SCHEMA = "db/migrations";

    /** Where data migrations are looked for when nothing is configured. */
    public static final String DEFAULT_DATA = "db/data-migrations";

    /** Where a repo after the first looks for schema migrations when nothing is configured ({@code %s}: its name). */
    public static final String REPO_SCHEMA = "db/%s/migrations";

    /** Where a repo after the first looks for data migrations when nothing is configured. */
    public static final String REPO_DATA = "db/%s/data-migrations";

    /** {@link #REPO_SCHEMA} and {@link #REPO_DATA} for any repo name (one folder, no slash). */
    private static final Pattern REPO_DEFAULT = Pattern.compile("db/[^/]+/(data-)?migrations");

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

    /** True for the default location strings, which may be missing without an error. */
    public static boolean isDefault(String location) {
        String text = location.strip();
        return text.equals(DEFAULT_SCHEMA) || text.equals(DEFAULT_DATA) || REPO_DEFAULT.matcher(text).matches();
    }
}
