package dev.preflight.engine;

import dev.preflight.ConfigException;
import dev.preflight.Kind;
import dev.preflight.MigrationException;
import dev.preflight.Version;
import dev.preflight.db.HistoryRow;
import dev.preflight.source.Migration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The commands that change the history table by hand rather than by running migrations: {@code baseline} for a
 * database Preflight has not migrated yet, and {@code repair} for one whose history needs mending: every failed or
 * interrupted row removed and changed checksums accepted, or one failed or interrupted non-transactional migration
 * recorded as applied (its rest was completed by hand) or removed (what it applied was undone; it runs again).
 *
 * <pre>{@code
 * new Repairs(access).repair();             // drops failed rows, accepts changed checksums
 * new Repairs(access).markApplied("3");     // migration 3 was finished by hand
 * }</pre>
 */
final class Repairs {

    private static final Logger LOG = LoggerFactory.getLogger(Repairs.class);

    private final RepoAccess access;

    Repairs(RepoAccess access) {
        this.access = access;
    }

    void baseline(String version) {
        Version v = parse(version);
        access.withConnection(work -> access.underLock(lockConnection -> {
            List<HistoryRow> rows = access.table.read(work);
            List<HistoryRow> schemaRows = rows.stream()
                    .filter(r -> r.kind() == Kind.SCHEMA || r.kind() == Kind.BASELINE).toList();
            if (!schemaRows.isEmpty()) {
                throw new MigrationException("repo " + access.repo.name() + " already has " + schemaRows.size()
                        + " schema row(s) in " + access.table.qualifiedName() + "; baseline is only for a database "
                        + "Preflight has not migrated yet.");
            }
            access.table.createOrUpgrade(work, false);
            access.table.insert(work, v, "<< baseline >>", Kind.BASELINE, null, 0, true);
            LOG.info("baseline {}: migrations up to {} count as applied", access.repo.name(), version);
            return null;
        }));
    }

    /** Drops failed and interrupted rows and re-aligns checksums with the files; returns what it did. */
    List<String> repair() {
        List<Migration> schemaFiles = access.files(Kind.SCHEMA);
        List<Migration> dataFiles = access.files(Kind.DATA);
        return access.withConnection(work -> access.underLock(lockConnection -> {
            List<HistoryRow> rows = access.table.read(work);
            refuseRunning(rows.stream().filter(HistoryRow::runningNow).toList());
            List<String> actions = new ArrayList<>();
            for (History h : List.of(new History(Kind.SCHEMA, schemaFiles, rows),
                    new History(Kind.DATA, dataFiles, rows))) {
                for (HistoryRow r : h.unfinished()) {
                    actions.add("removed the " + (r.interrupted() ? "interrupted" : "failed") + " row of "
                            + r.kind().code() + " migration " + r.id() + " " + r.name() + ": it counts as not applied");
                }
                for (History.Drift d : h.drifted()) {
                    access.table.updateChecksum(work, d.row().rank(), d.file().checksum());
                    actions.add("accepted the changed file of " + h.kind().code() + " migration " + d.file().id()
                            + " (" + d.file().origin() + ")");
                }
            }
            if (rows.stream().anyMatch(r -> !r.success())) {
                access.table.deleteUnsuccessful(work);
            }
            actions.forEach(a -> LOG.info("repair {}: {}", access.repo.name(), a));
            return actions;
        }));
    }

    /**
     * Records the failed or interrupted non-transactional migration {@code id} as applied: its remaining statements
     * were run by hand (for a down script: what it undid was redone).
     */
    List<String> markApplied(String id) {
        return mend(id, true);
    }

    /**
     * Removes the row of the failed or interrupted non-transactional migration {@code id}: what it applied was undone
     * by hand (for a down script: the revert was finished), so it counts as not applied and migrate runs it again.
     */
    List<String> remove(String id) {
        return mend(id, false);
    }

    /**
     * Refuses {@code id} now, without the lock, when no failed or interrupted migration has it: for surfaces that
     * mend it later (a JMX job) and must refuse a wrong version at once. {@link #mend} checks again under the lock.
     */
    void checkMend(String id) {
        Version version = id.startsWith("R__") ? null : parse(id);
        access.withConnection(work -> unfinished(access.table.read(work), id, version));
    }

    private List<String> mend(String id, boolean applied) {
        Version version = id.startsWith("R__") ? null : parse(id);
        return access.withConnection(work -> access.underLock(lockConnection -> {
            List<HistoryRow> rows = access.table.read(work);
            List<HistoryRow> unfinished = unfinished(rows, id, version);
            refuseRunning(unfinished.stream().filter(HistoryRow::runningNow).toList());
            if (unfinished.stream().map(HistoryRow::kind).distinct().count() > 1) {
                throw new ConfigException("version " + id + " is unfinished both as a schema and as a data migration;"
                        + " mend the rows of " + access.table.qualifiedName() + " by hand.");
            }
            List<String> actions = new ArrayList<>();
            for (HistoryRow r : unfinished) {
                if (applied) {
                    access.table.markApplied(work, r.rank(), r.executionMs());
                    actions.add("recorded " + r.kind().code() + " migration " + r.id() + " " + r.name()
                            + " as applied");
                } else {
                    access.table.delete(work, r.rank());
                    actions.add("removed the " + (r.interrupted() ? "interrupted" : "failed") + " row of "
                            + r.kind().code() + " migration " + r.id() + " " + r.name()
                            + ": it counts as not applied, and migrate runs it again from its first statement");
                }
            }
            actions.forEach(a -> LOG.info("repair {}: {}", access.repo.name(), a));
            return actions;
        }));
    }

    /** The unfinished rows of {@code id} that no later success replaced; a ConfigException when there are none. */
    private List<HistoryRow> unfinished(List<HistoryRow> rows, String id, Version version) {
        List<HistoryRow> unfinished = rows.stream().filter(r -> !r.success() && r.state() != HistoryRow.State.APPLIED)
                .filter(r -> version != null ? version.equals(r.version()) : r.version() == null
                        && id.equals("R__" + r.name()))
                .filter(r -> rows.stream().noneMatch(later -> later.rank() > r.rank() && later.success()
                        && later.kind() == r.kind() && later.id().equals(r.id())))
                .toList();
        if (unfinished.isEmpty()) {
            throw new ConfigException("no failed or interrupted migration has version " + id + " in "
                    + access.table.qualifiedName() + "; repair --mark-applied and repair --remove mend one that status"
                    + " shows as FAILED or INTERRUPTED.");
        }
        return unfinished;
    }

    private static void refuseRunning(List<HistoryRow> running) {
        if (!running.isEmpty()) {
            throw new MigrationException(running.stream().map(r -> Unfinished.message(r, null))
                    .collect(Collectors.joining("\n")) + "\nNothing was repaired.");
        }
    }

    private static Version parse(String version) {
        try {
            return Version.parse(version);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }
}
