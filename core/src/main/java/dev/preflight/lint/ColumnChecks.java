package dev.preflight.lint;

import dev.preflight.sql.SqlStatement;
import dev.preflight.sql.SqlWords;

import java.util.Set;

/**
 * Column definitions, {@code name type [constraints ...]}, as written in ADD COLUMN and CREATE TABLE: the hazards
 * of adding one to an existing table ({@code volatile-default}, {@code generated-stored-column},
 * {@code not-null-without-default}, {@code json-column}, an inline UNIQUE/PRIMARY KEY or REFERENCES/CHECK) and the
 * type conventions of any column ({@code prefer-bigint-over-int}, {@code prefer-identity}, {@code prefer-text-field},
 * {@code prefer-timestamptz}, {@code ban-char-field}).
 */
final class ColumnChecks {

    /** Words that end a column's type and start its constraints. */
    private static final Set<String> CONSTRAINT_WORDS = Set.of("default", "not", "null", "constraint", "check",
            "unique", "primary", "references", "generated", "collate", "compression", "storage", "deferrable",
            "initially");
    private static final Set<String> SERIAL = Set.of("serial", "serial2", "serial4", "serial8", "smallserial",
            "bigserial");
    private static final Set<String> INT = Set.of("int", "integer", "int4", "serial", "serial4");
    private static final Set<String> SMALLINT = Set.of("smallint", "int2", "smallserial", "serial2");
    /** Function-call syntax that is not a function in pg_proc, and value keywords that are stable. */
    private static final Set<String> NOT_FUNCTIONS = Set.of("cast", "coalesce", "nullif", "greatest", "least", "row",
            "array", "extract", "overlay", "position", "substring", "trim", "exists", "current_timestamp",
            "current_time", "localtime", "localtimestamp", "treat", "normalize", "collation", "xmlelement",
            "json_object", "json_array");

    /** One column definition: the token positions of its name, its type and its end (exclusive). */
    record Column(int name, int typeStart, int typeEnd, int end) {
    }

    private ColumnChecks() {
    }

    /** The column definition whose name is at {@code name} and which ends before {@code to}. */
    static Column parse(SqlWords w, int name, int to) {
        int depth = w.depth(name);
        int typeEnd = name + 1;
        while (typeEnd < to && !(w.depth(typeEnd) == depth && w.is(typeEnd, w.text(typeEnd))
                && CONSTRAINT_WORDS.contains(w.identifier(typeEnd)))) {
            typeEnd++;
        }
        return new Column(name, name + 1, typeEnd, to);
    }

    /** The index of {@code keyword} among the column's constraints, or -1. */
    static int find(SqlWords w, Column c, String keyword) {
        int k = w.indexOf(keyword, c.typeEnd(), w.depth(c.name()));
        return k >= 0 && k < c.end() ? k : -1;
    }

    /** The type's own name (the last part of a qualified name), lower case: {@code int4}, {@code varchar}. */
    static String typeName(SqlWords w, Column c) {
        int end = w.nameEnd(c.typeStart());
        return end > c.typeStart() ? w.identifier(end - 1) : "";
    }

    /**
     * {@code ALTER TABLE t ADD [COLUMN] [IF NOT EXISTS] name type ...} on table {@code table} (as written).
     *
     * @param existing whether the table existed before this run
     */
    static void added(ScriptLint ctx, SqlStatement s, SqlWords w, Column c, String table, boolean existing) {
        typeConventions(ctx, s, w, c.typeStart(), c.typeEnd());
        if (!existing) {
            return;
        }
        String column = w.text(c.name());
        String type = typeName(w, c);
        String prefix = "ADD COLUMN " + column + " to existing table " + table;
        int generated = find(w, c, "GENERATED");
        boolean identity = generated >= 0 && find(w, c, "IDENTITY") > generated;
        if (SERIAL.contains(type)) {
            ctx.report(Rule.VOLATILE_DEFAULT, s, prefix + " as " + type + " (its default is nextval()): rewrites the table");
        } else if (identity) {
            ctx.report(Rule.VOLATILE_DEFAULT, s, prefix + " as an identity column (every row gets a value from its"
                    + " sequence): rewrites the table");
        } else if (generated >= 0 && find(w, c, "STORED") > generated) {
            ctx.report(Rule.GENERATED_STORED_COLUMN, s, prefix + " as a STORED generated column: rewrites the table");
        }
        int def = find(w, c, "DEFAULT");
        if (def >= 0) {
            volatileDefault(ctx, s, w, def + 1, end(w, c, def + 1), prefix);
        }
        if (find(w, c, "NOT") >= 0 && w.is(find(w, c, "NOT") + 1, "NULL") && def < 0 && generated < 0
                && !SERIAL.contains(type)) {
            ctx.report(Rule.NOT_NULL_WITHOUT_DEFAULT, s, prefix + " as NOT NULL without a DEFAULT: fails on a table"
                    + " with rows, and INSERTs of the release still running fail");
        }
        if (type.equals("json")) {
            ctx.report(Rule.JSON_COLUMN, s, prefix + " of type json (no equality operator)");
        }
        int unique = Math.max(find(w, c, "UNIQUE"), find(w, c, "PRIMARY"));
        if (unique >= 0) {
            ctx.report(Rule.UNIQUE_WITHOUT_INDEX, s, prefix + " with " + (w.is(unique, "UNIQUE") ? "UNIQUE" : "PRIMARY KEY")
                    + ": builds its index under an ACCESS EXCLUSIVE lock");
        }
        int references = find(w, c, "REFERENCES");
        int check = find(w, c, "CHECK");
        if (references >= 0 || check >= 0) {
            ctx.report(Rule.CONSTRAINT_NOT_VALID, s, prefix + " with an inline " + (references >= 0 ? "REFERENCES"
                    : "CHECK") + ", which checks every row and cannot be NOT VALID");
        }
    }

