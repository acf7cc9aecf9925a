package dev.preflight.lint;

import dev.preflight.sql.SqlStatement;
import dev.preflight.sql.SqlWords;

import java.util.HashSet;
import java.util.Set;

/**
 * {@code CREATE} statements: what they create joins the {@link RunState} (tables, indexes, views, types, domains,
 * schemas, and functions with their declared volatility), so later statements on them are not hazards; a
 * non-concurrent index on an existing table is {@code index-not-concurrent}; new tables get the column conventions.
 */
final class CreateChecks {

    private static final Set<String> TABLE_CONSTRAINTS = Set.of("constraint", "primary", "unique", "check", "foreign",
            "exclude", "like");

    private CreateChecks() {
    }

    static void check(ScriptLint ctx, SqlStatement s, SqlWords w) {
        int table = TableNames.createdTable(w);
        if (table >= 0) {
            table(ctx, s, w, table);
            return;
        }
        if (TableNames.indexedTable(w) >= 0) {
            index(ctx, s, w);
            return;
        }
        int i = w.is(1, "OR") && w.is(2, "REPLACE") ? 3 : 1;
        if (w.is(i, "TYPE")) {
            ObjectName type = ctx.resolve(ObjectName.at(w, i + 1));
            ctx.run.createType(type);
            ctx.tx.createdType(type);
        } else if (w.is(i, "DOMAIN")) {
            ctx.run.createType(ctx.resolve(ObjectName.at(w, i + 1)));
            int constraint = firstOf(w, w.nameEnd(i + 1), "CHECK", "CONSTRAINT", "NOT");
            if (constraint >= 0) {
                ctx.report(Rule.DOMAIN_WITH_CONSTRAINT, s, "CREATE DOMAIN " + w.join(i + 1, w.nameEnd(i + 1))
                        + " with a constraint");
            }
        } else if (w.isAny(i, "FUNCTION", "PROCEDURE")) {
            function(ctx, w, i + 1);
        } else if (w.is(i, "SCHEMA")) {
            int name = w.is(i + 1, "IF") && w.is(i + 2, "NOT") ? i + 4 : i + 1;
            if (!w.is(name, "AUTHORIZATION")) {
                ctx.run.createSchema(w.identifier(name));
            }
        } else {
            view(ctx, w, i);
        }
    }

    /** {@code CREATE [OR REPLACE] [TEMP] [RECURSIVE] [MATERIALIZED] VIEW [IF NOT EXISTS] name}. */
    private static void view(ScriptLint ctx, SqlWords w, int i) {
        while (w.isAny(i, "TEMP", "TEMPORARY", "RECURSIVE", "MATERIALIZED")) {
            i++;
        }
        if (w.is(i, "VIEW")) {
            int name = w.is(i + 1, "IF") && w.is(i + 2, "NOT") ? i + 4 : i + 1;
            ctx.run.createView(ctx.resolve(ObjectName.at(w, name)));
        }
    }

    private static void table(ScriptLint ctx, SqlStatement s, SqlWords w, int at) {
        boolean temp = false;
        for (int k = 1; k < at; k++) {
            temp |= w.isAny(k, "TEMP", "TEMPORARY");
        }
        ObjectName written = ObjectName.at(w, at);
        if (written == null) {
            return;
        }
        ctx.run.createTable(temp ? written.qualified(ObjectName.TEMP_SCHEMA) : ctx.resolve(written));
        boolean ifNotExists = w.is(at - 1, "EXISTS");
        boolean dropOnCommit = temp && w.indexOf("DROP", at, 0) > 0 && w.is(w.indexOf("DROP", at, 0) - 2, "ON");
        if (!ctx.inTransaction() && !ifNotExists && !dropOnCommit) {
            ctx.report(Rule.PREFER_ROBUST_STMTS, s, "CREATE TABLE " + w.join(at, w.nameEnd(at)) + " outside a"
                    + " transaction without IF NOT EXISTS: fails when run again");
        }
        int open = w.nameEnd(at);
        if (!w.isSymbol(open, "(")) {
            return; // CREATE TABLE ... AS, PARTITION OF, OF type
        }
        int close = w.closing(open);
        Set<String> names = new HashSet<>();
        for (int start = open + 1; start < close; ) {
            int end = start;
            while (end < close && !(w.depth(end) == w.depth(open) + 1 && w.isSymbol(end, ","))) {
                end++;
            }
            if (w.isIdentifier(start) && !(w.is(start, w.text(start)) && TABLE_CONSTRAINTS.contains(w.identifier(start)))) {
                ColumnChecks.Column c = ColumnChecks.parse(w, start, end);
                ColumnChecks.typeConventions(ctx, s, w, c.typeStart(), c.typeEnd());
                if (!names.add(w.identifier(start))) {
                    ctx.report(Rule.DUPLICATE_COLUMN, s, "column " + w.text(start) + " is defined twice in CREATE TABLE "
                            + w.join(at, w.nameEnd(at)));
                }
            }
            start = end + 1;
        }
    }

