package dev.preflight.lint;

import dev.preflight.source.Migration;
import dev.preflight.source.Script;
import dev.preflight.sql.SqlSplitter;
import dev.preflight.sql.SqlStatement;
import dev.preflight.sql.SqlWords;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The safety lint: reads a SQL migration statement by statement and reports the PostgreSQL lock and rewrite
 * hazards of {@link Rule} that would block a busy table. Statements on a table created earlier in the same
 * migration are never flagged (nobody uses that table yet), and {@code -- preflight:allow <rule>} on the
 * statement's line or in the comment lines directly above it accepts one.
 *
 * <pre>{@code
 * for (Finding f : Linter.lint(migration)) {
 *     System.out.print(f.toBlock());
 * }
 * }</pre>
 *
 * <p>It reads keywords, it does not parse SQL: it knows the statement shapes of the rules and stays silent on
 * anything else. Java migrations have no SQL to read and give no findings.
 */
public final class Linter {

    /** {@code -- preflight:allow rule[, rule ...]}. */
    private static final Pattern ALLOW = Pattern.compile("--\\s*preflight:allow\\s+([a-z0-9, \\t-]+)",
            Pattern.CASE_INSENSITIVE);

    /**
     * Functions PostgreSQL marks volatile that appear in column defaults. {@code now()},
     * {@code current_timestamp} and friends are stable (one value per statement), so since PostgreSQL 11 a
     * default of theirs is stored once in the catalog and costs nothing: they are not listed.
     */
    private static final Set<String> VOLATILE_FUNCTIONS = Set.of("random", "gen_random_uuid", "uuid_generate_v1",
            "uuid_generate_v1mc", "uuid_generate_v4", "uuidv4", "uuidv7", "clock_timestamp", "timeofday", "nextval",
            "setseed", "random_normal", "txid_current", "pg_current_xact_id");
    /** Column types whose default is {@code nextval()} of a new sequence. */
    private static final Set<String> SERIAL_TYPES = Set.of("serial", "serial2", "serial4", "serial8", "smallserial",
            "bigserial");

    private final String origin;
    private final String[] lines;
    private final int firstLine;
    private final boolean migrationInTransaction;
    private final List<Finding> findings = new ArrayList<>();

    // What the migration did so far, so later statements can be judged by it.
    private final Set<String> createdTables = new HashSet<>();
    private final Set<String> createdTypes = new HashSet<>();
    /** Constraints added NOT VALID in this migration, by name. */
    private final Set<String> notValidConstraints = new HashSet<>();
    /** CHECK (col IS NOT NULL) constraints added NOT VALID, by name, as table + column. */
    private final Map<String, String> notNullChecks = new HashMap<>();
    /** Table + column with a validated CHECK (col IS NOT NULL). */
    private final Set<String> validatedNotNull = new HashSet<>();
    /** Inside an explicit BEGIN ... COMMIT of the script. */
    private boolean inTransactionBlock;

    private Linter(Migration migration, boolean inTransaction) {
        Script up = migration.up();
        this.origin = up.origin();
        this.lines = up.sql().split("\r\n|\r|\n", -1);
        this.firstLine = up.firstLine();
        this.migrationInTransaction = inTransaction;
    }

    /**
     * The findings of one migration's up script, in statement order, without those a
     * {@code -- preflight:allow} accepts.
     *
     * @throws dev.preflight.sql.SqlSyntaxException when the script cannot be split (file:line)
     */
    public static List<Finding> lint(Migration migration) {
        if (migration.up() == null) {
            return List.of();
        }
        Script up = migration.up();
        List<SqlStatement> statements = SqlSplitter.split(up.sql(), up.origin(), up.firstLine());
        return lint(migration, statements, migration.runsInTransaction(statements));
    }

