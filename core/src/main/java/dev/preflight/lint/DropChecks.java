package dev.preflight.lint;

import dev.preflight.sql.SqlStatement;
import dev.preflight.sql.SqlWords;

import java.util.Locale;

/**
 * Statements that take something away from the release still running: {@code DROP TABLE / VIEW / MATERIALIZED
 * VIEW / SCHEMA}, renames of schemas and views ({@code drop-or-rename}), {@code DROP DATABASE}, anything dropped
 * with {@code CASCADE} ({@code drop-cascade}), {@code TRUNCATE ... CASCADE}, and {@code DROP INDEX} without
 * {@code CONCURRENTLY}. In a down script, dropping what the migration's own up created is its inverse, not a hazard.
 */
final class DropChecks {

    private DropChecks() {
    }

    static void check(ScriptLint ctx, SqlStatement s, SqlWords w) {
        if (w.is(0, "TRUNCATE")) {
            if (w.is(w.size() - 1, "CASCADE")) {
                ctx.report(Rule.TRUNCATE_CASCADE, s, ScriptLint.excerpt(s) + " also empties every table referencing"
                        + " these");
            }
            return;
        }
        if (w.is(0, "ALTER")) {
            rename(ctx, s, w);
            return;
        }
        if (w.is(w.size() - 1, "CASCADE")) {
            ctx.report(Rule.DROP_CASCADE, s, ScriptLint.excerpt(s) + " also drops what depends on it");
        }
        boolean robust = ctx.inTransaction() || w.indexOf("EXISTS", 2, 0) >= 0;
        if (w.is(1, "DATABASE")) {
            ctx.report(Rule.DROP_DATABASE, s, "DROP DATABASE " + w.text(w.is(2, "IF") ? 4 : 2));
        } else if (w.is(1, "INDEX")) {
            index(ctx, s, w, robust);
        } else if (w.isAny(1, "TABLE", "VIEW", "SCHEMA") || w.is(1, "MATERIALIZED") && w.is(2, "VIEW")) {
            String what = w.is(1, "MATERIALIZED") ? "MATERIALIZED VIEW" : w.text(1).toUpperCase(Locale.ROOT);
            int i = w.is(1, "MATERIALIZED") ? 3 : 2;
            i = w.is(i, "IF") && w.is(i + 1, "EXISTS") ? i + 2 : i;
            if (!robust && w.is(1, "TABLE")) {
                ctx.report(Rule.PREFER_ROBUST_STMTS, s, "DROP TABLE outside a transaction without IF EXISTS: fails"
                        + " when run again");
            }
            for (; w.isIdentifier(i); i = w.nameEnd(i) + 1) {
                if (existing(ctx, w, i)) {
                    ctx.report(Rule.DROP_OR_RENAME, s, "DROP " + what + " " + w.join(i, w.nameEnd(i)));
                }
                if (!w.isSymbol(w.nameEnd(i), ",")) {
                    break;
                }
            }
        } else if (w.is(1, "TYPE") && !robust) {
            ctx.report(Rule.PREFER_ROBUST_STMTS, s, "DROP TYPE outside a transaction without IF EXISTS: fails when"
                    + " run again");
        }
    }

    /** Whether the table, view or schema named at {@code i} existed before the run (and is not the up's own). */
    private static boolean existing(ScriptLint ctx, SqlWords w, int i) {
        if (w.is(1, "SCHEMA")) {
            String schema = w.identifier(i);
            return !ctx.run.createdSchema(schema) && !(ctx.createdByUp != null && ctx.createdByUp.createdSchema(schema));
        }
        ObjectName name = ctx.resolve(ObjectName.at(w, i));
        if (w.is(1, "TABLE")) {
            return ctx.existingTable(name) && !ctx.createdByUp(name);
        }
        return !ctx.run.createdView(name) && !(ctx.createdByUp != null && ctx.createdByUp.createdView(name));
    }

    /** {@code DROP INDEX [CONCURRENTLY] [IF EXISTS] name [, ...]}. */
    private static void index(ScriptLint ctx, SqlStatement s, SqlWords w, boolean robust) {
        boolean concurrently = w.is(2, "CONCURRENTLY");
        int i = concurrently ? 3 : 2;
        i = w.is(i, "IF") && w.is(i + 1, "EXISTS") ? i + 2 : i;
        if (!robust) {
            ctx.report(Rule.PREFER_ROBUST_STMTS, s, "DROP INDEX outside a transaction without IF EXISTS: fails when run"
                    + " again");
        }
        ObjectName index = ctx.resolve(ObjectName.at(w, i));
        if (!concurrently && index != null && !ctx.run.createdIndex(index)) {
            ctx.report(Rule.DROP_INDEX_NOT_CONCURRENT, s, "DROP INDEX " + w.join(i, w.nameEnd(i))
                    + " without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on its table");
        }
    }

    /** {@code ALTER SCHEMA s RENAME TO}, {@code ALTER [MATERIALIZED] VIEW v RENAME [COLUMN] ... / SET SCHEMA}. */
    private static void rename(ScriptLint ctx, SqlStatement s, SqlWords w) {
        if (w.is(1, "SCHEMA")) {
            if (w.is(3, "RENAME") && !ctx.run.createdSchema(w.identifier(2))) {
                ctx.report(Rule.DROP_OR_RENAME, s, "ALTER SCHEMA " + w.text(2) + " RENAME TO " + w.text(5));
            }
            return;
        }
        int i = w.is(1, "MATERIALIZED") ? 3 : 2;
        i = w.is(i, "IF") && w.is(i + 1, "EXISTS") ? i + 2 : i;
        int end = w.nameEnd(i);
        ObjectName view = ctx.resolve(ObjectName.at(w, i));
        if (w.is(end, "SET") && w.is(end + 1, "TABLESPACE") && view != null && !ctx.run.createdView(view)) {
            ctx.report(Rule.SET_TABLESPACE, s, "SET TABLESPACE " + w.text(end + 2) + " on existing "
                    + (w.is(1, "MATERIALIZED") ? "materialized view " : "view ") + w.join(i, end));
        }
        boolean renames = w.is(end, "RENAME") || w.is(end, "SET") && w.is(end + 1, "SCHEMA");
        if (renames && view != null && !ctx.run.createdView(view)) {
            ctx.report(Rule.DROP_OR_RENAME, s, ScriptLint.excerpt(s) + " on an existing view");
        }
    }
}
