package dev.preflight.lint;

import dev.preflight.sql.SqlStatement;
import dev.preflight.sql.SqlWords;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code ALTER TABLE}, action by action: constraints ({@code constraint-not-valid}, {@code unique-without-index},
 * {@code exclusion-constraint}, {@code validate-same-transaction}), columns ({@code set-not-null},
 * {@code drop-not-null}, {@code column-type-change}, ADD COLUMN through {@link ColumnChecks}), drops and renames
 * ({@code drop-or-rename}, {@code drop-cascade}), and the rewrites and strong locks of SET LOGGED/UNLOGGED, SET
 * TABLESPACE and DETACH PARTITION. Hazards only count on tables that existed before the run.
 */
final class AlterTableChecks {

    private AlterTableChecks() {
    }

    /** The actions of an ALTER TABLE as {@code [from, to)} token ranges: separated by commas outside parentheses. */
    static List<int[]> actions(SqlWords w, int from) {
        List<int[]> out = new ArrayList<>();
        int start = w.isSymbol(from, "*") ? from + 1 : from;
        while (start < w.size()) {
            int to = start;
            while (to < w.size() && !(w.depth(to) == 0 && w.isSymbol(to, ","))) {
                to++;
            }
            out.add(new int[] {start, to});
            start = to + 1;
        }
        return out;
    }

    static void check(ScriptLint ctx, SqlStatement s, SqlWords w) {
        if (w.is(2, "ALL") && w.is(3, "IN") && w.is(4, "TABLESPACE")) {
            ctx.report(Rule.SET_TABLESPACE, s, "ALTER TABLE ALL IN TABLESPACE " + w.text(5) + " moves every table in it");
            return;
        }
        int at = TableNames.alteredTable(w);
        ObjectName table = ctx.resolve(ObjectName.at(w, at));
        if (table == null) {
            return;
        }
        Target t = new Target(w.join(at, w.nameEnd(at)), table, ctx.existingTable(table));
        for (int[] action : actions(w, w.nameEnd(at))) {
            action(ctx, s, w, action[0], action[1], t);
        }
    }

    /** The table an ALTER TABLE changes: as written, resolved, and whether it existed before the run. */
    private record Target(String written, ObjectName name, boolean existing) {
    }

    private static void action(ScriptLint ctx, SqlStatement s, SqlWords w, int a, int to, Target t) {
        if (w.is(to - 1, "CASCADE") && w.is(a, "DROP")) {
            ctx.report(Rule.DROP_CASCADE, s, "'" + ScriptLint.text(w, a, to) + "' on " + t.written()
                    + " also drops what depends on it");
        }
        if (w.is(a, "ADD")) {
            add(ctx, s, w, a + 1, to, t);
        } else if (w.is(a, "ALTER")) {
            alterColumn(ctx, s, w, w.is(a + 1, "COLUMN") ? a + 2 : a + 1, t);
        } else if (w.is(a, "VALIDATE") && w.is(a + 1, "CONSTRAINT")) {
            validate(ctx, s, w, a + 2, t);
        } else if (w.is(a, "DROP")) {
            drop(ctx, s, w, a, to, t);
        } else if (w.is(a, "RENAME")) {
            rename(ctx, s, w, a, t);
        } else if (t.existing() && w.is(a, "SET") && w.isAny(a + 1, "LOGGED", "UNLOGGED")) {
            ctx.report(Rule.SET_LOGGED_UNLOGGED, s, "SET " + w.text(a + 1).toUpperCase(java.util.Locale.ROOT)
                    + " on existing table " + t.written() + " rewrites it");
        } else if (t.existing() && w.is(a, "SET") && w.is(a + 1, "TABLESPACE")) {
            ctx.report(Rule.SET_TABLESPACE, s, "SET TABLESPACE " + w.text(a + 2) + " on existing table " + t.written()
                    + " copies it under an ACCESS EXCLUSIVE lock");
        } else if (t.existing() && w.is(a, "SET") && w.is(a + 1, "SCHEMA")) {
            ctx.report(Rule.DROP_OR_RENAME, s, "SET SCHEMA " + w.text(a + 2) + " moves existing table " + t.written()
                    + " out of the name the running release uses");
        } else if (t.existing() && w.is(a, "DETACH") && w.is(a + 1, "PARTITION")
                && w.indexOf("CONCURRENTLY", a, 0) < 0 && w.indexOf("FINALIZE", a, 0) < 0) {
            ctx.report(Rule.DETACH_PARTITION_NOT_CONCURRENT, s, "DETACH PARTITION " + w.text(a + 2) + " of "
                    + t.written() + " without CONCURRENTLY");
        }
    }

