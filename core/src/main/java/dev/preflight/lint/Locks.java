package dev.preflight.lint;

import dev.preflight.sql.SqlWords;

import java.util.ArrayList;
import java.util.List;

/**
 * The table locks a statement takes that block other sessions' writes or reads, as PostgreSQL's documentation of
 * each command states them ("Explicit Locking" and the ALTER TABLE notes). Weaker locks (SHARE UPDATE EXCLUSIVE of
 * VALIDATE CONSTRAINT, CREATE INDEX CONCURRENTLY, SET STATISTICS; ROW EXCLUSIVE of INSERT/UPDATE/DELETE) let reads
 * and writes go on and are left out. One model for the rules that care: {@code lock-timeout-missing},
 * {@code validate-same-transaction}, {@code backfill-with-ddl}.
 *
 * <pre>{@code
 * Locks.of(ctx, SqlWords.of("create trigger t before insert on users ..."))  // [SHARE ROW EXCLUSIVE on users]
 * }</pre>
 */
final class Locks {

    static final String ACCESS_EXCLUSIVE = "ACCESS EXCLUSIVE";
    static final String SHARE_ROW_EXCLUSIVE = "SHARE ROW EXCLUSIVE";
    static final String SHARE = "SHARE";

    /** One lock: on which table (resolved; for DROP INDEX, the index: {@code onIndex}), which mode, at which line. */
    record Lock(ObjectName table, String mode, int line, boolean onIndex) {

        Lock(ObjectName table, String mode, int line) {
            this(table, mode, line, false);
        }

        boolean blocksReads() {
            return mode.equals(ACCESS_EXCLUSIVE);
        }
    }

    private Locks() {
    }

    /** The strong locks of the statement, on tables whether they exist or were created in this run. */
    static List<Lock> of(ScriptLint ctx, SqlWords w, int line) {
        List<Lock> out = new ArrayList<>();
        if (w.is(0, "ALTER") && w.is(1, "TABLE")) {
            alterTable(ctx, w, line, out);
        } else if (w.is(0, "CREATE")) {
            create(ctx, w, line, out);
        } else if (w.is(0, "DROP")) {
            drop(ctx, w, line, out);
        } else if (w.is(0, "TRUNCATE")) {
            int i = w.is(1, "TABLE") ? 2 : 1;
            for (i = w.is(i, "ONLY") ? i + 1 : i; w.isIdentifier(i); i = w.nameEnd(i) + 1) {
                out.add(new Lock(ctx.resolve(ObjectName.at(w, i)), ACCESS_EXCLUSIVE, line));
                if (!w.isSymbol(w.nameEnd(i), ",")) {
                    break;
                }
            }
        } else if (w.is(0, "LOCK")) {
            int i = w.is(1, "TABLE") ? 2 : 1;
            i = w.is(i, "ONLY") ? i + 1 : i;
            int in = w.indexOf("IN", i, 0);
            String mode = in < 0 ? ACCESS_EXCLUSIVE : words(w, in + 1, w.indexOf("MODE", in, 0));
            if (!mode.equals("ACCESS SHARE") && !mode.equals("ROW SHARE") && !mode.equals("ROW EXCLUSIVE")
                    && !mode.equals("SHARE UPDATE EXCLUSIVE") && w.isIdentifier(i)) {
                out.add(new Lock(ctx.resolve(ObjectName.at(w, i)), mode, line));
            }
        } else if (w.is(0, "REFRESH") && w.is(1, "MATERIALIZED") && !w.is(3, "CONCURRENTLY")) {
            out.add(new Lock(ctx.resolve(ObjectName.at(w, 3)), ACCESS_EXCLUSIVE, line));
        } else if (w.is(0, "REINDEX") && w.indexOf("CONCURRENTLY", 1, 0) < 0 && w.isAny(1, "TABLE", "INDEX")) {
            out.add(new Lock(ctx.resolve(ObjectName.at(w, 2)), w.is(1, "TABLE") ? SHARE : ACCESS_EXCLUSIVE, line,
                    w.is(1, "INDEX")));
        } else if (w.is(0, "CLUSTER") && w.isIdentifier(w.is(1, "VERBOSE") ? 2 : 1)) {
            out.add(new Lock(ctx.resolve(ObjectName.at(w, w.is(1, "VERBOSE") ? 2 : 1)), ACCESS_EXCLUSIVE, line));
        } else if (w.is(0, "VACUUM") && (w.indexOf("FULL", 1, 0) > 0 || w.indexOf("FULL", 1, 1) > 0)) {
            int table = w.isSymbol(1, "(") ? w.closing(1) + 1 : 1;
            while (w.isAny(table, "FULL", "FREEZE", "VERBOSE", "ANALYZE")) {
                table++;
            }
            if (w.isIdentifier(table)) {
                out.add(new Lock(ctx.resolve(ObjectName.at(w, table)), ACCESS_EXCLUSIVE, line));
            }
        }
        return out;
    }

    /**
     * Whether the statement is DDL or maintenance that takes locks (squawk's "possibly slow" statements): ALTER,
     * CREATE (but CREATE TABLE without a foreign key), DROP, COMMENT, LOCK, REFRESH, REINDEX, TRUNCATE, VACUUM,
     * CLUSTER, LOAD, IMPORT FOREIGN SCHEMA.
     */
    static boolean isDdl(SqlWords w) {
        if (w.is(0, "CREATE") && TableNames.createdTable(w) >= 0) {
            int name = TableNames.createdTable(w);
            boolean as = w.is(w.nameEnd(name), "AS") || w.isSymbol(w.nameEnd(name), "(")
                    && w.is(w.closing(w.nameEnd(name)) + 1, "AS");
            return as || w.indexOf("REFERENCES", 0, 1) >= 0;
        }
        return w.isAny(0, "ALTER", "CREATE", "DROP", "COMMENT", "LOCK", "REFRESH", "REINDEX", "TRUNCATE", "VACUUM",
                "CLUSTER", "LOAD", "IMPORT");
    }

