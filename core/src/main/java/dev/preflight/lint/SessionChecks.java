package dev.preflight.lint;

import dev.preflight.sql.SqlStatement;
import dev.preflight.sql.SqlWords;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules about the transaction and session a statement runs in rather than the statement alone:
 * {@code lock-timeout-missing}, {@code statement-timeout-missing}, {@code backfill-with-ddl},
 * {@code concurrently-in-transaction}, {@code concurrent-index-corruption}, and the use of an enum value added
 * earlier in the same transaction ({@code enum-add-value-in-transaction}). After each statement, the strong locks
 * it took on existing tables join the transaction's.
 */
final class SessionChecks {

    private static final Pattern DURATION = Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)\\s*([a-z]*)\\s*");

    private SessionChecks() {
    }

    static void beforeStatement(ScriptLint ctx, SqlStatement s, SqlWords w) {
        List<Locks.Lock> locks = Locks.of(ctx, w, s.line());
        Locks.Lock strong = locks.stream().filter(l -> existing(ctx, l)).findFirst().orElse(null);
        // As squawk counts them: a strong lock on an existing table, or DDL whose locks this model does not name
        // (ALTER TYPE, CREATE INDEX CONCURRENTLY, CREATE FUNCTION, ...). DDL only on tables of the run waits for nobody.
        boolean waits = strong != null || locks.isEmpty() && Locks.isDdl(w);
        String what = strong != null ? "takes " + describe(strong) : "is DDL, which waits for the locks it needs";
        if (waits && ctx.withoutLockTimeout() && ctx.lockTimeoutReportedOnce()) {
            ctx.report(Rule.LOCK_TIMEOUT_MISSING, s, ScriptLint.excerpt(s) + " " + what + " without lock_timeout ("
                    + (ctx.configuredLockTimeout().isZero() ? "lock-timeout=0s" : "the script sets lock_timeout to 0")
                    + ")");
        }
        if (waits && ctx.withoutStatementTimeoutOnce()) {
            ctx.report(Rule.STATEMENT_TIMEOUT_MISSING, s, ScriptLint.excerpt(s) + " " + what
                    + " and no statement_timeout is set before it");
        }
        backfill(ctx, s, w);
        enumValuesUsed(ctx, w, s.line());
        boolean concurrently = w.indexOf("CONCURRENTLY", 0, 0) >= 0 || w.indexOf("CONCURRENTLY", 0, 1) >= 0;
        if (concurrently && s.cannotRunInTransaction() && ctx.inTransaction()) {
            ctx.report(Rule.CONCURRENTLY_IN_TRANSACTION, s, ScriptLint.excerpt(s)
                    + (ctx.transactional() ? " in a migration that runs in a transaction"
                    : " inside the script's own BEGIN ... COMMIT"));
        }
        int version = ctx.settings.facts().serverVersionNum().orElse(0);
        if (concurrently && version >= 140_000 && version < 140_004 && (w.is(0, "REINDEX")
                || w.is(0, "CREATE") && TableNames.indexedTable(w) >= 0)) {
            ctx.report(Rule.CONCURRENT_INDEX_CORRUPTION, s, ScriptLint.excerpt(s) + " on PostgreSQL "
                    + version / 10_000 + "." + version % 10_000);
        }
        ctx.statementLocks = locks;
    }

    static void afterStatement(ScriptLint ctx) {
        for (Locks.Lock lock : ctx.statementLocks) {
            if (existing(ctx, lock)) {
                ctx.tx.lock(lock);
            }
        }
    }

    /** {@code an ACCESS EXCLUSIVE lock on public.users}, {@code ... on the table of index users_email_idx}. */
    static String describe(Locks.Lock lock) {
        return ScriptLint.article(lock.mode()) + lock.mode() + " lock on " + (lock.onIndex() ? "the table of index "
                : "") + lock.table();
    }

    static boolean existing(ScriptLint ctx, Locks.Lock lock) {
        return lock.onIndex() ? !ctx.run.createdIndex(lock.table()) : ctx.existingTable(lock.table());
    }

    /** {@code UPDATE t ...} / {@code DELETE FROM t ...} after a schema change of t in the same transaction. */
    private static void backfill(ScriptLint ctx, SqlStatement s, SqlWords w) {
        int at = w.is(0, "UPDATE") ? 1 : w.is(0, "DELETE") && w.is(1, "FROM") ? 2 : -1;
        at = w.is(at, "ONLY") ? at + 1 : at;
        if (at < 0 || !w.isIdentifier(at) || !ctx.inTransaction()) {
            return;
        }
        ObjectName table = ctx.resolve(ObjectName.at(w, at));
        Locks.Lock lock = ctx.existingTable(table) ? ctx.tx.lockOn(table) : null;
        if (lock != null) {
            ctx.report(Rule.BACKFILL_WITH_DDL, s, w.text(0).toUpperCase(Locale.ROOT) + " of " + w.join(at, w.nameEnd(at))
                    + " in the transaction whose line " + lock.line() + " took " + ScriptLint.article(lock.mode())
                    + lock.mode() + " lock on it: the lock is held until the whole backfill commits");
        }
    }

    /** A statement using, as a string literal, an enum value added earlier in its transaction. */
    private static void enumValuesUsed(ScriptLint ctx, SqlWords w, int line) {
        Map<String, SqlStatement> added = ctx.addedEnumValues();
        if (added.isEmpty()) {
            return;
        }
        for (int i = 0; i < w.size(); i++) {
            if (w.isString(i) && added.containsKey(w.text(i))) {
                SqlStatement addValue = added.get(w.text(i));
                ctx.report(Rule.ENUM_ADD_VALUE_IN_TRANSACTION, addValue, "ADD VALUE " + w.text(i) + " and a use of it"
                        + " at line " + line + " in the same transaction: PostgreSQL refuses the use (unsafe use of"
                        + " new value)");
                added.remove(w.text(i));
            }
        }
    }

    /** A duration setting's value in milliseconds: {@code 5000}, {@code '5s'}, {@code '1min'}; 1 if unreadable. */
    static long millis(SqlWords w, int i) {
        String text = w.text(i);
        if (w.isString(i)) {
            text = text.substring(1, text.length() - 1);
        }
        Matcher m = DURATION.matcher(text.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return 1;
        }
        double amount = Double.parseDouble(m.group(1));
        double factor = switch (m.group(2)) {
            case "", "ms" -> 1;
            case "us" -> 0.001;
            case "s" -> 1_000;
            case "min" -> 60_000;
            case "h" -> 3_600_000;
            case "d" -> 86_400_000;
            default -> 1;
        };
        return amount == 0 ? 0 : Math.max(1, (long) (amount * factor));
    }

    /** The first schema of a {@code search_path} value list starting at {@code i}, skipping {@code "$user"}. */
    static String firstSchema(SqlWords w, int i) {
        for (int k = i; k < w.size(); k++) {
            if (w.isSymbol(k, ",")) {
                continue;
            }
            String name = w.isString(k) ? w.text(k).substring(1, w.text(k).length() - 1) : w.identifier(k);
            if (!name.equals("$user")) {
                return w.isString(k) ? name.strip() : name;
            }
        }
        return null;
    }
}
