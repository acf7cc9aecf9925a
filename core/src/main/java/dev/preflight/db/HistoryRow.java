package dev.preflight.db;

import dev.preflight.Kind;
import dev.preflight.Version;

import java.time.Instant;

/**
 * One row of the history table. {@code version} is null for repeatable migrations.
 *
 * @param success true for an applied migration (or baseline); false for one that failed, is running or was
 *                interrupted (what releases before the {@code state} column read)
 * @param state   what became of the migration; rows of older releases have none, it is read from {@code success}
 * @param progress where a non-transactional migration got to; null for every other row
 */
public record HistoryRow(long rank, Version version, String name, Kind kind, String checksum, String installedBy,
                         Instant installedAt, int executionMs, boolean success, State state, Progress progress) {

    /** A row as releases before the {@code state} column wrote it. */
    public HistoryRow(long rank, Version version, String name, Kind kind, String checksum, String installedBy,
                      Instant installedAt, int executionMs, boolean success) {
        this(rank, version, name, kind, checksum, installedBy, installedAt, executionMs, success,
                success ? State.APPLIED : State.FAILED, null);
    }

    /** The {@code state} column's values. */
    public enum State {
        /** Applied (or a baseline). */
        APPLIED("applied"),
        /** A non-transactional migration stopped by an error after some of its statements were applied. */
        FAILED("failed"),
        /** A non-transactional migration running, or interrupted when its session is gone. */
        RUNNING("running"),
        /** The down script of a non-transactional migration running, or interrupted. */
        REVERTING("reverting"),
        /** The down script of a non-transactional migration stopped by an error after some of it was applied. */
        REVERT_FAILED("revert-failed");

        private final String code;

        State(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }

        /** The state named {@code code}; null (a row of an older release) reads as {@code success} says. */
        static State of(String code, boolean success) {
            for (State state : values()) {
                if (state.code.equals(code)) {
                    return state;
                }
            }
            return success ? APPLIED : FAILED;
        }
    }

    /**
     * Where a non-transactional migration got to.
     *
     * @param statement  the 1-based statement that was running (or failed); 0 when not known (a Java migration)
     * @param statements how many statements its script has; 0 for a Java migration
     * @param client     the process that ran it, e.g. {@code pid 4242 on app-7f9c}
     * @param backendPid the database session that ran it
     * @param sessionAlive true while that session (same pid, same start) still exists
     */
    public record Progress(int statement, int statements, String client, int backendPid, boolean sessionAlive) {
    }

    /** This row with {@code version} instead (equal to its own, as the file that row was written for has it). */
    public HistoryRow withVersion(Version version) {
        return new HistoryRow(rank, version, name, kind, checksum, installedBy, installedAt, executionMs, success, state,
                progress);
    }

    /** The identifier users see: the version, or {@code R__name} for a repeatable migration. */
    public String id() {
        return version != null ? version.normalized() : "R__" + name;
    }

    /** A running or reverting migration whose session is gone: its process was killed or lost its connection. */
    public boolean interrupted() {
        return (state == State.RUNNING || state == State.REVERTING) && (progress == null || !progress.sessionAlive());
    }

    /** A running or reverting migration whose session is still there (its statement may still be executing). */
    public boolean runningNow() {
        return (state == State.RUNNING || state == State.REVERTING) && progress != null && progress.sessionAlive();
    }
}