    private static void add(ScriptLint ctx, SqlStatement s, SqlWords w, int i, int to, Target t) {
        String constraint = null;
        if (w.is(i, "CONSTRAINT")) {
            constraint = w.identifier(i + 1);
            i += 2;
        }
        boolean notValid = false;
        for (int k = i; k + 1 < to; k++) {
            notValid |= w.depth(k) == 0 && w.is(k, "NOT") && w.is(k + 1, "VALID");
        }
        if (!ctx.inTransaction() && constraint != null && !ctx.droppedConstraint(constraint)) {
            ctx.report(Rule.PREFER_ROBUST_STMTS, s, "ADD CONSTRAINT " + w.text(i - 1) + " outside a transaction, without"
                    + " a DROP CONSTRAINT IF EXISTS of it before: fails when run again");
        }
        if (w.isAny(i, "CHECK", "FOREIGN")) {
            String column = notNullCheckColumn(w, i);
            if (notValid && constraint != null) {
                ctx.tx.addedNotValid(t.name(), constraint);
                if (column != null) {
                    ctx.run.notValidNotNullCheck(t.name(), constraint, column);
                }
            } else if (column != null && !notValid) {
                ctx.run.validNotNullCheck(t.name(), column);
            }
            if (!notValid && t.existing()) {
                ctx.report(Rule.CONSTRAINT_NOT_VALID, s, "ADD " + (w.is(i, "CHECK") ? "CHECK" : "FOREIGN KEY")
                        + " on existing table " + t.written() + " without NOT VALID");
            }
        } else if (w.is(i, "UNIQUE") || w.is(i, "PRIMARY") && w.is(i + 1, "KEY")) {
            int using = w.is(i, "UNIQUE") ? i + 1 : i + 2;
            if (t.existing() && !(w.is(using, "USING") && w.is(using + 1, "INDEX"))) {
                ctx.report(Rule.UNIQUE_WITHOUT_INDEX, s, "ADD " + (w.is(i, "UNIQUE") ? "UNIQUE" : "PRIMARY KEY")
                        + " on existing table " + t.written() + " builds its index under an ACCESS EXCLUSIVE lock");
            }
        } else if (w.is(i, "EXCLUDE")) {
            if (t.existing()) {
                ctx.report(Rule.EXCLUSION_CONSTRAINT, s, "ADD EXCLUDE on existing table " + t.written()
                        + " checks every row under an ACCESS EXCLUSIVE lock");
            }
        } else if (constraint != null && w.is(i, "NOT") && w.is(i + 1, "NULL")) {
            // PostgreSQL 18: ADD CONSTRAINT c NOT NULL col [NOT VALID]
            String column = w.identifier(i + 2);
            if (notValid) {
                ctx.run.notValidNotNullCheck(t.name(), constraint, column);
            } else if (t.existing() && !ctx.run.provenNotNull(t.name(), column)) {
                ctx.report(Rule.SET_NOT_NULL, s, "ADD CONSTRAINT " + constraint + " NOT NULL " + w.text(i + 2)
                        + " on existing table " + t.written() + " scans it under an ACCESS EXCLUSIVE lock");
            }
        } else if (constraint == null) {
            int column = w.is(i, "COLUMN") ? i + 1 : i;
            boolean ifNotExists = w.is(column, "IF") && w.is(column + 1, "NOT") && w.is(column + 2, "EXISTS");
            column = ifNotExists ? column + 3 : column;
            if (!ctx.inTransaction() && !ifNotExists) {
                ctx.report(Rule.PREFER_ROBUST_STMTS, s, "ADD COLUMN " + w.text(column) + " outside a transaction"
                        + " without IF NOT EXISTS: fails when run again");
            }
            ColumnChecks.added(ctx, s, w, ColumnChecks.parse(w, column, to), t.written(), t.existing());
            if (t.existing()) {
                ctx.run.addColumn(t.name(), w.identifier(column));
            }
        }
    }

    private static void alterColumn(ScriptLint ctx, SqlStatement s, SqlWords w, int c, Target t) {
        String column = w.identifier(c);
        boolean newColumn = ctx.run.addedColumn(t.name(), column);
        if (w.is(c + 1, "SET") && w.is(c + 2, "NOT") && w.is(c + 3, "NULL")) {
            if (t.existing() && !ctx.run.provenNotNull(t.name(), column)) {
                ctx.report(Rule.SET_NOT_NULL, s, "ALTER COLUMN " + w.text(c) + " SET NOT NULL on existing table "
                        + t.written() + " without a validated CHECK (" + w.text(c) + " IS NOT NULL) before it");
            }
        } else if (w.is(c + 1, "DROP") && w.is(c + 2, "NOT") && w.is(c + 3, "NULL")) {
            if (t.existing() && !newColumn) {
                ctx.report(Rule.DROP_NOT_NULL, s, "ALTER COLUMN " + w.text(c) + " DROP NOT NULL on existing table "
                        + t.written() + ": the running release may not expect nulls");
            }
        } else if (w.is(c + 1, "TYPE") || w.is(c + 1, "SET") && w.is(c + 2, "DATA") && w.is(c + 3, "TYPE")) {
            int type = w.is(c + 1, "TYPE") ? c + 2 : c + 4;
            int end = type;
            while (end < w.size() && !(w.depth(end) == 0 && (w.isSymbol(end, ",") || w.isAny(end, "USING", "COLLATE")))) {
                end++;
            }
            ColumnChecks.typeConventions(ctx, s, w, type, end);
            if (t.existing()) {
                ctx.report(Rule.COLUMN_TYPE_CHANGE, s, "ALTER COLUMN " + w.text(c) + " TYPE " + w.join(type, end)
                        + " on existing table " + t.written());
            }
        } else if (w.is(c + 1, "SET") && w.is(c + 2, "EXPRESSION") && t.existing()) {
            ctx.report(Rule.GENERATED_STORED_COLUMN, s, "ALTER COLUMN " + w.text(c) + " SET EXPRESSION on existing"
                    + " table " + t.written() + " recomputes every row: rewrites the table");
        }
    }

