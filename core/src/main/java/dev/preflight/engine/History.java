package dev.preflight.engine;

import dev.preflight.Kind;
import dev.preflight.MigrationStatus;
import dev.preflight.MigrationStatus.State;
import dev.preflight.Version;
import dev.preflight.db.HistoryRow;
import dev.preflight.source.Migration;
import dev.preflight.source.VersionOrder;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The migrations of one kind (schema with its repeatables, or data) matched against the rows of the
 * history table that was read once for this command. Pure: no I/O, so every rule is testable alone.
 */
final class History {

    private final Kind kind;
    private final List<Migration> versioned = new ArrayList<>();
    private final List<Migration> repeatables = new ArrayList<>();
    private final Map<Version, Migration> filesByVersion = new HashMap<>();
    private final VersionOrder order;
    private final TreeMap<Version, HistoryRow> applied;
    /**
     * Rows of non-transactional migrations that did not finish (failed, running, interrupted), by {@link #key};
     * a later success of the same one clears it.
     */
    private final Map<String, HistoryRow> unfinished = new LinkedHashMap<>();
    /** Interrupted Java migrations: run again from the start, as before they had a running row. */
    private final List<HistoryRow> restartable = new ArrayList<>();
    private final Map<String, HistoryRow> latestRepeatable = new HashMap<>();
    private HistoryRow baseline;

    /**
     * @param kind SCHEMA (also covers repeatable and baseline rows) or DATA
     * @param files the migrations of that kind, as found
     * @param rows every history row, in installation order
     */
    History(Kind kind, List<Migration> files, List<HistoryRow> rows) {
        this.kind = kind;
        this.order = VersionOrder.of(files);
        this.applied = new TreeMap<>(order);
        for (Migration m : files) {
            if (m.kind() == Kind.REPEATABLE) {
                repeatables.add(m);
            } else {
                versioned.add(m);
                filesByVersion.put(m.version(), m);
            }
        }
        versioned.sort(Comparator.comparing(Migration::version, order));
        Map<String, List<Migration>> byNumber = versioned.stream()
                .collect(Collectors.groupingBy(m -> m.version().normalized()));
        for (HistoryRow stored : rows) {
            HistoryRow row = stored;
            if (row.kind() == kind && row.version() != null) {
                row = row.withVersion(fileVersion(row, byNumber.get(row.version().normalized())));
            }
            if (row.kind() == kind) {
                if (row.success()) {
                    applied.put(row.version(), row);
                    unfinished.remove(key(row));
                } else {
                    unfinished.put(key(row), row);
                }
            } else if (kind == Kind.SCHEMA && row.kind() == Kind.BASELINE && row.success()) {
                baseline = row;
            } else if (kind == Kind.SCHEMA && row.kind() == Kind.REPEATABLE) {
                if (row.success()) {
                    latestRepeatable.put(row.name(), row);
                    unfinished.remove(key(row));
                } else {
                    unfinished.put(key(row), row);
                }
            }
        }
        // A Java migration is one unit that Preflight cannot look into (a Backfill resumes after its last batch):
        // interrupted, it runs again, as it did when a killed run left no row.
        unfinished.values().removeIf(row -> {
            Migration file = row.version() == null ? null : filesByVersion.get(row.version());
            boolean restart = row.state() == HistoryRow.State.RUNNING && row.interrupted() && file != null
                    && file.java() != null;
            if (restart) {
                restartable.add(row);
            }
            return restart;
        });
    }

    /**
     * The version of the file a row was written for, so that rows and files compare alike: the file with its number,
     * or among sql-migrate's files tied on one number the one with the row's name. A row of a tied number whose file
     * is gone keeps its name as tie, apart from the others.
     */
    private static Version fileVersion(HistoryRow row, List<Migration> sameNumber) {
        if (sameNumber == null) {
            return row.version();
        }
        for (Migration m : sameNumber) {
            if (m.version().tie() == null || m.name().equals(row.name())) {
                return m.version();
            }
        }
        return row.version().tiedBy(row.name());
    }

    /** How versions are ordered here, as the migrations' tool orders them. */
    VersionOrder order() {
        return order;
    }

    private static String key(HistoryRow row) {
        return row.version() != null ? key(row.version(), row.name()) : "R__" + row.name();
    }

    /** An unfinished row's key: its version, and for a tied one (several sql-migrate files on one number) its name. */
    private static String key(Version version, String name) {
        return version.tie() == null ? version.normalized() : version.normalized() + " " + name;
    }

    Kind kind() {
        return kind;
    }

    HistoryRow baseline() {
        return baseline;
    }

    /**
     * Rows of non-transactional migrations that did not finish: failed, interrupted (their session is gone), or
     * still running. They block every run of their kind until repaired (or, running, until they end).
     */
    List<HistoryRow> unfinished() {
        return List.copyOf(unfinished.values());
    }

    /** True when a non-transactional migration of this kind is running now, in a session that still exists. */
    boolean runningNow() {
        return unfinished.values().stream().anyMatch(HistoryRow::runningNow);
    }

    /** Interrupted Java migrations that run again ({@link #pending()} lists them). */
    List<HistoryRow> restartable() {
        return List.copyOf(restartable);
    }

    /** The file of an unfinished row, or null when it is gone. */
    Migration file(HistoryRow row) {
        if (row.version() != null) {
            return filesByVersion.get(row.version());
        }
        return repeatables.stream().filter(m -> m.name().equals(row.name())).findFirst().orElse(null);
    }

    /** Applied versioned migrations (baseline excluded), oldest first. */
    List<HistoryRow> applied() {
        return List.copyOf(applied.values());
    }

    Migration file(Version version) {
        return filesByVersion.get(version);
    }

    boolean isApplied(Version version) {
        return applied.containsKey(version) || (baseline != null && order.compare(version, baseline.version()) <= 0);
    }

