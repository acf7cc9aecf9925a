package dev.preflight;

import java.util.Locale;

/** What a migration, or a row of the history table, is. Stored in lower case in the {@code kind} column. */
public enum Kind {
    /** A versioned schema migration, run at start-up and by {@code migrate}. */
    SCHEMA,
    /** A data migration: its own location and rows, run only by an explicit {@code migrate-data}. */
    DATA,
    /** A Flyway {@code R__} migration: no version, re-run whenever its checksum changes. */
    REPEATABLE,
    /** The row written by {@code baseline}: every schema migration up to its version counts as applied. */
    BASELINE;

    /** The value stored in the history table. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Kind fromCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
