package dev.preflight.lint;

import dev.preflight.sql.SqlStatement;
import dev.preflight.sql.SqlWords;

/**
 * Enum types and domains: {@code ALTER TYPE ... ADD VALUE} (a hazard only when the same transaction then uses the
 * value, or before PostgreSQL 12; a convention without BEFORE/AFTER), {@code RENAME VALUE} and changes to
 * {@code pg_enum} by hand ({@code enum-value-rename-or-drop}), {@code ALTER TYPE ... RENAME TO}
 * ({@code drop-or-rename}) and {@code ALTER DOMAIN ... ADD CONSTRAINT} ({@code domain-add-constraint}).
 */
final class TypeChecks {

    private TypeChecks() {
    }

    static void alter(ScriptLint ctx, SqlStatement s, SqlWords w) {
        int end = w.nameEnd(2);
        ObjectName type = ctx.resolve(ObjectName.at(w, 2));
        if (type == null) {
            return;
        }
        String written = w.join(2, end);
        boolean existing = !ctx.run.createdType(type);
        if (w.is(1, "DOMAIN")) {
            if (w.is(end, "ADD") && existing) {
                ctx.report(Rule.DOMAIN_ADD_CONSTRAINT, s, "ALTER DOMAIN " + written + " ADD ... checks every column"
                        + " using the domain while blocking writes to their tables");
            }
            return;
        }
        if (w.is(end, "ADD") && w.is(end + 1, "VALUE")) {
            int value = w.is(end + 2, "IF") ? end + 5 : end + 2;
            if (!w.isAny(value + 1, "BEFORE", "AFTER")) {
                ctx.report(Rule.ENUM_VALUE_ORDERING, s, "ALTER TYPE " + written + " ADD VALUE " + w.text(value)
                        + " without BEFORE or AFTER: it sorts last");
            }
            if (ctx.inTransaction() && !ctx.tx.typeCreatedHere(type)) {
                int version = ctx.settings.facts().serverVersionNum().orElse(Integer.MAX_VALUE);
                if (version < 120_000) {
                    ctx.report(Rule.ENUM_ADD_VALUE_IN_TRANSACTION, s, "ALTER TYPE " + written + " ADD VALUE in a"
                            + " transaction: PostgreSQL " + version / 10_000 + " refuses it");
                } else {
                    ctx.tx.addedValue(w.text(value), s);
                }
            }
        } else if (w.is(end, "RENAME") && w.is(end + 1, "VALUE") && existing) {
            ctx.report(Rule.ENUM_VALUE_RENAME_OR_DROP, s, "ALTER TYPE " + written + " RENAME VALUE " + w.text(end + 2)
                    + " TO " + w.text(end + 4) + ": the running release still writes and compares the old value");
        } else if (w.is(end, "RENAME") && w.is(end + 1, "TO") && existing) {
            ctx.report(Rule.DROP_OR_RENAME, s, "ALTER TYPE " + written + " RENAME TO " + w.text(end + 2)
                    + ": the running release still uses the old type name");
        }
    }

    /** {@code DELETE FROM pg_enum ...} / {@code UPDATE pg_enum ...}: dropping or renaming enum values by hand. */
    static void catalogHack(ScriptLint ctx, SqlStatement s, SqlWords w) {
        int at = w.is(0, "UPDATE") ? 1 : w.is(0, "DELETE") && w.is(1, "FROM") ? 2 : -1;
        ObjectName table = at < 0 ? null : ObjectName.at(w, at);
        if (table != null && table.name().equals("pg_enum")
                && (table.schema() == null || table.schema().equals("pg_catalog"))) {
            ctx.report(Rule.ENUM_VALUE_RENAME_OR_DROP, s, w.text(0).toUpperCase(java.util.Locale.ROOT)
                    + " of pg_enum changes enum values behind PostgreSQL's back: rows using a deleted value break");
        }
    }
}