    private static void validate(ScriptLint ctx, SqlStatement s, SqlWords w, int c, Target t) {
        String constraint = w.identifier(c);
        ctx.run.validated(t.name(), constraint);
        Locks.Lock held = ctx.inTransaction() && t.existing() ? ctx.tx.anyLock() : null;
        if (held != null) {
            boolean own = ctx.tx.isNotValidHere(t.name(), constraint);
            ctx.report(Rule.VALIDATE_SAME_TRANSACTION, s, "VALIDATE CONSTRAINT " + w.text(c) + " on " + t.written()
                    + (own ? " in the same transaction as its ADD CONSTRAINT ... NOT VALID"
                    : " in a transaction that already holds " + SessionChecks.describe(held) + " (line "
                    + held.line() + ")"));
        }
    }

    private static void drop(ScriptLint ctx, SqlStatement s, SqlWords w, int a, int to, Target t) {
        if (w.is(a + 1, "CONSTRAINT")) {
            boolean ifExists = w.is(a + 2, "IF") && w.is(a + 3, "EXISTS");
            String constraint = w.identifier(ifExists ? a + 4 : a + 2);
            ctx.droppedConstraint(constraint, ifExists);
            if (!ctx.inTransaction() && !ifExists) {
                ctx.report(Rule.PREFER_ROBUST_STMTS, s, "DROP CONSTRAINT " + constraint + " outside a transaction"
                        + " without IF EXISTS: fails when run again");
            }
            return;
        }
        if (w.isAny(a + 1, "EXPRESSION", "IDENTITY", "DEFAULT")) {
            return;
        }
        int c = w.is(a + 1, "COLUMN") ? a + 2 : a + 1;
        boolean ifExists = w.is(c, "IF") && w.is(c + 1, "EXISTS");
        c = ifExists ? c + 2 : c;
        if (!ctx.inTransaction() && !ifExists) {
            ctx.report(Rule.PREFER_ROBUST_STMTS, s, "DROP COLUMN " + w.text(c) + " outside a transaction without IF"
                    + " EXISTS: fails when run again");
        }
        String column = w.identifier(c);
        boolean inverseOfUp = ctx.createdByUp != null && ctx.createdByUp.addedColumn(t.name(), column);
        if (t.existing() && !ctx.createdByUp(t.name()) && !inverseOfUp && !ctx.run.addedColumn(t.name(), column)) {
            ctx.report(Rule.DROP_OR_RENAME, s, "DROP COLUMN " + w.text(c) + " of existing table " + t.written());
        }
    }

    private static void rename(ScriptLint ctx, SqlStatement s, SqlWords w, int a, Target t) {
        if (w.is(a + 1, "CONSTRAINT")) {
            return;
        }
        if (w.is(a + 1, "TO")) {
            ObjectName to = new ObjectName(t.name().schema(), w.identifier(a + 2));
            if (t.existing()) {
                ctx.report(Rule.DROP_OR_RENAME, s, "RENAME of existing table " + t.written() + " to " + w.text(a + 2));
            }
            ctx.run.renameTable(t.name(), to);
            return;
        }
        int c = w.is(a + 1, "COLUMN") ? a + 2 : a + 1;
        if (t.existing() && !ctx.run.addedColumn(t.name(), w.identifier(c))) {
            ctx.report(Rule.DROP_OR_RENAME, s, "RENAME COLUMN " + w.text(c) + " of existing table " + t.written());
        }
    }

    /** {@code CHECK (col IS NOT NULL)} at {@code i}: the column, else null. */
    private static String notNullCheckColumn(SqlWords w, int i) {
        if (w.is(i, "CHECK") && w.isSymbol(i + 1, "(") && w.isIdentifier(i + 2) && w.is(i + 3, "IS")
                && w.is(i + 4, "NOT") && w.is(i + 5, "NULL") && w.isSymbol(i + 6, ")")) {
            return w.identifier(i + 2);
        }
        return null;
    }
}
