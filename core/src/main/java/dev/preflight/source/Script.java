package dev.preflight.source;

/**
 * The SQL of one direction of a migration, with where it came from so that errors can say
 * {@code origin:line}. {@code firstLine} is the line of {@code origin} on which {@code sql} starts (a
 * section of a single file with up/down markers starts below its marker).
 *
 * @param origin a path a user recognises, e.g. {@code db/migrations/001_init.sql} or
 *               {@code classpath:db/migrations/V1__init.sql}
 * @param sql the statements, exactly as in the file (markers removed)
 * @param firstLine 1-based line of {@code origin} where {@code sql} begins
 */
public record Script(String origin, String sql, int firstLine) {
}
