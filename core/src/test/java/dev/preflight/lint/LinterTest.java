package dev.preflight.lint;

import dev.preflight.Kind;
import dev.preflight.Version;
import dev.preflight.source.Migration;
import dev.preflight.source.Script;
import dev.preflight.source.Tool;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each rule: flagged on an existing table, silent on the safe form or a table of the same migration, and allowed. */
class LinterTest {

    /** A tool with no rules of its own: the linter reads only the migration's transaction flag (LinterRunTest too). */
    static final Tool DBMATE = new Tool() {
        @Override
        public String name() {
            return "dbmate";
        }

        @Override
        public String noTransactionMarker() {
            return null;
        }
    };

    private static List<String> lint(String sql) {
        return lint(sql, true);
    }

    private static List<String> lint(String sql, boolean transactional) {
        return findings(sql, transactional).stream().map(f -> f.rule() + "@" + f.line()).toList();
    }

    private static List<Finding> findings(String sql, boolean transactional) {
        Migration m = Migration.sql(Kind.SCHEMA, Version.parse("2"), "x", DBMATE,
                new Script("db/migrations/2_x.sql", sql, 2), null, transactional);
        return Linter.lint(m);
    }

    @Test
    void indexNotConcurrent() {
        assertEquals(List.of("index-not-concurrent@2"), lint("create index i on users (email);"));
        assertEquals(List.of("index-not-concurrent@2"), lint("CREATE UNIQUE INDEX IF NOT EXISTS i ON ONLY app.users (email);"));
        assertEquals(List.of(), lint("create index concurrently i on users (email);", false));
        assertEquals(List.of(), lint("create table users (email text);\ncreate index i on users (email);"));
        assertEquals(List.of(), lint("-- preflight:allow index-not-concurrent\ncreate index i on users (email);"));
        assertEquals(List.of(), lint("create index i on users (email); -- preflight:allow index-not-concurrent"));
    }

    @Test
    void volatileDefault() {
        assertEquals(List.of("volatile-default@2"), lint("alter table users add column token uuid default gen_random_uuid();"));
        assertEquals(List.of("volatile-default@2"), lint("alter table users add column id bigserial;"));
        assertEquals(List.of("volatile-default@2"), lint("alter table users add seen timestamptz not null default clock_timestamp();"));
        assertEquals(List.of("volatile-default@2"), lint("alter table users add n int generated always as identity;"));
        // Constant and stable defaults are catalog-only since PostgreSQL 11.
        assertEquals(List.of(), lint("alter table users add column created timestamptz not null default now();"));
        assertEquals(List.of(), lint("alter table users add column active boolean not null default true;"));
        assertEquals(List.of(), lint("create table users (id int);\nalter table users add column t uuid default gen_random_uuid();"));
        assertEquals(List.of(), lint("alter table users add column t uuid default gen_random_uuid(); -- preflight:allow volatile-default"));
    }

    @Test
    void setNotNull() {
        assertEquals(List.of("set-not-null@2"), lint("alter table users alter column email set not null;"));
        String safe = """
                alter table users add constraint email_nn check (email is not null) not valid;
                alter table users validate constraint email_nn;
                alter table users alter column email set not null;
                """;
        // The validate in the same transaction is its own finding, but SET NOT NULL no longer scans.
        assertEquals(List.of("validate-same-transaction@3"), lint(safe));
        assertEquals(List.of(), lint(safe, false));
        assertEquals(List.of(), lint("-- why: the table is tiny\n-- preflight:allow set-not-null\n"
                + "alter table users alter email set not null;"));
    }

    @Test
    void columnTypeChange() {
        assertEquals(List.of("column-type-change@2"), lint("alter table users alter column id type bigint;"));
        assertEquals(List.of("column-type-change@2"), lint("alter table users alter id set data type bigint using id::bigint;"));
        assertEquals(List.of(), lint("alter table users alter column id set default 0;"));
        assertEquals(List.of(), lint("-- preflight:allow column-type-change\nalter table users alter id type bigint;"));
    }

    @Test
    void constraintNotValid() {
        assertEquals(List.of("constraint-not-valid@2"),
                lint("alter table orders add constraint fk foreign key (user_id) references users (id);"));
        assertEquals(List.of("constraint-not-valid@2"), lint("alter table orders add check (total >= 0);"));
        assertEquals(List.of(), lint("alter table orders add constraint fk foreign key (user_id) references users (id) not valid;"));
        assertEquals(List.of(), lint("create table orders (total int);\nalter table orders add check (total >= 0);"));
        assertEquals(List.of(), lint("alter table orders add check (total >= 0); -- preflight:allow constraint-not-valid"));
    }

