package dev.preflight.lint;

import dev.preflight.sql.SqlStatement;
import dev.preflight.sql.SqlWords;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * The conventions that look at any statement: {@code identifier-too-long} (PostgreSQL truncates names to 63 bytes),
 * {@code require-table-schema} (CREATE / ALTER / DROP TABLE with an unqualified name), and {@code duplicate-column}
 * in an INSERT column list or an UPDATE's SET.
 */
final class Conventions {

    /** NAMEDATALEN - 1. */
    static final int MAX_IDENTIFIER_BYTES = 63;

    private Conventions() {
    }

    static void everyStatement(ScriptLint ctx, SqlStatement s, SqlWords w) {
        if (ctx.settings.rules().isOn(Rule.IDENTIFIER_TOO_LONG)) {
            for (int i = 0; i < w.size(); i++) {
                if (w.isIdentifier(i) && w.text(i).length() > MAX_IDENTIFIER_BYTES / 3
                        && w.identifier(i).getBytes(StandardCharsets.UTF_8).length > MAX_IDENTIFIER_BYTES) {
                    ctx.report(Rule.IDENTIFIER_TOO_LONG, s, "identifier " + w.text(i) + " is "
                            + w.identifier(i).getBytes(StandardCharsets.UTF_8).length + " bytes; PostgreSQL keeps the"
                            + " first 63");
                    break;
                }
            }
        }
        int table = TableNames.createdTable(w);
        boolean temp = table > 0 && w.indexOf("TEMP", 1, 0) > 0 && w.indexOf("TEMP", 1, 0) < table
                || table > 0 && w.indexOf("TEMPORARY", 1, 0) > 0 && w.indexOf("TEMPORARY", 1, 0) < table;
        table = table < 0 ? TableNames.alteredTable(w) : temp ? -1 : table;
        if (table < 0 && w.is(0, "DROP") && w.is(1, "TABLE")) {
            table = w.is(2, "IF") && w.is(3, "EXISTS") ? 4 : 2;
        }
        if (table >= 0 && w.isIdentifier(table) && w.nameEnd(table) == table + 1 && !w.is(table, "ALL")) {
            ctx.report(Rule.REQUIRE_TABLE_SCHEMA, s, "table " + w.text(table) + " is not schema-qualified");
        }
    }

    /** {@code INSERT INTO t (a, b, a)} and {@code UPDATE t SET a = 1, a = 2}. */
    static void dml(ScriptLint ctx, SqlStatement s, SqlWords w) {
        if (!ctx.settings.rules().isOn(Rule.DUPLICATE_COLUMN)) {
            return;
        }
        Set<String> seen = new HashSet<>();
        if (w.is(0, "INSERT") && w.is(1, "INTO")) {
            int open = w.nameEnd(2);
            open = w.is(open, "AS") ? open + 2 : open;
            if (!w.isSymbol(open, "(")) {
                return;
            }
            for (int k = open + 1; k < w.closing(open); k++) {
                if (w.depth(k) == w.depth(open) + 1 && w.isIdentifier(k) && (w.isSymbol(k + 1, ",")
                        || w.isSymbol(k + 1, ")")) && !seen.add(w.identifier(k))) {
                    duplicate(ctx, s, w, k, "INSERT");
                }
            }
        } else if (w.is(0, "UPDATE")) {
            int set = w.indexOf("SET", 1, 0);
            for (int k = set + 1; set > 0 && k < w.size() && !w.isAny(k, "FROM", "WHERE", "RETURNING"); k++) {
                boolean target = w.depth(k) == 0 && w.isIdentifier(k) && (w.isSymbol(k - 1, ",") || k == set + 1);
                if (target && w.isSymbol(k + 1, "=") && !seen.add(w.identifier(k))) {
                    duplicate(ctx, s, w, k, "UPDATE");
                }
            }
        }
    }

    private static void duplicate(ScriptLint ctx, SqlStatement s, SqlWords w, int k, String verb) {
        ctx.report(Rule.DUPLICATE_COLUMN, s, "column " + w.text(k) + " is assigned twice in this " + verb);
    }
}