    /**
     * As {@link #lint(Migration)} for a script the caller has split already, with the engine's decision whether
     * it runs in a transaction.
     */
    public static List<Finding> lint(Migration migration, List<SqlStatement> upStatements, boolean inTransaction) {
        if (migration.up() == null) {
            return List.of();
        }
        Linter linter = new Linter(migration, inTransaction);
        for (SqlStatement statement : upStatements) {
            linter.statement(statement);
        }
        return List.copyOf(linter.findings);
    }

    private void statement(SqlStatement s) {
        SqlWords w = SqlWords.of(s.sql());
        if (s.isTransactionControl()) {
            // A script with its own BEGIN ... COMMIT (golang-migrate runs it as written) is in a transaction
            // between the two; savepoints and ROLLBACK TO stay inside it.
            if (w.isAny(0, "BEGIN", "START")) {
                inTransactionBlock = true;
            } else if (!w.isAny(0, "SAVEPOINT", "RELEASE") && w.indexOf("TO", 1, 0) < 0) {
                inTransactionBlock = false;
            }
            return;
        }
        if (s.cannotRunInTransaction() && w.indexOf("CONCURRENTLY", 0, 0) >= 0 && inTransaction()) {
            report(Rule.CONCURRENTLY_IN_TRANSACTION, s, "'" + firstWords(w, 4)
                    + " ...' in a migration that runs in a transaction");
        }
        if (w.is(0, "CREATE")) {
            create(s, w);
        } else if (w.is(0, "ALTER") && w.is(1, "TABLE")) {
            alterTable(s, w);
        } else if (w.is(0, "ALTER") && w.is(1, "TYPE")) {
            int name = 2;
            int end = w.nameEnd(name);
            if (w.is(end, "ADD") && w.is(end + 1, "VALUE") && inTransaction()
                    && !createdTypes.contains(w.identifier(end - 1))) {
                report(Rule.ENUM_ADD_VALUE_IN_TRANSACTION, s, "ALTER TYPE " + w.join(name, end)
                        + " ADD VALUE in a migration that runs in a transaction");
            }
        } else if (w.is(0, "DROP") && w.is(1, "TABLE")) {
            int i = w.is(2, "IF") && w.is(3, "EXISTS") ? 4 : 2;
            while (w.isIdentifier(i)) {
                int end = w.nameEnd(i);
                if (existing(w, end)) {
                    report(Rule.DROP_OR_RENAME, s, "DROP TABLE " + w.join(i, end));
                }
                i = w.isSymbol(end, ",") ? end + 1 : w.size();
            }
        }
    }

    private void create(SqlStatement s, SqlWords w) {
        int created = TableNames.createdTable(w);
        if (created >= 0) {
            createdTables.add(w.identifier(w.nameEnd(created) - 1));
            return;
        }
        int i = 1;
        if (w.is(i, "OR") && w.is(i + 1, "REPLACE")) {
            i += 2;
        }
        if (w.is(i, "TYPE")) {
            createdTypes.add(w.identifier(w.nameEnd(i + 1) - 1));
            return;
        }
        if (w.is(i, "UNIQUE")) {
            i++;
        }
        if (!w.is(i, "INDEX") || w.is(i + 1, "CONCURRENTLY")) {
            return;
        }
        int table = TableNames.indexedTable(w);
        if (table < 0) {
            return;
        }
        int end = w.nameEnd(table);
        if (existing(w, end)) {
            report(Rule.INDEX_NOT_CONCURRENT, s, "CREATE INDEX on existing table " + w.join(table, end)
                    + " without CONCURRENTLY");
        }
    }

    private void alterTable(SqlStatement s, SqlWords w) {
        int i = TableNames.alteredTable(w);
        int end = w.nameEnd(i);
        if (end == i) {
            return;
        }
        String table = w.join(i, end);
        String key = w.identifier(end - 1);
        boolean existing = existing(w, end);
        int from = w.isSymbol(end, "*") ? end + 1 : end;
        // The actions are separated by commas outside parentheses.
        while (from < w.size()) {
            int to = from;
            while (to < w.size() && !(w.depth(to) == 0 && w.isSymbol(to, ","))) {
                to++;
            }
            action(s, w, from, to, table, key, existing);
            from = to + 1;
        }
    }

