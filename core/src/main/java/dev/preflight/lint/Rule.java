package dev.preflight.lint;

import java.util.Arrays;
import java.util.Optional;

/**
 * The hazards the safety lint knows: each with the id a user writes in {@code -- preflight:allow <id>}, why the
 * statement can take an application down, and the safe way to get the same result.
 *
 * <pre>{@code
 * Rule.byId("set-not-null").orElseThrow().why();
 * }</pre>
 */
public enum Rule {

    INDEX_NOT_CONCURRENT("index-not-concurrent",
            "CREATE INDEX without CONCURRENTLY holds a SHARE lock on the table for the whole build:"
                    + " every INSERT, UPDATE and DELETE on it waits until the index is built.",
            "CREATE INDEX CONCURRENTLY in a migration of its own that runs outside a transaction"
                    + " (-- preflight:no-transaction); Preflight drops an INVALID index a failed build left"
                    + " before it tries again."),
    VOLATILE_DEFAULT("volatile-default",
            "Since PostgreSQL 11 ADD COLUMN with a constant or stable default (a literal, now(),"
                    + " current_timestamp) only changes the catalog, but a volatile default (random(),"
                    + " gen_random_uuid(), clock_timestamp(), nextval(), a serial or identity column) is computed"
                    + " for every row: the table is rewritten under an ACCESS EXCLUSIVE lock that blocks reads"
                    + " and writes.",
            "Add the column without a default (or with a constant one), then ALTER COLUMN ... SET DEFAULT for"
                    + " new rows, and backfill existing rows in batches in a later migration."),
    SET_NOT_NULL("set-not-null",
            "SET NOT NULL scans the whole table for nulls while holding an ACCESS EXCLUSIVE lock that blocks"
                    + " reads and writes.",
            "ADD CONSTRAINT c CHECK (col IS NOT NULL) NOT VALID; VALIDATE CONSTRAINT c in a separate"
                    + " transaction; then SET NOT NULL (PostgreSQL 12+ skips the scan thanks to the validated"
                    + " check) and DROP CONSTRAINT c."),
    COLUMN_TYPE_CHANGE("column-type-change",
            "Changing a column's type rewrites the table and rebuilds its indexes under an ACCESS EXCLUSIVE"
                    + " lock (only a few binary-compatible changes, such as varchar(n) to text, skip it).",
            "Add a column of the new type, write both, backfill in batches, switch reads to it, and drop the"
                    + " old column in a later release."),
    CONSTRAINT_NOT_VALID("constraint-not-valid",
            "Adding a FOREIGN KEY or CHECK constraint checks every existing row while holding a lock that"
                    + " blocks writes (ACCESS EXCLUSIVE for a check; SHARE ROW EXCLUSIVE on both tables for a"
                    + " foreign key).",
            "ADD CONSTRAINT ... NOT VALID (instant, new rows are checked), then ALTER TABLE ... VALIDATE"
                    + " CONSTRAINT in a separate transaction: it only takes SHARE UPDATE EXCLUSIVE, so reads and"
                    + " writes go on."),
    VALIDATE_SAME_TRANSACTION("validate-same-transaction",
            "VALIDATE CONSTRAINT in the same transaction as its ADD CONSTRAINT ... NOT VALID scans the table"
                    + " while the ADD's strong lock is still held, so NOT VALID gains nothing.",
            "Validate in a later migration, or in a migration that runs outside a transaction"
                    + " (-- preflight:no-transaction)."),
    DROP_OR_RENAME("drop-or-rename",
            "The previous version of the application keeps running during a rolling deploy and still uses"
                    + " the old column or table: its queries fail as soon as this migration commits.",
            "Expand and contract: release code that no longer uses the column or table first, then drop it"
                    + " in a later migration; for a rename, add the new one, write both, backfill, switch reads,"
                    + " then drop the old one."),
    UNIQUE_WITHOUT_INDEX("unique-without-index",
            "ADD UNIQUE or ADD PRIMARY KEY builds its index while holding an ACCESS EXCLUSIVE lock on the"
                    + " table, blocking reads and writes for the whole build.",
            "CREATE UNIQUE INDEX CONCURRENTLY i ON t (c) in a non-transactional migration, then ALTER TABLE t"
                    + " ADD CONSTRAINT c UNIQUE USING INDEX i (or PRIMARY KEY USING INDEX i)."),
    ENUM_ADD_VALUE_IN_TRANSACTION("enum-add-value-in-transaction",
            "Inside a transaction a new enum value cannot be used before the transaction commits (ERROR:"
                    + " unsafe use of new value), and before PostgreSQL 12 ALTER TYPE ... ADD VALUE cannot run in"
                    + " a transaction at all.",
            "Put ALTER TYPE ... ADD VALUE in a migration of its own that runs outside a transaction"
                    + " (-- preflight:no-transaction), before the migrations that use the value."),
    CONCURRENTLY_IN_TRANSACTION("concurrently-in-transaction",
            "CREATE INDEX CONCURRENTLY, DROP INDEX CONCURRENTLY and REINDEX ... CONCURRENTLY cannot run inside"
                    + " a transaction block: PostgreSQL refuses them (SQLSTATE 25001).",
            "Put the statement in a migration of its own marked -- preflight:no-transaction, without"
                    + " BEGIN/COMMIT around it.");

    private final String id;
    private final String why;
    private final String safePattern;

    Rule(String id, String why, String safePattern) {
        this.id = id;
        this.why = why;
        this.safePattern = safePattern;
    }

    /** The id written in findings and in {@code -- preflight:allow <id>}, e.g. {@code set-not-null}. */
    public String id() {
        return id;
    }

    /** Why the statement is dangerous on a busy table. */
    public String why() {
        return why;
    }

    /** How to reach the same schema without the hazard. */
    public String safePattern() {
        return safePattern;
    }

    /** The rule with this id, if any. */
    public static Optional<Rule> byId(String id) {
        return Arrays.stream(values()).filter(r -> r.id.equals(id)).findFirst();
    }
}
