package dev.preflight.lint;

import dev.preflight.sql.SqlStatement;
import dev.preflight.sql.SqlWords;

/**
 * Maintenance commands that rebuild or rewrite under a strong lock: {@code REINDEX} and {@code REFRESH MATERIALIZED
 * VIEW} without {@code CONCURRENTLY}, {@code CLUSTER}, {@code VACUUM FULL}, and {@code ALTER INDEX ... SET
 * TABLESPACE}. Objects created earlier in the run are nobody's yet and are left alone.
 */
final class IndexChecks {

    private IndexChecks() {
    }

    static void maintenance(ScriptLint ctx, SqlStatement s, SqlWords w) {
        if (w.is(0, "REINDEX")) {
            reindex(ctx, s, w);
        } else if (w.is(0, "REFRESH") && w.is(1, "MATERIALIZED") && !w.is(3, "CONCURRENTLY")) {
            ObjectName view = ctx.resolve(ObjectName.at(w, 3));
            if (view != null && !ctx.run.createdView(view)) {
                ctx.report(Rule.REFRESH_MATVIEW_NOT_CONCURRENT, s, "REFRESH MATERIALIZED VIEW " + w.join(3, w.nameEnd(3))
                        + " without CONCURRENTLY: nobody can read it until the refresh is done");
            }
        } else if (w.is(0, "CLUSTER")) {
            int table = w.is(1, "VERBOSE") ? 2 : w.isSymbol(1, "(") ? w.closing(1) + 1 : 1;
            ObjectName name = w.isIdentifier(table) ? ctx.resolve(ObjectName.at(w, table)) : null;
            if (name == null || ctx.existingTable(name)) {
                ctx.report(Rule.CLUSTER, s, "CLUSTER " + (name == null ? "of every clustered table"
                        : w.join(table, w.nameEnd(table))) + " rewrites under an ACCESS EXCLUSIVE lock");
            }
        } else if (w.is(0, "VACUUM") && (w.indexOf("FULL", 1, 0) > 0 || w.indexOf("FULL", 1, 1) > 0)) {
            ctx.report(Rule.VACUUM_FULL, s, ScriptLint.excerpt(s) + " rewrites under an ACCESS EXCLUSIVE lock");
        } else if (w.is(0, "ALTER") && w.is(1, "INDEX")) {
            int i = w.is(2, "IF") && w.is(3, "EXISTS") ? 4 : 2;
            int end = w.nameEnd(i);
            ObjectName index = ctx.resolve(ObjectName.at(w, i));
            if (w.is(end, "SET") && w.is(end + 1, "TABLESPACE") && index != null && !ctx.run.createdIndex(index)) {
                ctx.report(Rule.SET_TABLESPACE, s, "ALTER INDEX " + w.join(i, end) + " SET TABLESPACE " + w.text(end + 2)
                        + " copies it under an ACCESS EXCLUSIVE lock");
            } else if (w.is(2, "ALL") && w.is(3, "IN") && w.is(4, "TABLESPACE")) {
                ctx.report(Rule.SET_TABLESPACE, s, "ALTER INDEX ALL IN TABLESPACE " + w.text(5) + " moves every index in it");
            }
        }
    }

    /** {@code REINDEX [(options)] {INDEX|TABLE|SCHEMA|DATABASE|SYSTEM} [CONCURRENTLY] name}. */
    private static void reindex(ScriptLint ctx, SqlStatement s, SqlWords w) {
        int i = w.isSymbol(1, "(") ? w.closing(1) + 1 : 1;
        boolean concurrently = w.isSymbol(1, "(") && w.indexOf("CONCURRENTLY", 1, 1) > 0
                && !w.isAny(w.indexOf("CONCURRENTLY", 1, 1) + 1, "FALSE", "OFF");
        i = w.is(i, "VERBOSE") ? i + 1 : i;
        String target = w.text(i).toUpperCase(java.util.Locale.ROOT);
        if (target.equals("SYSTEM")) {
            return;
        }
        concurrently |= w.is(i + 1, "CONCURRENTLY");
        int name = w.is(i + 1, "CONCURRENTLY") ? i + 2 : i + 1;
        ObjectName object = w.isIdentifier(name) ? ctx.resolve(ObjectName.at(w, name)) : null;
        boolean created = object != null && (target.equals("TABLE") ? ctx.run.createdTable(object)
                : target.equals("INDEX") && ctx.run.createdIndex(object));
        if (!concurrently && !created) {
            ctx.report(Rule.REINDEX_NOT_CONCURRENT, s, "REINDEX " + target + (object == null ? "" : " "
                    + w.join(name, w.nameEnd(name))) + " without CONCURRENTLY");
        }
    }
}
