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

/**
 * The commands that change the history table by hand rather than by running migrations: {@code baseline} for a
 * database Preflight has not migrated yet, and {@code repair} for one whose history needs mending.
 *
 * <pre>{@code
 * new Repairs(access).repair();   // drops failed rows, accepts changed checksums
 * }</pre>
 */
final class Repairs {

    private static final Logger LOG = LoggerFactory.getLogger(Repairs.class);

    private final RepoAccess access;

    Repairs(RepoAccess access) {
        this.access = access;
    }

    void baseline(String version) {
        Version v;
        try {
            v = Version.parse(version);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
        access.withConnection(work -> access.underLock(lockConnection -> {
            List<HistoryRow> rows = access.table.read(work);
            List<HistoryRow> schemaRows = rows.stream()
                    .filter(r -> r.kind() == Kind.SCHEMA || r.kind() == Kind.BASELINE).toList();
            if (!schemaRows.isEmpty()) {
                throw new MigrationException("repo " + access.repo.name() + " already has " + schemaRows.size()
                        + " schema row(s) in " + access.table.qualifiedName() + "; baseline is only for a database "
                        + "Preflight has not migrated yet.");
            }
            access.table.createIfMissing(work);
            access.table.insert(work, v, "<< baseline >>", Kind.BASELINE, null, 0, true);
            LOG.info("baseline {}: migrations up to {} count as applied", access.repo.name(), version);
            return null;
        }));
    }

    /** Drops failed rows and re-aligns checksums with the files; returns what it did. */
    List<String> repair() {
        List<Migration> schemaFiles = access.files(Kind.SCHEMA);
        List<Migration> dataFiles = access.files(Kind.DATA);
        return access.withConnection(work -> access.underLock(lockConnection -> {
            List<HistoryRow> rows = access.table.read(work);
            List<String> actions = new ArrayList<>();
            for (History h : List.of(new History(Kind.SCHEMA, schemaFiles, rows),
                    new History(Kind.DATA, dataFiles, rows))) {
                for (HistoryRow r : h.failed()) {
                    actions.add("removed the failed row of " + r.kind().code() + " migration "
                            + (r.version() == null ? "R__" + r.name() : r.version().normalized()) + " " + r.name());
                }
                for (History.Drift d : h.drifted()) {
                    access.table.updateChecksum(work, d.row().rank(), d.file().checksum());
                    actions.add("accepted the changed file of " + h.kind().code() + " migration " + d.file().id()
                            + " (" + d.file().origin() + ")");
                }
            }
            if (rows.stream().anyMatch(r -> !r.success())) {
                access.table.deleteFailed(work);
            }
            actions.forEach(a -> LOG.info("repair {}: {}", access.repo.name(), a));
            return actions;
        }));
    }
}
