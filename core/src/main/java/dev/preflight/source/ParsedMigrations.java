package dev.preflight.source;

import dev.preflight.Kind;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The migrations one {@link dev.preflight.Preflight} instance has parsed, by file, with what proves a file unchanged
 * without reading it (its {@link Resource#stamp()}: size, last-modified time and file key on a filesystem; size and
 * CRC from the central directory for a jar entry). A repeated {@code status()} (JConsole refreshing the
 * {@code Migrations} attribute) lists the folder and reads only the files whose stamp changed; drift detection stays
 * complete, since an edit changes the stamp (a same-size edit within one tick of the filesystem's clock would not,
 * which is why nothing here outlives the JVM and start-up never trusts it: a new instance starts empty).
 *
 * <pre>{@code
 * ParsedMigrations parsed = new ParsedMigrations();   // one per Preflight instance
 * MigrationFinder.find(locations, Kind.SCHEMA, "main", loader, false, parsed);
 * }</pre>
 *
 * <p>Only files that parsed without a problem are kept: a broken file is read again on every call, so its error
 * is reported as the file is now.
 */
public final class ParsedMigrations {

    private record Entry(Object stamp, Kind kind, Migration migration) {
    }

    @FunctionalInterface
    interface Parser {
        Migration parse(Resource file, Kind kind, Problems problems);
    }

    private final Map<String, Entry> byFile = new ConcurrentHashMap<>();

    /** The file's migration: the one parsed before when its stamp is unchanged, else {@code parser}'s. */
    Migration parse(Resource file, Kind kind, Problems problems, Parser parser) {
        if (file.stamp() == null) {
            return parser.parse(file, kind, problems);
        }
        String key = file.container() + '\n' + file.origin();
        Entry known = byFile.get(key);
        if (known != null && known.kind() == kind && known.stamp().equals(file.stamp())) {
            return known.migration();
        }
        Problems own = new Problems();
        Migration parsed = parser.parse(file, kind, own);
        if (own.isEmpty() && parsed != null) {
            byFile.put(key, new Entry(file.stamp(), kind, parsed));
        } else {
            byFile.remove(key);
        }
        problems.addAll(own);
        return parsed;
    }

    /** How many files are known (for tests). */
    int size() {
        return byFile.size();
    }
}