    /** Whether a migration has this number, as a user gives it (tied versions: any of them). */
    boolean isKnown(Version version) {
        String number = version.normalized();
        return filesByVersion.keySet().stream().anyMatch(v -> v.normalized().equals(number))
                || applied.keySet().stream().anyMatch(v -> v.normalized().equals(number))
                || (baseline != null && baseline.version().normalized().equals(number));
    }

    /** Versioned migrations not applied yet (and not covered by the baseline), oldest first. */
    List<Migration> pending() {
        List<Migration> out = new ArrayList<>();
        for (Migration m : versioned) {
            if (!isApplied(m.version()) && !unfinished.containsKey(key(m.version(), m.name()))) {
                out.add(m);
            }
        }
        return out;
    }

    /** The newest applied version, or the baseline's, or null. */
    Version newestApplied() {
        Version newest = applied.isEmpty() ? null : applied.lastKey();
        if (baseline != null && (newest == null || order.compare(baseline.version(), newest) > 0)) {
            newest = baseline.version();
        }
        return newest;
    }

    /** Repeatable migrations never run, or changed since their last run. */
    List<Migration> repeatablesToRun() {
        List<Migration> out = new ArrayList<>();
        for (Migration m : repeatables) {
            HistoryRow last = latestRepeatable.get(m.name());
            if (last == null || !Objects.equals(last.checksum(), m.checksum())) {
                out.add(m);
            }
        }
        return out;
    }

    /** Applied migrations whose file changed since (checksums known on both sides and different). */
    List<Drift> drifted() {
        List<Drift> out = new ArrayList<>();
        for (HistoryRow row : applied.values()) {
            Migration file = filesByVersion.get(row.version());
            if (file != null && file.checksum() != null && row.checksum() != null
                    && !file.checksum().equals(row.checksum())) {
                out.add(new Drift(file, row));
            }
        }
        return out;
    }

    /** Applied migrations whose file is gone. */
    List<HistoryRow> missing() {
        return applied.values().stream().filter(r -> !filesByVersion.containsKey(r.version())).toList();
    }

    record Drift(Migration file, HistoryRow row) {
    }

    /** The status lines of this kind: versioned by version (baseline in its place), repeatables last. */
    List<MigrationStatus> statuses() {
        TreeMap<Version, MigrationStatus> byVersion = new TreeMap<>(order);
        for (Migration m : versioned) {
            HistoryRow row = applied.get(m.version());
            HistoryRow failedRow = unfinished.get(key(m.version(), m.name()));
            State state;
            if (row != null) {
                state = State.UP;
            } else if (failedRow != null) {
                state = unfinishedState(failedRow);
                row = failedRow;
            } else if (baseline != null && order.compare(m.version(), baseline.version()) <= 0) {
                state = State.BELOW_BASELINE;
            } else {
                state = State.DOWN;
            }
            boolean changed = row != null && row.success() && m.checksum() != null && row.checksum() != null
                    && !m.checksum().equals(row.checksum());
            byVersion.put(m.version(), new MigrationStatus(state, m.version().toString(), m.name(), m.kind(),
                    row == null ? null : row.installedAt(), changed, m.origin(), detail(failedRow)));
        }
        for (Map.Entry<Version, HistoryRow> e : applied.entrySet()) {
            if (!filesByVersion.containsKey(e.getKey())) {
                HistoryRow row = e.getValue();
                byVersion.put(e.getKey(), new MigrationStatus(State.FILE_NOT_FOUND, row.version().normalized(),
                        row.name(), row.kind(), row.installedAt(), false, null));
            }
        }
        for (HistoryRow row : unfinished.values()) {
            if (row.version() != null && !filesByVersion.containsKey(row.version())) {
                byVersion.put(row.version(), new MigrationStatus(unfinishedState(row), row.version().normalized(),
                        row.name(), row.kind(), row.installedAt(), false, null, detail(row)));
            }
        }
        List<MigrationStatus> out = new ArrayList<>();
        boolean baselinePlaced = baseline == null;
        for (Map.Entry<Version, MigrationStatus> e : byVersion.entrySet()) {
            if (!baselinePlaced && order.compare(e.getKey(), baseline.version()) > 0) {
                out.add(baselineStatus());
                baselinePlaced = true;
            }
            out.add(e.getValue());
        }
        if (!baselinePlaced) {
            out.add(baselineStatus());
        }
        for (Migration m : repeatables) {
            HistoryRow last = latestRepeatable.get(m.name());
            boolean current = last != null && Objects.equals(last.checksum(), m.checksum());
            out.add(new MigrationStatus(current ? State.UP : State.DOWN, null, m.name(), Kind.REPEATABLE,
                    last == null ? null : last.installedAt(), false, m.origin()));
        }
        return out;
    }

    private static State unfinishedState(HistoryRow row) {
        if (row.runningNow()) {
            return State.RUNNING;
        }
        return row.interrupted() ? State.INTERRUPTED : State.FAILED;
    }

    /** {@code reverting, statement 2 of 3} for an unfinished row whose statement is known; else null. */
    private static String detail(HistoryRow row) {
        if (row == null || row.progress() == null) {
            return null;
        }
        boolean down = row.state() == HistoryRow.State.REVERTING || row.state() == HistoryRow.State.REVERT_FAILED;
        String at = row.progress().statement() > 0
                ? "statement " + row.progress().statement() + " of " + row.progress().statements() : null;
        return down ? "reverting" + (at == null ? "" : ", " + at) : at;
    }

    private MigrationStatus baselineStatus() {
        return new MigrationStatus(State.BASELINE, baseline.version().normalized(), baseline.name(), Kind.BASELINE,
                baseline.installedAt(), false, null);
    }
}
