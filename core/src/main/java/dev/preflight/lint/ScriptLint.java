package dev.preflight.lint;

import dev.preflight.sql.SqlStatement;
import dev.preflight.sql.SqlWords;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lint of one script within a run: reads it statement by statement, keeps what the script's transaction and
 * session hold (locks, {@code lock_timeout}, {@code search_path}, a BEGIN of its own), hands each statement to the
 * checks of its kind and records what it creates in the {@link RunState} for the statements and scripts after it.
 * The checks report through {@link #report}, which applies the rule selection and {@code -- preflight:allow}.
 */
final class ScriptLint {

    /** {@code -- preflight:allow rule[, rule ...]}. */
    private static final Pattern ALLOW = Pattern.compile("--\\s*preflight:allow\\s+([a-z0-9, \\t-]+)",
            Pattern.CASE_INSENSITIVE);

    final LintSettings settings;
    final RunState run;
    /** What this migration's up script created, when this is its down script (else null). */
    final RunState createdByUp;
    final TransactionState tx = new TransactionState();
    private static final Pattern LINE_BREAK = Pattern.compile("\r\n|\r|\n");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private final LintScript script;
    /** The script's lines, split when an allow comment is looked for (rarely: only for a finding). */
    private String[] lines;
    private final List<Finding> findings;

    /** The strong locks of the statement being linted ({@link SessionChecks}). */
    List<Locks.Lock> statementLocks = List.of();
    /** Constraints the script dropped with IF EXISTS (for prefer-robust-stmts). */
    private final java.util.Set<String> droppedConstraints = new java.util.HashSet<>();
    /** Inside a BEGIN ... COMMIT of the script's own. */
    private SqlStatement openBegin;
    private long lockTimeoutMillis;
    private boolean lockTimeoutReported;
    private boolean statementTimeoutSet;
    private boolean statementTimeoutReported;
    /** The first schema of a {@code SET search_path} of the script; null: the database's default. */
    private String searchPath;

    ScriptLint(LintScript script, LintSettings settings, RunState run, RunState createdByUp, List<Finding> findings) {
        this.script = script;
        this.settings = settings;
        this.run = run;
        this.createdByUp = createdByUp;
        this.findings = findings;
        this.lockTimeoutMillis = settings.lockTimeout().toMillis();
    }

    void lint() {
        int first = findings.size();
        for (SqlStatement s : script.statements()) {
            statement(s, SqlWords.of(s.sql()));
            if (!inTransaction()) {
                tx.clear(); // each statement outside a transaction commits on its own
            }
        }
        if (openBegin != null && !script.transactional()) {
            report(Rule.TRANSACTION_NESTING, openBegin, "BEGIN without a COMMIT or ROLLBACK: the connection stays in"
                    + " a transaction after the script");
        }
        // In statement order; a statement's own findings keep the order the checks found them in.
        findings.subList(first, findings.size()).sort(java.util.Comparator.comparingInt(Finding::line));
    }

    private void statement(SqlStatement s, SqlWords w) {
        if (s.isTransactionControl()) {
            transactionControl(s, w);
            return;
        }
        if (w.isAny(0, "SET", "RESET")) {
            setting(w);
            return;
        }
        SessionChecks.beforeStatement(this, s, w);
        if (w.is(0, "ALTER") && w.is(1, "TABLE")) {
            AlterTableChecks.check(this, s, w);
        } else if (w.is(0, "CREATE")) {
            CreateChecks.check(this, s, w);
        } else if (w.isAny(0, "DROP", "TRUNCATE") || w.is(0, "ALTER") && w.isAny(1, "SCHEMA", "VIEW", "MATERIALIZED")) {
            DropChecks.check(this, s, w);
        } else if (w.isAny(0, "REINDEX", "REFRESH", "CLUSTER", "VACUUM") || w.is(0, "ALTER") && w.is(1, "INDEX")) {
            IndexChecks.maintenance(this, s, w);
        } else if (w.is(0, "ALTER") && w.isAny(1, "TYPE", "DOMAIN")) {
            TypeChecks.alter(this, s, w);
        } else if (w.isAny(0, "UPDATE", "DELETE", "INSERT")) {
            TypeChecks.catalogHack(this, s, w);
            Conventions.dml(this, s, w);
        }
        Conventions.everyStatement(this, s, w);
        SessionChecks.afterStatement(this);
    }

    // ---------------------------------------------------------------- transactions and session settings

    private void transactionControl(SqlStatement s, SqlWords w) {
        boolean begin = w.isAny(0, "BEGIN", "START");
        boolean end = w.isAny(0, "COMMIT", "END", "ROLLBACK", "ABORT") && w.indexOf("TO", 1, 0) < 0
                && !w.is(1, "PREPARED");
        if (!begin && !end) {
            return; // SAVEPOINT, RELEASE, ROLLBACK TO stay inside the transaction
        }
        if (script.transactional()) {
            report(Rule.TRANSACTION_NESTING, s, excerpt(s) + " inside the"
                    + " transaction Preflight runs this migration in (with its history row)");
        } else if (begin && openBegin != null) {
            report(Rule.TRANSACTION_NESTING, s, "BEGIN while the BEGIN at line " + openBegin.line()
                    + " is still open: PostgreSQL ignores it, and the first COMMIT ends both");
        } else if (end && openBegin == null) {
            report(Rule.TRANSACTION_NESTING, s, excerpt(s) + " without a BEGIN before it: there is no transaction"
                    + " to end");
        }
        if (begin) {
            openBegin = openBegin != null ? openBegin : s;
        } else {
            openBegin = null;
            tx.clear();
        }
    }

    /** {@code SET [LOCAL|SESSION] name {TO|=} value}, {@code RESET name}. */
    private void setting(SqlWords w) {
        int name = w.isAny(1, "LOCAL", "SESSION") ? 2 : 1;
        String setting = w.identifier(name);
        boolean reset = w.is(0, "RESET") || w.is(name + 2, "DEFAULT");
        int value = name + 2;
        switch (setting) {
            case "lock_timeout" -> lockTimeoutMillis = reset ? 0 : SessionChecks.millis(w, value);
            case "statement_timeout" -> statementTimeoutSet = !reset && SessionChecks.millis(w, value) > 0;
            case "search_path" -> searchPath = reset ? null : SessionChecks.firstSchema(w, value);
            default -> {
            }
        }
    }

    boolean inTransaction() {
        return script.transactional() || openBegin != null;
    }

    boolean transactional() {
        return script.transactional();
    }

    /** Whether statements run without a lock_timeout now; reported once per script. */
    boolean withoutLockTimeout() {
        return lockTimeoutMillis == 0;
    }

    boolean lockTimeoutReportedOnce() {
        boolean first = !lockTimeoutReported;
        lockTimeoutReported = true;
        return first;
    }

    boolean withoutStatementTimeoutOnce() {
        boolean report = !statementTimeoutSet && !statementTimeoutReported;
        statementTimeoutReported |= report;
        return report;
    }

    Duration configuredLockTimeout() {
        return settings.lockTimeout();
    }

    // ---------------------------------------------------------------- names

    /** The name as PostgreSQL resolves it now: a temporary table of the run first, else the search path. */
    ObjectName resolve(ObjectName name) {
        if (name == null || name.isQualified()) {
            return name;
        }
        ObjectName temp = name.qualified(ObjectName.TEMP_SCHEMA);
        if (run.createdTable(temp)) {
            return temp;
        }
        return name.qualified(searchPath != null ? searchPath : settings.facts().defaultSchema());
    }

    /** The schema a CREATE of an unqualified name puts it in. */
    String creationSchema() {
        return searchPath != null ? searchPath : settings.facts().defaultSchema();
    }

    /** Whether the table existed before this run (not created by it, nor by this migration's up when linting its down). */
    boolean existingTable(ObjectName resolved) {
        return resolved != null && !run.createdTable(resolved);
    }

    /** For a down script: whether its migration's up created the table (dropping it is the up's inverse). */
    boolean createdByUp(ObjectName resolved) {
        return createdByUp != null && createdByUp.createdTable(resolved);
    }

    // ---------------------------------------------------------------- reporting

    void report(Rule rule, SqlStatement s, String message) {
        if (!settings.rules().isOn(rule) || allowed(rule, s)) {
            return;
        }
        findings.add(new Finding(rule.id(), script.script().origin(), s.line(),
                (script.up() ? "" : "down: ") + message, rule.why(), rule.safePattern()));
    }

    /**
     * Whether {@code -- preflight:allow <rule>} is on the statement's first line, inside the statement, or in the
     * comment lines directly above it. The splitter leaves leading comments out of {@link SqlStatement#sql()}, so
     * those are read from the script's lines.
     */
    private boolean allowed(Rule rule, SqlStatement s) {
        if (allows(s.sql(), rule)) {
            return true;
        }
        if (lines == null) {
            lines = LINE_BREAK.split(script.script().sql(), -1);
        }
        int index = s.line() - script.script().firstLine();
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
        if (!mentionsAllow(text)) {
            return false; // the usual case, without a regex
        }
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

    private static boolean mentionsAllow(String text) {
        for (int i = text.indexOf(':'); i >= 0; i = text.indexOf(':', i + 1)) {
            if (text.regionMatches(true, i - "preflight".length(), "preflight:allow", 0, "preflight:allow".length())) {
                return true;
            }
        }
        return false;
    }

    /** The tokens {@code [from, to)} separated by spaces, shortened to about 60 characters, for messages. */
    static String text(SqlWords w, int from, int to) {
        int end = Math.min(to, w.size());
        StringBuilder out = new StringBuilder();
        int k = from;
        for (; k < end && out.length() < 60; k++) {
            out.append(k > from ? " " : "").append(w.text(k));
        }
        return k < end ? out + " ..." : out.toString();
    }

    /** Records a DROP CONSTRAINT; one with IF EXISTS makes a later ADD of it re-runnable. */
    void droppedConstraint(String name, boolean ifExists) {
        if (ifExists) {
            droppedConstraints.add(name);
        }
    }

    boolean droppedConstraint(String name) {
        return droppedConstraints.contains(name);
    }

    /** The start of a statement as written, on one line, quoted: {@code 'CREATE INDEX CONCURRENTLY i ON t ...'}. */
    static String excerpt(SqlStatement s) {
        String start = s.sql().length() > 200 ? s.sql().substring(0, 200) : s.sql();
        String flat = WHITESPACE.matcher(start).replaceAll(" ").strip();
        return "'" + (flat.length() > 48 ? flat.substring(0, 48).stripTrailing() + " ..." : flat) + "'";
    }

    /** {@code a} or {@code an}, for a lock mode: an ACCESS EXCLUSIVE lock, a SHARE lock. */
    static String article(String mode) {
        return mode.startsWith("A") || mode.startsWith("E") ? "an " : "a ";
    }

    /** The enum values added earlier in this transaction, by literal. */
    Map<String, SqlStatement> addedEnumValues() {
        return tx.addedValues();
    }
}