    /** Where the expression starting at {@code from} ends: at the next constraint word of the column. */
    private static int end(SqlWords w, Column c, int from) {
        int k = from;
        while (k < c.end() && !(w.depth(k) == w.depth(c.name()) && w.is(k, w.text(k))
                && CONSTRAINT_WORDS.contains(w.identifier(k)) && !w.is(k, "NULL") && !w.is(k, "NOT"))) {
            k++;
        }
        return k;
    }

    /** The first function of the default expression {@code [from, to)} that is or may be volatile. */
    private static void volatileDefault(ScriptLint ctx, SqlStatement s, SqlWords w, int from, int to, String prefix) {
        for (int k = from; k < to; k++) {
            int end = w.nameEnd(k);
            if (end == k || !w.isSymbol(end, "(") || w.isSymbol(k - 1, "::") || w.is(k - 1, "AS")
                    || w.isSymbol(k - 1, ":") || NOT_FUNCTIONS.contains(w.identifier(k)) && end == k + 1) {
                k = Math.max(k, end - 1);
                continue;
            }
            ObjectName written = ObjectName.at(w, k);
            ObjectName resolved = written.isQualified() ? written : written.qualified(ctx.creationSchema());
            Volatility.Verdict verdict = Volatility.of(written, resolved, ctx.run, ctx.settings.facts());
            String call = w.join(k, end) + "()";
            if (verdict == Volatility.Verdict.VOLATILE) {
                ctx.report(Rule.VOLATILE_DEFAULT, s, prefix + " with the volatile default " + call
                        + ": rewrites the table");
                return;
            }
            if (verdict == Volatility.Verdict.UNKNOWN) {
                ctx.report(Rule.VOLATILE_DEFAULT, s, prefix + " with a default calling " + call + ", which may be"
                        + " volatile: it is not a built-in function and " + (ctx.settings.facts()
                        .serverVersionNum().isPresent() ? "pg_proc does not know it" : "no database was at hand to"
                        + " ask pg_proc") + "; if it is VOLATILE (CREATE FUNCTION's default) the table is rewritten");
                return;
            }
            k = end - 1;
        }
    }

    /**
     * The conventions on a column's type {@code [from, to)}: 32- and 16-bit integers, serial, varchar(n), char(n),
     * timestamp without time zone (also as array element types).
     */
    static void typeConventions(ScriptLint ctx, SqlStatement s, SqlWords w, int from, int to) {
        int end = w.nameEnd(from);
        if (end == from || end > to) {
            return;
        }
        String type = w.identifier(end - 1);
        String written = w.join(from, Math.min(to, end + (w.isSymbol(end, "(") ? w.closing(end) - end + 1 : 0)));
        if (INT.contains(type)) {
            ctx.report(Rule.PREFER_BIGINT_OVER_INT, s, "column type " + written + " (32-bit)");
        } else if (SMALLINT.contains(type)) {
            ctx.report(Rule.PREFER_BIGINT_OVER_SMALLINT, s, "column type " + written + " (16-bit)");
        }
        if (SERIAL.contains(type)) {
            ctx.report(Rule.PREFER_IDENTITY, s, "column type " + written + " instead of an identity column");
        }
        boolean varying = type.equals("varchar") || type.equals("character") && w.is(end, "VARYING");
        int args = varying && w.is(end, "VARYING") ? end + 1 : end;
        if (varying && w.isSymbol(args, "(")) {
            ctx.report(Rule.PREFER_TEXT_FIELD, s, "column type " + w.join(from, w.closing(args) + 1));
        } else if (!varying && (type.equals("char") || type.equals("character") || type.equals("bpchar"))) {
            ctx.report(Rule.BAN_CHAR_FIELD, s, "column type " + written);
        }
        if (type.equals("timestamp")) {
            int k = w.isSymbol(end, "(") ? w.closing(end) + 1 : end;
            if (!(w.is(k, "WITH") && w.is(k + 1, "TIME"))) {
                ctx.report(Rule.PREFER_TIMESTAMPTZ, s, "column type " + w.join(from, Math.min(to, k + (w.is(k, "WITHOUT")
                        ? 3 : 0))) + " without time zone");
            }
        }
    }
}
