package dev.preflight.lint;

import dev.preflight.sql.SqlWords;

/**
 * The name of a table, index, view, type or function as PostgreSQL resolves it: unquoted parts folded to lower
 * case, quotes removed, a missing schema filled in from the search path ({@code public} unless the script or the
 * database says otherwise), so that {@code public.users}, {@code users} and {@code "users"} are one table.
 *
 * <pre>{@code
 * ObjectName.at(SqlWords.of("alter table Public.\"Users\" ..."), 2).qualified("public")   // public.Users
 * }</pre>
 *
 * @param schema the schema as written, or null when the name is unqualified
 * @param name the object's own name
 */
record ObjectName(String schema, String name) {

    /** The schema of temporary tables, searched before any other. */
    static final String TEMP_SCHEMA = "pg_temp";

    /** The (possibly qualified, possibly {@code db.schema.name}) name starting at token {@code i}. */
    static ObjectName at(SqlWords w, int i) {
        int end = w.nameEnd(i);
        if (end == i) {
            return null;
        }
        String name = w.identifier(end - 1);
        String schema = end - i >= 3 ? w.identifier(end - 3) : null;
        return new ObjectName(schema, name);
    }

    /** This name with {@code defaultSchema} filled in when it has none. */
    ObjectName qualified(String defaultSchema) {
        return schema != null ? this : new ObjectName(defaultSchema, name);
    }

    boolean isQualified() {
        return schema != null;
    }

    /** {@code schema.name} or {@code name}, for messages. */
    @Override
    public String toString() {
        return schema == null ? name : schema + "." + name;
    }
}