    private void action(SqlStatement s, SqlWords w, int a, int to, String table, String key, boolean existing) {
        if (w.is(a, "ADD")) {
            int i = a + 1;
            String constraint = null;
            if (w.is(i, "CONSTRAINT")) {
                constraint = w.identifier(i + 1);
                i += 2;
            }
            boolean notValid = hasNotValid(w, i, to);
            if (w.isAny(i, "CHECK", "FOREIGN")) {
                String column = notNullCheckColumn(w, i);
                if (notValid && constraint != null) {
                    notValidConstraints.add(constraint);
                    if (column != null) {
                        notNullChecks.put(constraint, key + "." + column);
                    }
                } else if (column != null) {
                    validatedNotNull.add(key + "." + column);
                }
                if (!notValid && existing) {
                    report(Rule.CONSTRAINT_NOT_VALID, s, "ADD " + (w.is(i, "CHECK") ? "CHECK" : "FOREIGN KEY")
                            + " on existing table " + table + " without NOT VALID");
                }
            } else if (w.is(i, "UNIQUE") || w.is(i, "PRIMARY") && w.is(i + 1, "KEY")) {
                int using = w.is(i, "UNIQUE") ? i + 1 : i + 2;
                if (existing && !(w.is(using, "USING") && w.is(using + 1, "INDEX"))) {
                    report(Rule.UNIQUE_WITHOUT_INDEX, s, "ADD " + (w.is(i, "UNIQUE") ? "UNIQUE" : "PRIMARY KEY")
                            + " on existing table " + table + " builds its index under an ACCESS EXCLUSIVE lock");
                }
            } else if (constraint == null && !w.is(i, "EXCLUDE") && existing) {
                addColumn(s, w, i, to, table);
            }
        } else if (w.is(a, "ALTER")) {
            int column = w.is(a + 1, "COLUMN") ? a + 2 : a + 1;
            String name = w.identifier(column);
            if (w.is(column + 1, "SET") && w.is(column + 2, "NOT") && w.is(column + 3, "NULL")) {
                if (existing && !validatedNotNull.contains(key + "." + name)) {
                    report(Rule.SET_NOT_NULL, s, "ALTER COLUMN " + w.text(column) + " SET NOT NULL on existing table "
                            + table + " without a validated CHECK (" + w.text(column) + " IS NOT NULL) before it");
                }
            } else if (w.is(column + 1, "TYPE") || w.is(column + 1, "SET") && w.is(column + 2, "DATA")) {
                if (existing) {
                    report(Rule.COLUMN_TYPE_CHANGE, s, "ALTER COLUMN " + w.text(column) + " TYPE on existing table "
                            + table);
                }
            }
        } else if (w.is(a, "VALIDATE") && w.is(a + 1, "CONSTRAINT")) {
            String constraint = w.identifier(a + 2);
            String column = notNullChecks.get(constraint);
            if (column != null) {
                validatedNotNull.add(column);
            }
            if (inTransaction() && notValidConstraints.contains(constraint) && existing) {
                report(Rule.VALIDATE_SAME_TRANSACTION, s, "VALIDATE CONSTRAINT " + w.text(a + 2) + " on " + table
                        + " in the same transaction as its ADD CONSTRAINT ... NOT VALID");
            }
        } else if (w.is(a, "DROP") && !w.isAny(a + 1, "CONSTRAINT", "EXPRESSION", "IDENTITY")) {
            int column = w.is(a + 1, "COLUMN") ? a + 2 : a + 1;
            column = skipIfExists(w, column);
            if (existing) {
                report(Rule.DROP_OR_RENAME, s, "DROP COLUMN " + w.text(column) + " of existing table " + table);
            }
        } else if (w.is(a, "RENAME") && !w.is(a + 1, "CONSTRAINT") && existing) {
            report(Rule.DROP_OR_RENAME, s, w.is(a + 1, "TO") ? "RENAME of existing table " + table + " to "
                    + w.text(a + 2) : "RENAME COLUMN " + w.text(w.is(a + 1, "COLUMN") ? a + 2 : a + 1)
                    + " of existing table " + table);
        }
    }

