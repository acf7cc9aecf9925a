package dev.preflight.source;

import dev.preflight.sql.SqlStatement;

import java.util.List;

/**
 * The migration tool whose layout a {@link Migration} was read in, with the rules that tool decides and the engine
 * follows without knowing which tool it is: whether a migration its markers leave transactional still runs outside
 * a transaction, how a user marks one non-transactional, and how its versions are ordered. Each layout supplies its
 * own (dbmate, goose and sql-migrate markers, golang-migrate pairs, Diesel folders, Flyway names, Java classes), so no
 * code outside this package names a tool.
 *
 * <pre>{@code
 * Tool tool = migration.tool();
 * tool.name();                 // "dbmate"
 * tool.noTransactionMarker();  // "`-- migrate:up transaction:false`"
 * }</pre>
 */
public interface Tool {

    /** The tool's name, for messages: {@code dbmate}, {@code goose}, {@code sql-migrate}, {@code golang-migrate}, ... */
    String name();

    /**
     * How a user marks one of this tool's migrations non-transactional, as an error message shows it (e.g.
     * {@code `-- migrate:up transaction:false`}), or null when the tool has no marker of its own.
     */
    String noTransactionMarker();

    /**
     * Whether a migration that its markers leave transactional runs inside a transaction, given its statements.
     * Most tools say yes; golang-migrate sends a file with its own {@code BEGIN}/{@code COMMIT} or a statement
     * PostgreSQL refuses in a transaction as it is written; Flyway runs a script made only of such statements
     * outside a transaction.
     */
    default boolean runsInTransaction(List<SqlStatement> statements) {
        return true;
    }

    /**
     * True when the tool finds statements that cannot run in a transaction by itself (Flyway): then a script that
     * mixes them with statements that need a transaction is refused as that tool refuses it, and the advice is to
     * split the script rather than to add a marker.
     */
    default boolean detectsNonTransactionalStatements() {
        return false;
    }

    /** How this tool orders versions. */
    default VersionOrder versionOrder() {
        return VersionOrder.NUMERIC;
    }
}
