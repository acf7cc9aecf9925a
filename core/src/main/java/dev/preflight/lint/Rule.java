package dev.preflight.lint;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static dev.preflight.lint.Category.CONVENTION;
import static dev.preflight.lint.Category.HAZARD;

/**
 * Every rule of the safety lint: the id a user writes in {@code -- preflight:allow <id>} and {@code lint.rules},
 * its {@link Category}, the PostgreSQL versions it applies to, why the statement is a problem and the safe way to
 * get the same result. The README lists them with their squawk and strong_migrations counterparts.
 *
 * <pre>{@code
 * Rule.byId("set-not-null").orElseThrow().why();
 * }</pre>
 */
public enum Rule {

    // ---------------------------------------------------------------- hazards: locks and rewrites

    INDEX_NOT_CONCURRENT("index-not-concurrent", HAZARD, "all",
            "CREATE INDEX without CONCURRENTLY holds a SHARE lock on the table for the whole build: every INSERT,"
                    + " UPDATE and DELETE on it waits until the index is built.",
            "CREATE INDEX CONCURRENTLY in a migration of its own that runs outside a transaction"
                    + " (-- preflight:no-transaction); Preflight drops an INVALID index a failed build left before it"
                    + " tries again."),
    DROP_INDEX_NOT_CONCURRENT("drop-index-not-concurrent", HAZARD, "all",
            "DROP INDEX without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on the index's table: it waits for every"
                    + " running query on the table, and every query that comes after waits for it.",
            "DROP INDEX CONCURRENTLY in a migration of its own that runs outside a transaction"
                    + " (-- preflight:no-transaction)."),
    REINDEX_NOT_CONCURRENT("reindex-not-concurrent", HAZARD, "12+",
            "REINDEX without CONCURRENTLY locks the table against writes (and the index against reads) for the"
                    + " whole rebuild.",
            "REINDEX ... CONCURRENTLY (PostgreSQL 12+) in a migration of its own that runs outside a transaction."),
    REFRESH_MATVIEW_NOT_CONCURRENT("refresh-matview-not-concurrent", HAZARD, "all",
            "REFRESH MATERIALIZED VIEW without CONCURRENTLY holds an ACCESS EXCLUSIVE lock: nobody can read the view"
                    + " until the query behind it has run again.",
            "Give the view a unique index, then REFRESH MATERIALIZED VIEW CONCURRENTLY (reads go on; it runs in a"
                    + " transaction too)."),
    DETACH_PARTITION_NOT_CONCURRENT("detach-partition-not-concurrent", HAZARD, "all (CONCURRENTLY from 14)",
            "DETACH PARTITION takes an ACCESS EXCLUSIVE lock on the partitioned table, blocking reads and writes of"
                    + " every partition.",
            "ALTER TABLE ... DETACH PARTITION ... CONCURRENTLY (PostgreSQL 14+) in a migration of its own that runs"
                    + " outside a transaction."),
    CONCURRENTLY_IN_TRANSACTION("concurrently-in-transaction", HAZARD, "all",
            "CREATE INDEX CONCURRENTLY, DROP INDEX CONCURRENTLY, REINDEX ... CONCURRENTLY and DETACH PARTITION ..."
                    + " CONCURRENTLY cannot run inside a transaction block: PostgreSQL refuses them (SQLSTATE 25001).",
            "Put the statement in a migration of its own marked -- preflight:no-transaction, without BEGIN/COMMIT"
                    + " around it."),
    CONCURRENT_INDEX_CORRUPTION("concurrent-index-corruption", HAZARD, "14.0-14.3",
            "PostgreSQL 14.0 to 14.3 can build corrupt indexes with CREATE INDEX CONCURRENTLY or REINDEX"
                    + " CONCURRENTLY (missing rows), fixed in 14.4.",
            "Upgrade the server to 14.4 or later first (then REINDEX the indexes built concurrently on 14.0-14.3)."),
    VOLATILE_DEFAULT("volatile-default", HAZARD, "11+",
            "Since PostgreSQL 11 ADD COLUMN with a constant or stable default (a literal, now(), current_timestamp)"
                    + " only changes the catalog, but a volatile default (random(), gen_random_uuid(),"
                    + " clock_timestamp(), nextval(), a serial or identity column, a function declared VOLATILE -"
                    + " the default for CREATE FUNCTION) is computed for every row: the table is rewritten under an"
                    + " ACCESS EXCLUSIVE lock that blocks reads and writes.",
            "Add the column without a default (or with a constant one), then ALTER COLUMN ... SET DEFAULT for new"
                    + " rows, and backfill existing rows in batches in a later migration."),
    GENERATED_STORED_COLUMN("generated-stored-column", HAZARD, "12+",
            "ADD COLUMN ... GENERATED ALWAYS AS (...) STORED computes the value for every row: the table is rewritten"
                    + " under an ACCESS EXCLUSIVE lock that blocks reads and writes.",
            "Add a plain column, fill it for new rows with a trigger, backfill old rows in batches; or compute the"
                    + " value in a view or in queries."),
    NOT_NULL_WITHOUT_DEFAULT("not-null-without-default", HAZARD, "all",
            "ADD COLUMN ... NOT NULL without a DEFAULT fails on a table that has rows, and once added, every INSERT"
                    + " of the release still running (which does not know the column) fails.",
            "Add the column nullable (or NOT NULL with a constant DEFAULT, catalog-only since 11), backfill, then"
                    + " add NOT NULL with a validated CHECK (col IS NOT NULL) in a later migration."),
    JSON_COLUMN("json-column", HAZARD, "all",
            "The json type has no equality operator: SELECT DISTINCT, UNION and GROUP BY over the table's rows fail"
                    + " in the release still running as soon as the column exists.",
            "Use jsonb."),
    SET_NOT_NULL("set-not-null", HAZARD, "all (the scan is skipped from 12)",
            "SET NOT NULL scans the whole table for nulls while holding an ACCESS EXCLUSIVE lock that blocks reads"
                    + " and writes.",
            "ADD CONSTRAINT c CHECK (col IS NOT NULL) NOT VALID; VALIDATE CONSTRAINT c in a separate transaction;"
                    + " then SET NOT NULL (PostgreSQL 12+ skips the scan thanks to the validated check) and DROP"
                    + " CONSTRAINT c."),
    DROP_NOT_NULL("drop-not-null", HAZARD, "all",
            "After DROP NOT NULL the column may hold nulls, which the release still running does not expect (a"
                    + " null where its code assumes a value).",
            "Release code that copes with nulls first, then drop NOT NULL in a later migration."),
    COLUMN_TYPE_CHANGE("column-type-change", HAZARD, "all",
            "Changing a column's type rewrites the table and rebuilds its indexes under an ACCESS EXCLUSIVE lock (only"
                    + " binary-compatible changes skip it: varchar(n) to a longer varchar or text, numeric to a wider"
                    + " precision, cidr to inet).",
            "Add a column of the new type, write both, backfill in batches, switch reads to it, and drop the old"
                    + " column in a later release."),
    CONSTRAINT_NOT_VALID("constraint-not-valid", HAZARD, "all",
            "Adding a FOREIGN KEY or CHECK constraint checks every existing row while holding a lock that blocks"
                    + " writes (ACCESS EXCLUSIVE for a check; SHARE ROW EXCLUSIVE on both tables for a foreign key);"
                    + " a REFERENCES or CHECK written inside ADD COLUMN does the same and cannot be NOT VALID.",
            "ADD CONSTRAINT ... NOT VALID (instant, new rows are checked), then ALTER TABLE ... VALIDATE CONSTRAINT"
                    + " in a separate transaction: it only takes SHARE UPDATE EXCLUSIVE, so reads and writes go on."),
    VALIDATE_SAME_TRANSACTION("validate-same-transaction", HAZARD, "all",
            "VALIDATE CONSTRAINT scans the table; in a transaction that already holds a lock blocking writes (its"
                    + " own ADD CONSTRAINT ... NOT VALID, or any ALTER TABLE before it), that lock is held for the"
                    + " whole scan, so NOT VALID gains nothing.",
            "Validate in a later migration, or in a migration that runs outside a transaction"
                    + " (-- preflight:no-transaction)."),
    UNIQUE_WITHOUT_INDEX("unique-without-index", HAZARD, "all",
            "ADD UNIQUE or ADD PRIMARY KEY (also written inline in ADD COLUMN) builds its index while holding an"
                    + " ACCESS EXCLUSIVE lock on the table, blocking reads and writes for the whole build.",
            "CREATE UNIQUE INDEX CONCURRENTLY i ON t (c) in a non-transactional migration, then ALTER TABLE t ADD"
                    + " CONSTRAINT c UNIQUE USING INDEX i (or PRIMARY KEY USING INDEX i)."),
    EXCLUSION_CONSTRAINT("exclusion-constraint", HAZARD, "all",
            "ADD ... EXCLUDE builds its index and checks every row under an ACCESS EXCLUSIVE lock; exclusion"
                    + " constraints cannot be added NOT VALID.",
            "Add it when the table is created, or in a maintenance window; there is no online way."),
    DROP_OR_RENAME("drop-or-rename", HAZARD, "all",
            "The previous version of the application keeps running during a rolling deploy and still uses the old"
                    + " column, table, view or schema: its queries fail as soon as this migration commits.",
            "Expand and contract: release code that no longer uses the object first, then drop it in a later"
                    + " migration; for a rename, add the new one, write both, backfill, switch reads, then drop the"
                    + " old one."),
    DROP_DATABASE("drop-database", HAZARD, "all",
            "DROP DATABASE deletes every table and row of a database at once and cannot be rolled back.",
            "Drop databases by hand, never from a migration."),
    DROP_CASCADE("drop-cascade", HAZARD, "all",
            "DROP ... CASCADE also drops every object that depends on this one (views, foreign keys, columns of"
                    + " other tables using a type), which the migration does not name.",
            "Drop the dependent objects by name first (each is then linted on its own), then drop this one without"
                    + " CASCADE."),
    TRUNCATE_CASCADE("truncate-cascade", HAZARD, "all",
            "TRUNCATE ... CASCADE also empties every table that references these through a foreign key, and their"
                    + " referencing tables in turn.",
            "Name every table to empty in the TRUNCATE, without CASCADE."),
    SET_LOGGED_UNLOGGED("set-logged-unlogged", HAZARD, "all",
            "ALTER TABLE ... SET LOGGED / SET UNLOGGED rewrites the whole table under an ACCESS EXCLUSIVE lock.",
            "Create the table with the right persistence; to change it, copy into a new table in batches and switch."),
    SET_TABLESPACE("set-tablespace", HAZARD, "all",
            "ALTER TABLE / INDEX ... SET TABLESPACE copies every block of it under an ACCESS EXCLUSIVE lock.",
            "Move it in a maintenance window, or use a tool that rewrites online (pg_repack --tablespace)."),
    VACUUM_FULL("vacuum-full", HAZARD, "all",
            "VACUUM FULL rewrites the table under an ACCESS EXCLUSIVE lock that blocks reads and writes until it"
                    + " is done (and cannot run inside a transaction).",
            "Plain VACUUM (no lock against reads or writes), or pg_repack / REPACK CONCURRENTLY (PostgreSQL 19+)"
                    + " outside migrations."),
    CLUSTER("cluster", HAZARD, "all",
            "CLUSTER rewrites the table in index order under an ACCESS EXCLUSIVE lock that blocks reads and writes.",
            "pg_repack --order-by, or REPACK CONCURRENTLY (PostgreSQL 19+), outside migrations."),
    ENUM_ADD_VALUE_IN_TRANSACTION("enum-add-value-in-transaction", HAZARD, "12+ (before 12 in any transaction)",
            "A value added with ALTER TYPE ... ADD VALUE cannot be used before its transaction commits: a later"
                    + " statement of the same transaction that uses it fails (ERROR: unsafe use of new value)."
                    + " ADD VALUE alone in its migration is fine from PostgreSQL 12.",
            "Put ALTER TYPE ... ADD VALUE in a migration of its own, before the migrations that use the value."),
    ENUM_VALUE_RENAME_OR_DROP("enum-value-rename-or-drop", HAZARD, "all",
            "Renaming an enum value (or deleting it from pg_enum by hand) breaks the release still running, which"
                    + " writes and compares the old value; a value deleted while rows use it corrupts them.",
            "Add the new value, release code that writes it, backfill the rows, then stop using the old value;"
                    + " PostgreSQL cannot drop an enum value (recreate the type to get rid of it)."),
    DOMAIN_ADD_CONSTRAINT("domain-add-constraint", HAZARD, "all",
            "ALTER DOMAIN ... ADD CONSTRAINT checks every column of every table that uses the domain while holding a"
                    + " lock that blocks writes to them (VALIDATE on a domain does too).",
            "Put the check on the columns instead: ADD CONSTRAINT ... CHECK (...) NOT VALID, then VALIDATE"
                    + " CONSTRAINT in a separate transaction."),
    TRANSACTION_NESTING("transaction-nesting", HAZARD, "all",
            "Preflight runs a migration and its history row in one transaction: a BEGIN, COMMIT or ROLLBACK of the"
                    + " script's own ends it early (the migration is then recorded apart from its changes), and a"
                    + " BEGIN never committed leaves the connection inside a transaction.",
            "Remove the script's BEGIN/COMMIT; if it must control transactions, mark it -- preflight:no-transaction"
                    + " and pair every BEGIN with a COMMIT."),
    LOCK_TIMEOUT_MISSING("lock-timeout-missing", HAZARD, "all",
            "Without lock_timeout a statement that needs a strong lock (ALTER TABLE, CREATE TRIGGER, CREATE INDEX,"
                    + " DROP ...) queues behind any long transaction on the table, and every query that comes after"
                    + " queues behind it: a short migration stalls the application.",
            "Keep Preflight's lock-timeout on (default 5s: each migration runs with it and is retried), or SET"
                    + " lock_timeout = '5s' at the top of the script; never set it to 0."),
    BACKFILL_WITH_DDL("backfill-with-ddl", HAZARD, "all",
            "An UPDATE or DELETE in the transaction that changed the table's schema keeps the schema change's strong"
                    + " lock (ACCESS EXCLUSIVE for most ALTER TABLE actions) until the whole backfill commits.",
            "Backfill in a later migration or a data migration, outside a transaction, in batches"
                    + " (dev.preflight.backfill.Backfill)."),

