package dev.preflight;

import java.sql.Connection;

/**
 * A migration written in Java, found with {@link java.util.ServiceLoader}: list the class in
 * {@code META-INF/services/dev.preflight.JavaMigration} of the application's jar.
 *
 * <pre>{@code
 * public class V7__BackfillNames implements JavaMigration {
 *     public void up(Connection c) throws SQLException {
 *         try (var s = c.createStatement()) { s.execute("update person set name = initcap(name)"); }
 *     }
 * }
 * }</pre>
 *
 * <p>Version and name default to the Flyway-style class name {@code V<version>__<name>}; override
 * {@link #version()} and {@link #name()} to choose them freely. A transactional migration runs inside the
 * same transaction as its history row; do not commit on the connection.
 */
public interface JavaMigration {

    /** The version, as in a file name ({@code 7}, {@code 1.2}, {@code 20240101120000}). */
    default String version() {
        String simple = getClass().getSimpleName();
        int sep = simple.indexOf("__");
        if (simple.length() < 2 || simple.charAt(0) != 'V' || sep < 2) {
            throw new MigrationException("Java migration " + getClass().getName()
                    + " has no version: name the class V<version>__<Name> (e.g. V7__BackfillNames) or override version()");
        }
        return simple.substring(1, sep);
    }

    /** A short description shown in the status table. */
    default String name() {
        String simple = getClass().getSimpleName();
        int sep = simple.indexOf("__");
        return sep >= 0 ? simple.substring(sep + 2).replace('_', ' ') : simple;
    }

    /** The repository this migration belongs to (see {@code preflight.repos}). */
    default String repo() {
        return "main";
    }

    /** {@link Kind#SCHEMA} (the default) or {@link Kind#DATA} for a data migration run only by hand. */
    default Kind kind() {
        return Kind.SCHEMA;
    }

    /** False to run outside a transaction (e.g. {@code CREATE INDEX CONCURRENTLY}). */
    default boolean transactional() {
        return true;
    }

    /** A value that changes when the migration's effect changes; {@code null} turns drift checks off. */
    default String checksum() {
        return null;
    }

    /** Applies the migration. */
    void up(Connection connection) throws Exception;

    /** True when {@link #down(Connection)} is implemented, so the migration can be rolled back. */
    default boolean reversible() {
        return false;
    }

    /** Reverts {@link #up(Connection)}; only called when {@link #reversible()} is true. */
    default void down(Connection connection) throws Exception {
        throw new UnsupportedOperationException(getClass().getName() + " has no down()");
    }
}
