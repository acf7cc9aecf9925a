package dev.preflight.lint;

import dev.preflight.Kind;
import dev.preflight.Version;
import dev.preflight.source.Migration;
import dev.preflight.source.Script;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the lint knows beyond one statement: names as PostgreSQL resolves them, a run of several scripts (the
 * same-run exemption), down scripts, the script's transaction and session (BEGIN/COMMIT, lock_timeout,
 * search_path), functions created in the run, and what a database at hand tells.
 */
class LinterRunTest {

    private static Migration migration(String version, String up, String down, boolean transactional) {
        return Migration.sql(Kind.SCHEMA, Version.parse(version), "m" + version, LinterTest.DBMATE,
                new Script("db/migrations/" + version + "_m.sql", up, 2),
                down == null ? null : new Script("db/migrations/" + version + "_m.sql", down, 20), transactional);
    }

    private static List<String> ids(List<Finding> findings) {
        return findings.stream().map(f -> f.rule() + "@" + f.line()).toList();
    }

    private static List<String> lint(String up) {
        return ids(Linter.lint(migration("1", up, null, true)));
    }

    private static List<String> run(LintSettings settings, String... ups) {
        List<LintScript> scripts = new java.util.ArrayList<>();
        for (int i = 0; i < ups.length; i++) {
            scripts.add(LintScript.of(migration(String.valueOf(i + 1), ups[i], null, true), true));
        }
        return ids(Linter.lint(scripts, settings));
    }

    // ---------------------------------------------------------------- names

    @Test
    void schemaQualifiedNamesAreComparedAsPostgresqlResolvesThem() {
        assertEquals(List.of(), lint("create table public.users (email text);\ncreate index i on users (email);"));
        assertEquals(List.of(), lint("create table users (email text);\ncreate index i on public.users (email);"));
        assertEquals(List.of(), lint("create table \"users\" (email text);\ncreate index i on public.users (email);"));
        assertEquals(List.of("index-not-concurrent@3"),
                lint("create table app.users (email text);\ncreate index i on users (email);"),
                "users is public.users under the default search_path, not app.users");
        assertEquals(List.of("index-not-concurrent@3"),
                lint("create table \"Users\" (email text);\ncreate index i on users (email);"), "quoted names keep case");
        assertEquals(List.of(), lint("set search_path to \"$user\", app;\ncreate table app.users (email text);\n"
                + "create index i on users (email);"));
        assertEquals(List.of(), lint("set search_path = app;\ncreate table users (email text);\n"
                + "create index i on app.users (email);"));
        assertEquals(List.of(), lint("create temp table scratch (v text);\ncreate index i on scratch (v);"));
        assertEquals(List.of(), lint("create table users (id bigint);\nalter table users rename to people;\n"
                + "alter table public.people add column token uuid default gen_random_uuid();"));
    }

    @Test
    void theDatabasesCurrentSchemaResolvesUnqualifiedNamesWhenOneIsAtHand() {
        LintSettings appSchema = LintSettings.defaults().with(new Facts(150000, "app", Optional.empty()));
        assertEquals(List.of(), run(appSchema, "create table app.users (email text);\ncreate index i on users (email);"));
        assertEquals(List.of("index-not-concurrent@3"), run(LintSettings.defaults(),
                "create table app.users (email text);\ncreate index i on users (email);"));
    }

    // ---------------------------------------------------------------- runs

    @Test
    void aTableCreatedByAnEarlierScriptOfTheRunIsNew() {
        assertEquals(List.of(), run(LintSettings.defaults(), "create table orders (id bigint, user_id bigint);",
                "create index orders_user on public.orders (user_id);\nalter table orders add check (user_id > 0);"));
        // Linted on its own (applied long ago, as Preflight.lint() must assume), the same index is a hazard.
        assertEquals(List.of("index-not-concurrent@2"), lint("create index orders_user on public.orders (user_id);"));
    }

    @Test
    void theDownScriptIsLintedAndMayDropWhatItsUpCreated() {
        Migration m = migration("3", "create table audit (id bigint);\nalter table users add column nick text;\n"
                        + "create index users_nick on users (nick);",
                "drop index users_nick;\nalter table users drop column nick;\ndrop table audit;\n"
                        + "alter table users drop column email;", true);
        List<Finding> findings = Linter.lint(m);
        assertEquals(List.of("index-not-concurrent@4", "drop-index-not-concurrent@20", "drop-or-rename@23"),
                ids(findings));
        assertEquals("down: DROP COLUMN email of existing table users", findings.get(2).message());
    }

    @Test
    void aBeginOrCommitInsidePreflightsTransactionIsNesting() {
        assertEquals(List.of("transaction-nesting@2", "transaction-nesting@4"),
                lint("begin;\nalter table users add column nick text;\ncommit;"));
        // Outside Preflight's transaction the script's own block is fine; one never committed is not.
        assertEquals(List.of(), ids(Linter.lint(migration("1", "begin;\ncreate table t (id bigint);\ncommit;", null,
                false))));
        assertEquals(List.of("transaction-nesting@2"), ids(Linter.lint(migration("1",
                "begin;\ncreate table t (id bigint);", null, false))));
        assertEquals(List.of("transaction-nesting@3"), ids(Linter.lint(migration("1",
                "create table t (id bigint);\ncommit;", null, false))));
    }

    // ---------------------------------------------------------------- session and transaction