    /** {@code CREATE [UNIQUE] INDEX [CONCURRENTLY] [IF NOT EXISTS] [name] ON [ONLY] table [USING m] (cols)}. */
    private static void index(ScriptLint ctx, SqlStatement s, SqlWords w) {
        boolean unique = w.is(1, "UNIQUE");
        int i = unique ? 3 : 2;
        boolean concurrently = w.is(i, "CONCURRENTLY");
        i = concurrently ? i + 1 : i;
        boolean ifNotExists = w.is(i, "IF") && w.is(i + 1, "NOT") && w.is(i + 2, "EXISTS");
        i = ifNotExists ? i + 3 : i;
        int at = TableNames.indexedTable(w);
        ObjectName table = ctx.resolve(ObjectName.at(w, at));
        if (table == null) {
            return;
        }
        boolean named = !w.is(i, "ON");
        if (named) {
            ctx.run.createIndex(new ObjectName(table.schema(), w.identifier(i)));
        }
        String written = w.join(at, w.nameEnd(at));
        if (!concurrently && ctx.existingTable(table)) {
            ctx.report(Rule.INDEX_NOT_CONCURRENT, s, "CREATE INDEX on existing table " + written + " without CONCURRENTLY");
        }
        if (named && !ifNotExists && (concurrently || !ctx.inTransaction())) {
            ctx.report(Rule.PREFER_ROBUST_STMTS, s, "CREATE INDEX " + w.text(i) + " outside a transaction without"
                    + " IF NOT EXISTS: fails when run again (after a failure that left the index valid)");
        }
        int open = w.nameEnd(at);
        open = w.is(open, "USING") ? open + 2 : open;
        if (!unique && w.isSymbol(open, "(")) {
            int columns = 1;
            for (int k = open + 1; k < w.closing(open); k++) {
                columns += w.depth(k) == w.depth(open) + 1 && w.isSymbol(k, ",") ? 1 : 0;
            }
            if (columns > 3) {
                ctx.report(Rule.WIDE_INDEX, s, "non-unique index on " + written + " over " + columns + " columns");
            }
        }
    }

    /** {@code CREATE [OR REPLACE] FUNCTION name (args) ... [IMMUTABLE | STABLE | VOLATILE] ...}. */
    private static void function(ScriptLint ctx, SqlWords w, int name) {
        ObjectName fn = ObjectName.at(w, name);
        if (fn == null) {
            return;
        }
        boolean isVolatile = true;
        for (int k = w.nameEnd(name); k < w.size(); k++) {
            if (w.depth(k) == 0 && w.isAny(k, "IMMUTABLE", "STABLE")) {
                isVolatile = false;
            }
        }
        ctx.run.createFunction(fn.qualified(ctx.creationSchema()), isVolatile);
    }

    private static int firstOf(SqlWords w, int from, String... keywords) {
        for (int k = from; k < w.size(); k++) {
            if (w.depth(k) == 0 && w.isAny(k, keywords)) {
                return k;
            }
        }
        return -1;
    }
}