    private static void alterTable(ScriptLint ctx, SqlWords w, int line, List<Lock> out) {
        int at = TableNames.alteredTable(w);
        ObjectName table = ObjectName.at(w, at);
        if (table == null) {
            return;
        }
        String strongest = null;
        int from = w.nameEnd(at);
        for (int[] action : AlterTableChecks.actions(w, from)) {
            int a = action[0];
            String mode;
            if (w.is(a, "VALIDATE") || w.is(a, "CLUSTER") || w.is(a, "ATTACH") || w.is(a, "SET") && (w.isSymbol(a + 1, "(")
                    || w.is(a + 1, "WITHOUT") && w.is(a + 2, "CLUSTER") || w.is(a + 1, "STATISTICS"))
                    || w.is(a, "RESET") || w.is(a, "DETACH") && w.indexOf("CONCURRENTLY", a, 0) >= 0
                    || w.is(a, "ALTER") && w.indexOf("STATISTICS", a, 0) >= 0 && w.indexOf("STATISTICS", a, 0) < action[1]) {
                continue; // SHARE UPDATE EXCLUSIVE: reads and writes go on
            } else if (w.isAny(a, "ENABLE", "DISABLE") && w.is(a + 1, "TRIGGER") || isForeignKey(w, a, action[1])) {
                mode = SHARE_ROW_EXCLUSIVE;
            } else {
                mode = ACCESS_EXCLUSIVE;
            }
            if (isForeignKey(w, a, action[1])) {
                int references = w.indexOf("REFERENCES", a, 0);
                if (references >= 0 && references < action[1]) {
                    out.add(new Lock(ctx.resolve(ObjectName.at(w, references + 1)), SHARE_ROW_EXCLUSIVE, line));
                }
            }
            if (strongest == null || mode.equals(ACCESS_EXCLUSIVE)) {
                strongest = mode;
            }
        }
        if (strongest != null) {
            out.add(0, new Lock(ctx.resolve(table), strongest, line));
        }
    }

    /** An ADD of a foreign key, as a constraint or inline in a column ({@code REFERENCES}). */
    private static boolean isForeignKey(SqlWords w, int a, int to) {
        if (!w.is(a, "ADD")) {
            return false;
        }
        int references = w.indexOf("REFERENCES", a, 0);
        return references >= 0 && references < to;
    }

    private static void create(ScriptLint ctx, SqlWords w, int line, List<Lock> out) {
        int index = TableNames.indexedTable(w);
        if (index >= 0 && !w.is(w.is(1, "UNIQUE") ? 3 : 2, "CONCURRENTLY")) {
            out.add(new Lock(ctx.resolve(ObjectName.at(w, index)), SHARE, line));
            return;
        }
        int i = w.is(1, "OR") && w.is(2, "REPLACE") ? 3 : 1;
        i = w.is(i, "CONSTRAINT") ? i + 1 : i;
        if (w.isAny(i, "TRIGGER", "RULE", "POLICY")) {
            int on = w.indexOf("ON", i, 0);
            if (on > 0 && w.isIdentifier(on + 1)) {
                out.add(new Lock(ctx.resolve(ObjectName.at(w, on + 1)),
                        w.is(i, "TRIGGER") ? SHARE_ROW_EXCLUSIVE : ACCESS_EXCLUSIVE, line));
            }
        } else if (TableNames.createdTable(w) >= 0) {
            // A foreign key of a new table locks the table it references against writes, briefly.
            for (int k = w.indexOf("REFERENCES", 0, 1); k >= 0; k = w.indexOf("REFERENCES", k + 1, 1)) {
                out.add(new Lock(ctx.resolve(ObjectName.at(w, k + 1)), SHARE_ROW_EXCLUSIVE, line));
            }
        }
    }

    private static void drop(ScriptLint ctx, SqlWords w, int line, List<Lock> out) {
        if (w.is(1, "INDEX") && !w.is(2, "CONCURRENTLY")) {
            int i = w.is(2, "IF") && w.is(3, "EXISTS") ? 4 : 2;
            if (w.isIdentifier(i)) {
                out.add(new Lock(ctx.resolve(ObjectName.at(w, i)), ACCESS_EXCLUSIVE, line, true));
            }
        } else if (w.isAny(1, "TABLE", "TRIGGER", "RULE", "POLICY") || w.is(1, "MATERIALIZED")) {
            int on = w.isAny(1, "TRIGGER", "RULE", "POLICY") ? w.indexOf("ON", 2, 0) : -1;
            int i = on > 0 ? on + 1 : w.is(1, "MATERIALIZED") ? 3 : 2;
            i = w.is(i, "IF") && w.is(i + 1, "EXISTS") ? i + 2 : i;
            if (w.isIdentifier(i)) {
                out.add(new Lock(ctx.resolve(ObjectName.at(w, i)), ACCESS_EXCLUSIVE, line));
            }
        }
    }

    /** The words {@code [from, to)} joined by single spaces, upper case: a lock mode as written. */
    private static String words(SqlWords w, int from, int to) {
        StringBuilder out = new StringBuilder();
        for (int k = from; k < to; k++) {
            out.append(k > from ? " " : "").append(w.text(k).toUpperCase(java.util.Locale.ROOT));
        }
        return out.toString();
    }
}