    @Test
    void withoutLockTimeoutATriggerOnABusyTableIsAHazard() {
        String trigger = "create trigger users_audit after update on users for each row execute function audit();";
        LintSettings noTimeout = new LintSettings(RuleSelection.defaults(), Duration.ZERO, DatabaseFacts.offline());
        assertEquals(List.of("lock-timeout-missing@2"), run(noTimeout, trigger));
        assertEquals(List.of(), run(noTimeout, "set lock_timeout = '2s';\n" + trigger));
        assertEquals(List.of(), run(LintSettings.defaults(), trigger), "Preflight's lock-timeout (5s) covers it");
        assertEquals(List.of("lock-timeout-missing@3"), run(LintSettings.defaults(), "set lock_timeout to 0;\n" + trigger));
        assertEquals(List.of("lock-timeout-missing@3"), run(LintSettings.defaults(), "reset lock_timeout;\n" + trigger));
        assertEquals(List.of(), run(noTimeout, "create table t (id bigint);\ncreate index i on t (id);"),
                "a table of the run locks nobody out");
    }

    @Test
    void validateInATransactionHoldingAStrongLockIsAHazard() {
        assertEquals(List.of("validate-same-transaction@3"), lint("alter table orders add column note text;\n"
                + "alter table users validate constraint users_email_check;"));
        assertEquals(List.of(), lint("alter table users validate constraint users_email_check;\n"
                + "alter table users alter column email set not null;"), "VALIDATE first: SET NOT NULL skips its scan");
    }

    @Test
    void anEnumValueAddedAloneInItsMigrationIsFineFromPostgresql12() {
        assertEquals(List.of(), lint("alter type mood add value 'meh' after 'ok';"));
        LintSettings pg11 = LintSettings.defaults().with(new Facts(110000, "public", Optional.empty()));
        assertEquals(List.of("enum-add-value-in-transaction@2"), run(pg11, "alter type mood add value 'meh' after 'ok';"));
    }

    // ---------------------------------------------------------------- volatility

    @Test
    void aDefaultCallingAFunctionOfTheRunIsJudgedByItsDeclaration() {
        String add = "alter table users add column token text default make_token();";
        assertEquals(List.of(), lint("create function make_token() returns text language sql immutable"
                + " as $$ select 'x' $$;\n" + add));
        assertEquals(List.of("volatile-default@3"), lint("create function make_token() returns text language sql"
                + " as $$ select md5(random()::text) $$;\n" + add));
    }

    @Test
    void aDefaultCallingAnUnknownFunctionIsPossiblyVolatileOfflineAndAskedOfTheDatabaseOtherwise() {
        String add = "alter table users add column token text default make_token();";
        List<Finding> offline = Linter.lint(migration("1", add, null, true));
        assertEquals(List.of("volatile-default@2"), ids(offline));
        assertTrue(offline.get(0).message().contains("may be volatile"), offline.get(0).message());
        assertEquals(List.of(), run(LintSettings.defaults().with(new Facts(150000, "public", Optional.of(false))), add));
        assertEquals(List.of("volatile-default@2"),
                run(LintSettings.defaults().with(new Facts(150000, "public", Optional.of(true))), add));
        // Built-ins need no database: now() is stable, clock_timestamp() volatile.
        assertEquals(List.of(), lint("alter table users add column at timestamptz default now();"));
        assertEquals(List.of("volatile-default@2"), lint("alter table users add column at timestamptz default clock_timestamp();"));
        assertEquals(List.of(), lint("alter table users add column d numeric default cast(coalesce(null, 1) as numeric(10, 2));"));
    }

    @Test
    void aConcurrentIndexOnPostgresql14Before14Point4IsAHazard() {
        String sql = "create index concurrently users_email on users (email);";
        Migration m = migration("1", sql, null, false);
        LintSettings pg143 = LintSettings.defaults().with(new Facts(140003, "public", Optional.empty()));
        assertEquals(List.of("concurrent-index-corruption@2"), ids(Linter.lint(List.of(LintScript.of(m, true)), pg143)));
        LintSettings pg144 = LintSettings.defaults().with(new Facts(140004, "public", Optional.empty()));
        assertEquals(List.of(), ids(Linter.lint(List.of(LintScript.of(m, true)), pg144)));
        Migration allowed = migration("1", "-- built before the upgrade, REINDEXed after it\n"
                + "-- preflight:allow concurrent-index-corruption\n" + sql, null, false);
        assertEquals(List.of(), ids(Linter.lint(List.of(LintScript.of(allowed, true)), pg143)));
    }

    // ---------------------------------------------------------------- rule selection

    @Test
    void conventionsAreOffByDefaultAndRulesCanBeChosen() {
        String sql = "create table public.t (id int, at timestamp);\ndrop table users;";
        assertEquals(List.of("drop-or-rename@3"), lint(sql));
        LintSettings chosen = LintSettings.defaults().with(RuleSelection.parse(
                List.of("hazards", "-drop-or-rename", "prefer-timestamptz"), false));
        assertEquals(List.of("prefer-timestamptz@2"), run(chosen, sql));
        LintSettings conventions = LintSettings.defaults().with(RuleSelection.parse(List.of("hazards"), true));
        assertEquals(List.of("prefer-bigint-over-int@2", "prefer-timestamptz@2", "statement-timeout-missing@3",
                "drop-or-rename@3", "require-table-schema@3"), run(conventions, sql));
    }

    /** What a database would answer, fixed: the server version, current_schema() and a function's volatility. */
    private record Facts(int version, String schema, Optional<Boolean> volatility) implements DatabaseFacts {

        @Override
        public OptionalInt serverVersionNum() {
            return OptionalInt.of(version);
        }

        @Override
        public String defaultSchema() {
            return schema;
        }

        @Override
        public Optional<Boolean> isVolatile(String s, String function) {
            return volatility;
        }
    }
}
