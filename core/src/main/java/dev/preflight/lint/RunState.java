package dev.preflight.lint;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What the scripts linted so far in one run created: the tables, indexes, views, types and functions nobody uses
 * yet, so that later statements on them are not hazards. One run is what one command is about to execute (every
 * pending migration of a {@code migrate}, the down scripts of a {@code rollback}, the files given to
 * {@code lint <file>...}); names are kept resolved ({@code schema.name}), so {@code public.users} and {@code users}
 * are one table.
 */
final class RunState {

    private final Set<String> tables = new HashSet<>();
    private final Set<String> indexes = new HashSet<>();
    private final Set<String> views = new HashSet<>();
    private final Set<String> types = new HashSet<>();
    private final Set<String> schemas = new HashSet<>();
    /** {@code schema.table.column} of columns added to an existing table. */
    private final Set<String> columns = new HashSet<>();
    /** Functions created in the run: whether each is declared VOLATILE (the default). */
    private final Map<String, Boolean> functions = new HashMap<>();
    /** {@code CHECK (col IS NOT NULL) NOT VALID} constraints by {@code schema.table.constraint}: the column. */
    private final Map<String, String> notNullChecks = new HashMap<>();
    /** {@code schema.table.column} proven not null by a validated check. */
    private final Set<String> validatedNotNull = new HashSet<>();
    /** Tables with a VALIDATE CONSTRAINT of a constraint added in an earlier run (squawk's cross-migration rule). */
    private final Set<String> validatedElsewhere = new HashSet<>();

    private static String key(ObjectName resolved) {
        return resolved.schema() + "." + resolved.name();
    }

    void createTable(ObjectName resolved) {
        tables.add(key(resolved));
    }

    boolean createdTable(ObjectName resolved) {
        return tables.contains(key(resolved)) || schemas.contains(resolved.schema());
    }

    /** A table renamed after it was created here is still new under its new name. */
    void renameTable(ObjectName from, ObjectName to) {
        if (createdTable(from)) {
            tables.add(key(to));
        }
    }

    void createIndex(ObjectName resolved) {
        indexes.add(key(resolved));
    }

    boolean createdIndex(ObjectName resolved) {
        return indexes.contains(key(resolved)) || schemas.contains(resolved.schema());
    }

    void createView(ObjectName resolved) {
        views.add(key(resolved));
    }

    boolean createdView(ObjectName resolved) {
        return views.contains(key(resolved)) || schemas.contains(resolved.schema());
    }

    void createType(ObjectName resolved) {
        types.add(key(resolved));
    }

    boolean createdType(ObjectName resolved) {
        return types.contains(key(resolved)) || schemas.contains(resolved.schema());
    }

    void createSchema(String schema) {
        schemas.add(schema);
    }

    boolean createdSchema(String schema) {
        return schemas.contains(schema);
    }

    void addColumn(ObjectName table, String column) {
        columns.add(key(table) + "." + column);
    }

    boolean addedColumn(ObjectName table, String column) {
        return columns.contains(key(table) + "." + column);
    }

    void createFunction(ObjectName resolved, boolean isVolatile) {
        functions.put(key(resolved), isVolatile);
    }

    /** Whether a function created in this run is volatile; null when the run did not create it. */
    Boolean functionVolatile(ObjectName resolved) {
        return functions.get(key(resolved));
    }

    void notValidNotNullCheck(ObjectName table, String constraint, String column) {
        notNullChecks.put(key(table) + "." + constraint, column);
    }

    /** Records a VALIDATE CONSTRAINT: a not-null check it proves, or a constraint this run does not know. */
    void validated(ObjectName table, String constraint) {
        String column = notNullChecks.get(key(table) + "." + constraint);
        if (column != null) {
            validatedNotNull.add(key(table) + "." + column);
        } else {
            validatedElsewhere.add(key(table));
        }
    }

    /** A CHECK (col IS NOT NULL) added valid (without NOT VALID). */
    void validNotNullCheck(ObjectName table, String column) {
        validatedNotNull.add(key(table) + "." + column);
    }

    /** Whether SET NOT NULL on the column can skip its scan (PostgreSQL 12+): a validated check proves it. */
    boolean provenNotNull(ObjectName table, String column) {
        return validatedNotNull.contains(key(table) + "." + column) || validatedElsewhere.contains(key(table));
    }
}
