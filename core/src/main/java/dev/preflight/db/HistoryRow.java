package dev.preflight.db;

import dev.preflight.Kind;
import dev.preflight.Version;

import java.time.Instant;

/** One row of the history table. {@code version} is null for repeatable migrations. */
public record HistoryRow(long rank, Version version, String name, Kind kind, String checksum, String installedBy,
                         Instant installedAt, int executionMs, boolean success) {

    /** This row with {@code version} instead (equal to its own, as the file that row was written for has it). */
    public HistoryRow withVersion(Version version) {
        return new HistoryRow(rank, version, name, kind, checksum, installedBy, installedAt, executionMs, success);
    }
}
