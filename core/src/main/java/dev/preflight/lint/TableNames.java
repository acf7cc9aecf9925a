package dev.preflight.lint;

import dev.preflight.sql.SqlStatement;
import dev.preflight.sql.SqlWords;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which tables a statement creates, changes or writes, read from its keywords as the lint reads them (the lint
 * uses the same positions for its rules). Best effort by design: it knows the usual statement shapes and stays
 * silent on anything else (a function body, dynamic SQL, a view).
 *
 * <pre>{@code
 * TableNames.touched(SqlSplitter.split("alter table public.todo add column x int; insert into audit values (1);",
 *         "V2__x.sql", 1));                     // [public.todo, audit]
 * }</pre>
 */
public final class TableNames {

    private TableNames() {
    }

    /**
     * The tables of {@code statements} in order of first appearance, each as written in the SQL (qualified and
     * quoted as there), ready for {@code to_regclass}: CREATE TABLE, CREATE INDEX ... ON, ALTER TABLE (and the
     * new name of a RENAME TO), INSERT INTO, UPDATE, DELETE FROM, COPY ... FROM, TRUNCATE.
     */
    public static Set<String> touched(List<SqlStatement> statements) {
        Set<String> out = new LinkedHashSet<>();
        for (SqlStatement s : statements) {
            touched(SqlWords.of(s.sql()), out);
        }
        return out;
    }

    private static void touched(SqlWords w, Set<String> out) {
        int at = createdTable(w);
        if (at < 0) {
            at = indexedTable(w);
        }
        if (at < 0) {
            at = alteredTable(w);
            if (at >= 0) {
                int end = w.nameEnd(at);
                int rename = w.is(end, "RENAME") && w.is(end + 1, "TO") ? end + 2 : -1;
                if (rename >= 0 && w.isIdentifier(rename)) {
                    // The table now has the new name; keep the schema of the old one.
                    String schema = end - at > 1 ? w.join(at, end - 2) + "." : "";
                    out.add(schema + w.text(rename));
                    return;
                }
            }
        }
        if (at < 0 && w.is(0, "INSERT") && w.is(1, "INTO")) {
            at = 2;
        }
        if (at < 0 && w.is(0, "UPDATE")) {
            at = w.is(1, "ONLY") ? 2 : 1;
        }
        if (at < 0 && w.is(0, "DELETE") && w.is(1, "FROM")) {
            at = w.is(2, "ONLY") ? 3 : 2;
        }
        if (at < 0 && w.is(0, "COPY") && w.isIdentifier(1) && w.indexOf("FROM", 2, 0) >= 0) {
            at = 1;
        }
        if (at < 0 && w.is(0, "TRUNCATE")) {
            int i = w.is(1, "TABLE") ? 2 : 1;
            i = w.is(i, "ONLY") ? i + 1 : i;
            while (w.isIdentifier(i)) {
                int end = w.nameEnd(i);
                out.add(w.join(i, end));
                i = w.isSymbol(end, ",") ? end + 1 : w.size();
            }
            return;
        }
        if (at >= 0 && w.isIdentifier(at)) {
            out.add(w.join(at, w.nameEnd(at)));
        }
    }

    /** {@code CREATE [OR REPLACE] [TEMP|UNLOGGED ...] TABLE [IF NOT EXISTS] name}: where the name starts, or -1. */
    static int createdTable(SqlWords w) {
        if (!w.is(0, "CREATE")) {
            return -1;
        }
        int i = 1;
        if (w.is(i, "OR") && w.is(i + 1, "REPLACE")) {
            i += 2;
        }
        while (w.isAny(i, "GLOBAL", "LOCAL", "TEMP", "TEMPORARY", "UNLOGGED")) {
            i++;
        }
        if (!w.is(i, "TABLE")) {
            return -1;
        }
        i++;
        return w.is(i, "IF") && w.is(i + 1, "NOT") && w.is(i + 2, "EXISTS") ? i + 3 : i;
    }

    /** {@code CREATE [UNIQUE] INDEX ... ON [ONLY] table}: where the table's name starts, or -1. */
    static int indexedTable(SqlWords w) {
        if (!w.is(0, "CREATE")) {
            return -1;
        }
        int i = w.is(1, "UNIQUE") ? 2 : 1;
        if (!w.is(i, "INDEX")) {
            return -1;
        }
        int on = w.indexOf("ON", i, 0);
        if (on < 0) {
            return -1;
        }
        return w.is(on + 1, "ONLY") ? on + 2 : on + 1;
    }

    /** {@code ALTER TABLE [IF EXISTS] [ONLY] name}: where the name starts, or -1. */
    static int alteredTable(SqlWords w) {
        if (!(w.is(0, "ALTER") && w.is(1, "TABLE"))) {
            return -1;
        }
        int i = w.is(2, "IF") && w.is(3, "EXISTS") ? 4 : 2;
        return w.is(i, "ONLY") ? i + 1 : i;
    }
}
