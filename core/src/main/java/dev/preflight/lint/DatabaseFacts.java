package dev.preflight.lint;

import java.sql.Connection;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What the lint may ask the database when one is at hand (before {@code migrate} and {@code rollback}): the server
 * version, the schema unqualified names land in, and whether a function is volatile ({@code pg_proc.provolatile}).
 * Offline ({@code lint}, {@code lint <file>}) nothing is known: unqualified names are taken to be in {@code public},
 * and a default calling a function that is not a known built-in is reported as possibly volatile.
 *
 * <pre>{@code
 * DatabaseFacts facts = DatabaseFacts.of(connection);   // asks lazily, each question once
 * facts.isVolatile(null, "my_default_token");            // Optional[true] when declared VOLATILE
 * }</pre>
 */
public interface DatabaseFacts {

    /** {@code server_version_num}, e.g. 150004 for 15.4; empty offline. */
    OptionalInt serverVersionNum();

    /** The schema an unqualified name resolves to when nothing else says so: {@code current_schema()}. */
    String defaultSchema();

    /**
     * Whether every function of that name visible on the search path (or in {@code schema}) is declared VOLATILE
     * or any is; empty when unknown (offline, or no such function yet).
     */
    Optional<Boolean> isVolatile(String schema, String function);

    /** Nothing is known: the lint without a database. */
    static DatabaseFacts offline() {
        return Offline.INSTANCE;
    }

    /** Facts read from {@code connection} on first use; the connection stays the caller's. */
    static DatabaseFacts of(Connection connection) {
        return new CatalogFacts(connection);
    }

    /** The facts of no database. */
    enum Offline implements DatabaseFacts {
        INSTANCE;

        @Override
        public OptionalInt serverVersionNum() {
            return OptionalInt.empty();
        }

        @Override
        public String defaultSchema() {
            return "public";
        }

        @Override
        public Optional<Boolean> isVolatile(String schema, String function) {
            return Optional.empty();
        }
    }
}