    /** {@code ADD [COLUMN] [IF NOT EXISTS] name type [DEFAULT expr] ...}. */
    private void addColumn(SqlStatement s, SqlWords w, int i, int to, String table) {
        int column = skipIfNotExists(w, w.is(i, "COLUMN") ? i + 1 : i);
        String type = w.identifier(column + 1);
        String hazard = null;
        if (SERIAL_TYPES.contains(type)) {
            hazard = "a " + type + " column (its default is nextval())";
        } else if (w.indexOf("IDENTITY", column, 0) >= 0 && w.indexOf("IDENTITY", column, 0) < to) {
            hazard = "an identity column (every row gets a value from its sequence)";
        } else {
            int def = w.indexOf("DEFAULT", column, 0);
            for (int k = def + 1; def >= 0 && k < to && hazard == null; k++) {
                if (w.isIdentifier(k) && w.isSymbol(k + 1, "(") && VOLATILE_FUNCTIONS.contains(w.identifier(k))) {
                    hazard = "the volatile default " + w.text(k) + "()";
                }
            }
        }
        if (hazard != null) {
            report(Rule.VOLATILE_DEFAULT, s, "ADD COLUMN " + w.text(column) + " to existing table " + table + " with "
                    + hazard + ": rewrites the table");
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

    private static boolean hasNotValid(SqlWords w, int from, int to) {
        for (int k = from; k + 1 < to; k++) {
            if (w.depth(k) == 0 && w.is(k, "NOT") && w.is(k + 1, "VALID")) {
                return true;
            }
        }
        return false;
    }

    private static String firstWords(SqlWords w, int count) {
        List<String> words = new ArrayList<>();
        for (int k = 0; k < Math.min(count, w.size()); k++) {
            words.add(w.text(k));
        }
        return String.join(" ", words);
    }

    private static int skipIfExists(SqlWords w, int i) {
        return w.is(i, "IF") && w.is(i + 1, "EXISTS") ? i + 2 : i;
    }

    private static int skipIfNotExists(SqlWords w, int i) {
        return w.is(i, "IF") && w.is(i + 1, "NOT") && w.is(i + 2, "EXISTS") ? i + 3 : i;
    }

    /** Whether the table whose (possibly qualified) name ends before {@code end} existed before this migration. */
    private boolean existing(SqlWords w, int end) {
        return !createdTables.contains(w.identifier(end - 1));
    }

    private boolean inTransaction() {
        return migrationInTransaction || inTransactionBlock;
    }

    private void report(Rule rule, SqlStatement s, String message) {
        if (!allowed(rule, s)) {
            findings.add(new Finding(rule.id(), origin, s.line(), message, rule.why(), rule.safePattern()));
        }
    }

    /**
     * Whether {@code -- preflight:allow <rule>} is on the statement's first line, inside the statement, or in
     * the comment lines directly above it. The splitter leaves leading comments out of
     * {@link SqlStatement#sql()}, so those are read from the script's lines.
     */
    private boolean allowed(Rule rule, SqlStatement s) {
        if (allows(s.sql(), rule)) {
            return true;
        }
        int index = s.line() - firstLine;
        if (index >= 0 && index < lines.length && allows(lines[index], rule)) {
            return true;
        }
        for (int k = index - 1; k >= 0 && k < lines.length && lines[k].strip().startsWith("--"); k--) {
            if (allows(lines[k], rule)) {
                return true;
            }
        }
        return false;
    }

    private static boolean allows(String text, Rule rule) {
        Matcher m = ALLOW.matcher(text);
        while (m.find()) {
            for (String id : m.group(1).split("[,\\s]+")) {
                if (id.equalsIgnoreCase(rule.id())) {
                    return true;
                }
            }
        }
        return false;
    }
}