    // ---------------------------------------------------------------- conventions (off by default)

    PREFER_BIGINT_OVER_INT("prefer-bigint-over-int", CONVENTION, "all",
            "A 32-bit integer column (int, integer, int4, serial) runs out at 2,147,483,647; widening it later is a"
                    + " table rewrite.",
            "bigint (or bigint GENERATED ... AS IDENTITY for keys)."),
    PREFER_BIGINT_OVER_SMALLINT("prefer-bigint-over-smallint", CONVENTION, "all",
            "A 16-bit integer column (smallint, int2, smallserial) runs out at 32,767; widening it later is a table"
                    + " rewrite.",
            "bigint."),
    PREFER_IDENTITY("prefer-identity", CONVENTION, "10+",
            "serial columns own a separate sequence whose permissions, ownership and dumps are managed apart from"
                    + " the table.",
            "bigint GENERATED BY DEFAULT AS IDENTITY (or ALWAYS)."),
    PREFER_TEXT_FIELD("prefer-text-field", CONVENTION, "all",
            "varchar(n) has no speed advantage over text, and raising n later may need an ACCESS EXCLUSIVE lock"
                    + " (and a rewrite when the type changes otherwise).",
            "text, with a CHECK (length(col) <= n) constraint when a limit matters (added NOT VALID later)."),
    PREFER_TIMESTAMPTZ("prefer-timestamptz", CONVENTION, "all",
            "timestamp (without time zone) drops the UTC offset: the same instant written from two time zones is"
                    + " stored as two different values.",
            "timestamptz (timestamp with time zone)."),
    BAN_CHAR_FIELD("ban-char-field", CONVENTION, "all",
            "char(n) pads values with spaces, compares them in surprising ways and is no faster than text.",
            "text (or varchar)."),
    PREFER_ROBUST_STMTS("prefer-robust-stmts", CONVENTION, "all",
            "A migration that runs outside a transaction and fails part way has applied its first statements: run"
                    + " again (after repair), CREATE/ADD without IF NOT EXISTS and DROP without IF EXISTS fail on them.",
            "IF NOT EXISTS on CREATE TABLE / CREATE INDEX / ADD COLUMN, IF EXISTS on DROP, so the script can run"
                    + " twice."),
    IDENTIFIER_TOO_LONG("identifier-too-long", CONVENTION, "all",
            "PostgreSQL truncates identifiers to 63 bytes without an error: two long names can become the same name,"
                    + " and code using the full name does not find the object.",
            "A name of at most 63 bytes (UTF-8)."),
    STATEMENT_TIMEOUT_MISSING("statement-timeout-missing", CONVENTION, "all",
            "Without statement_timeout a slow statement holding a strong lock (a rewrite, a scan) has no bound.",
            "SET statement_timeout = '...' at the top of the script (long enough for the work, e.g. index builds)."),
    ENUM_VALUE_ORDERING("enum-value-ordering", CONVENTION, "all",
            "ADD VALUE without BEFORE or AFTER appends the value at the end, which decides how ORDER BY and"
                    + " comparisons sort it.",
            "ALTER TYPE ... ADD VALUE 'x' BEFORE 'y' (or AFTER 'z')."),
    DOMAIN_WITH_CONSTRAINT("domain-with-constraint", CONVENTION, "all",
            "Constraints on a domain cannot be changed online later: adding or validating one locks every table"
                    + " using the domain.",
            "A domain without constraints, and CHECK constraints on the columns."),
    DUPLICATE_COLUMN("duplicate-column", CONVENTION, "all",
            "A column listed twice (in CREATE TABLE, an INSERT column list or an UPDATE SET) is a mistake PostgreSQL"
                    + " refuses when the migration runs.",
            "Name each column once."),
    WIDE_INDEX("wide-index", CONVENTION, "all",
            "A non-unique index over more than three columns is rarely used beyond its first columns and costs"
                    + " every write.",
            "Index the (at most three) columns queries filter on; check with EXPLAIN."),
    REQUIRE_TABLE_SCHEMA("require-table-schema", CONVENTION, "all",
            "An unqualified table name depends on search_path, which can differ between sessions and environments.",
            "Qualify the name: public.users.");

    private final String id;
    private final Category category;
    private final String versions;
    private final String why;
    private final String safePattern;

    Rule(String id, Category category, String versions, String why, String safePattern) {
        this.id = id;
        this.category = category;
        this.versions = versions;
        this.why = why;
        this.safePattern = safePattern;
    }

    /** The id written in findings and in {@code -- preflight:allow <id>}, e.g. {@code set-not-null}. */
    public String id() {
        return id;
    }

    /** Hazard (on by default) or convention (off by default). */
    public Category category() {
        return category;
    }

    /** The PostgreSQL major versions the rule applies to, e.g. {@code all}, {@code 12+} or {@code 14.0-14.3}. */
    public String versions() {
        return versions;
    }

    /** Why the statement is a problem. */
    public String why() {
        return why;
    }

    /** How to reach the same schema without the problem. */
    public String safePattern() {
        return safePattern;
    }

    /** The rule with this id, if any. */
    public static Optional<Rule> byId(String id) {
        return Arrays.stream(values()).filter(r -> r.id.equals(id)).findFirst();
    }

    /** The rules of one category, in documentation order. */
    public static List<Rule> of(Category category) {
        return Arrays.stream(values()).filter(r -> r.category == category).toList();
    }
}