    @Test
    void validateSameTransaction() {
        String sql = "alter table orders add constraint c check (total >= 0) not valid;\n"
                + "alter table orders validate constraint c;";
        assertEquals(List.of("validate-same-transaction@3"), lint(sql));
        assertEquals(List.of(), lint(sql, false));
        assertEquals(List.of(), lint("alter table orders validate constraint c;"));
        assertEquals(List.of(), lint(sql.replace("\nalter", "\n-- preflight:allow validate-same-transaction\nalter")));
    }

    @Test
    void dropOrRename() {
        assertEquals(List.of("drop-or-rename@2"), lint("alter table users drop column email;"));
        assertEquals(List.of("drop-or-rename@2"), lint("alter table users rename column email to mail;"));
        assertEquals(List.of("drop-or-rename@2"), lint("alter table users rename to people;"));
        assertEquals(List.of("drop-or-rename@2"), lint("drop table if exists users;"));
        assertEquals(List.of(), lint("alter table users drop constraint c, rename constraint d to e;"));
        assertEquals(List.of(), lint("create table tmp (a int);\nalter table tmp drop column a;\ndrop table tmp;"));
        assertEquals(List.of(), lint("drop table users; -- preflight:allow drop-or-rename"));
    }

    @Test
    void uniqueWithoutIndex() {
        assertEquals(List.of("unique-without-index@2"), lint("alter table users add constraint u unique (email);"));
        assertEquals(List.of("unique-without-index@2"), lint("alter table users add primary key (id);"));
        assertEquals(List.of(), lint("alter table users add constraint u unique using index users_email;"));
        assertEquals(List.of(), lint("alter table users add constraint pk primary key using index users_id;"));
        assertEquals(List.of(), lint("-- preflight:allow unique-without-index\nalter table users add unique (email);"));
    }

    @Test
    void enumAddValueInTransactionIsAHazardOnlyWhenTheSameTransactionUsesTheValue() {
        // PostgreSQL 12+ runs ADD VALUE in a transaction; only a use before the commit fails.
        assertEquals(List.of(), lint("alter type mood add value 'meh' after 'ok';"));
        assertEquals(List.of(), lint("alter type mood add value 'meh' after 'ok';\nupdate t set m = 'ok';"));
        assertEquals(List.of("enum-add-value-in-transaction@2"),
                lint("alter type mood add value 'meh' after 'ok';\nupdate t set m = 'meh' where m = 'ok';"));
        assertEquals(List.of(), lint("alter type mood add value 'meh' after 'ok';\nupdate t set m = 'meh';", false));
        assertEquals(List.of(), lint("create type mood as enum ('ok');\nalter type mood add value 'meh' after 'ok';\n"
                + "create table t (m mood default 'meh');"));
        assertEquals(List.of(), lint("-- preflight:allow enum-add-value-in-transaction\n"
                + "alter type mood add value 'meh' after 'ok';\nupdate t set m = 'meh';"));
    }

    @Test
    void concurrentlyInTransaction() {
        // golang-migrate runs a file with its own BEGIN/COMMIT as written.
        String sql = "begin;\ncreate index concurrently i on users (email);\ncommit;";
        assertEquals(List.of("concurrently-in-transaction@3"), lint(sql, false));
        assertEquals(List.of(), lint("create index concurrently i on users (email);", false));
        assertEquals(List.of(), lint("begin;\n-- preflight:allow concurrently-in-transaction\n"
                + "create index concurrently i on users (email);\ncommit;", false));
    }

    @Test
    void aFindingNamesFileLineWhyAndTheSafePattern() {
        Finding f = findings("\n\ncreate index i on users (email);", true).get(0);
        assertEquals("db/migrations/2_x.sql:4", f.location());
        String block = f.toBlock();
        assertTrue(block.startsWith("index-not-concurrent  db/migrations/2_x.sql:4\n"), block);
        assertTrue(block.contains("why:  CREATE INDEX without CONCURRENTLY holds a SHARE lock"), block);
        assertTrue(block.contains("safe: CREATE INDEX CONCURRENTLY"), block);
    }

    @Test
    void anAllowForAnotherRuleOrAboveABlankLineAcceptsNothing() {
        assertEquals(List.of("index-not-concurrent@2"), lint("create index i on users (email); -- preflight:allow set-not-null"));
        assertEquals(List.of("index-not-concurrent@4"), lint("-- preflight:allow index-not-concurrent\n\ncreate index i on users (email);"));
    }

    @Test
    void wordsInsideStringsAndCommentsAreNotStatements() {
        assertEquals(List.of(), lint("insert into notes values ('alter table users drop column email');\n"
                + "/* create index i on users (email); */ select 1;"));
    }
}
