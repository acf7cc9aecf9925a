package dev.preflight;

import java.time.Instant;

/**
 * One line of the status table: a migration known from the files, the history table, or both.
 *
 * @param state up, down (pending), file not found, failed, interrupted, running, baseline, or below the baseline
 * @param version the version as written in the file name (normalised when only the history knows it);
 *                null for a repeatable migration
 * @param name the description
 * @param kind schema, data, repeatable or baseline
 * @param appliedAt when it was applied, or null
 * @param checksumMismatch true when the file changed after it was applied
 * @param origin the file or class, or null when the file is not found
 * @param detail where a failed, interrupted or running non-transactional migration is, e.g.
 *               {@code statement 2 of 3}; else null
 */
public record MigrationStatus(State state, String version, String name, Kind kind, Instant appliedAt,
                              boolean checksumMismatch, String origin, String detail) {

    /** A line without detail. */
    public MigrationStatus(State state, String version, String name, Kind kind, Instant appliedAt,
                           boolean checksumMismatch, String origin) {
        this(state, version, name, kind, appliedAt, checksumMismatch, origin, null);
    }

    /** The states of a migration, with the label the status table shows. */
    public enum State {
        UP("up"),
        DOWN("down"),
        FILE_NOT_FOUND("** FILE NOT FOUND **"),
        FAILED("FAILED"),
        /** A non-transactional migration whose process was killed (or lost its connection) half-way. */
        INTERRUPTED("INTERRUPTED"),
        /** A non-transactional migration running now, in a session that still exists. */
        RUNNING("running"),
        BASELINE("baseline"),
        BELOW_BASELINE("below baseline");

        private final String label;

        State(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** The Migration ID column: the version, or {@code R__name} for a repeatable migration. */
    public String id() {
        return version != null ? version : "R__" + name;
    }

    /** True when this migration counts as applied (up, baseline or covered by the baseline). */
    public boolean isApplied() {
        return state == State.UP || state == State.BASELINE || state == State.BELOW_BASELINE
                || state == State.FILE_NOT_FOUND;
    }
}
