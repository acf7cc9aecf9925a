package dev.preflight.db;

import dev.preflight.Kind;
import dev.preflight.Version;

import java.time.Instant;

/** One row of the history table. {@code version} is null for repeatable migrations. */
public record HistoryRow(long rank, Version version, String name, Kind kind, String checksum, String installedBy,
                         Instant installedAt, int executionMs, boolean success) {
}
