package dev.preflight.source;

import dev.preflight.Kind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads the migrations of one repository from its locations, with every layout, and from
 * {@link dev.preflight.JavaMigration} services. This is the only entry point the engine uses.
 *
 * <pre>{@code
 * List<Migration> all = MigrationFinder.find(List.of("classpath:db/migrations"), Kind.SCHEMA, "main", loader, false);
 * }</pre>
 *
 * <p>Every file under a location is offered to each layout in turn (Flyway names, Diesel folders, golang-migrate
 * pairs, single files with dbmate, goose or sql-migrate markers); the layouts may be mixed in one folder. A file no
 * layout takes is either a near miss (an error with a suggested name) or unrelated (listed in one warning, or
 * an error with {@code strict}). All problems are reported together in one exception.
 *
 * <p>Order: as the migrations' tool orders them ({@link VersionOrder#of}): Diesel's versions as text when every
 * versioned migration is a Diesel folder, else as numbers. A mix that would run two Diesel folders in another order
 * than Diesel does is refused.
 */
public final class MigrationFinder {

    private static final Logger LOG = LoggerFactory.getLogger(MigrationFinder.class);

    /** Every file layout; the order only decides which near-miss advice is given first. */
    static final List<Layout> LAYOUTS = List.of(
            new FlywayLayout(), new DieselLayout(), new GolangMigrateLayout(), new SingleFileLayout());


    private MigrationFinder() {
    }

    /**
     * @param locations location strings as configured ({@code filesystem:db/migrations},
     *                  {@code classpath:db/migrations}, or a bare path = filesystem; see {@link Locations})
     * @param kind {@link Kind#SCHEMA} (versioned and repeatable migrations) or {@link Kind#DATA}
     * @param repo the repository name, to pick the Java migrations that belong to it
     * @param loader where classpath locations and Java migrations are looked up; null for the thread's
     *               context class loader
     * @param strict true to make files that match no layout an error instead of a warning
     * @return versioned migrations in version order, then repeatables by name
     * @throws dev.preflight.MigrationException naming the files for duplicates, a down without an up,
     *         near-miss names (with a suggestion), unreadable locations, or (strict) unmatched files
     */
    public static List<Migration> find(List<String> locations, Kind kind, String repo, ClassLoader loader,
                                       boolean strict) {
        return find(locations, kind, repo, loader, strict, null);
    }

    /**
     * {@link #find(List, Kind, String, ClassLoader, boolean)}, taking the migrations of files unchanged since an
     * earlier call from {@code parsed} (null: read every file).
     */
    public static List<Migration> find(List<String> locations, Kind kind, String repo, ClassLoader loader,
                                       boolean strict, ParsedMigrations parsed) {
        return find(locations, kind, repo, loader, strict, Path.of(""), LOG::warn, parsed);
    }

    /**
     * A digest of the migrations {@link #find} would return, from the files' bytes as stored (a jar entry's CRC from
     * the jar's directory), without parsing them; equal digests mean byte-identical migrations read the same way.
     *
     * @return the digest, or empty when the locations cannot be fingerprinted as they are ({@link #find} then
     *         reports why)
     */
    public static Optional<String> fingerprint(List<String> locations, Kind kind, String repo, ClassLoader loader,
                                               boolean strict) {
        return FileSetFingerprint.of(locations, kind, repo, loader != null ? loader : defaultLoader(), strict);
    }

    /**
     * The migrations among files and folders that need not be configured locations, for the lint of files a pull
     * request adds: a folder is read as a location; a file by the layout its name fits, with the files beside it that
     * share its version (a Diesel file with its migration folder). A {@code .sql} file no layout takes is returned as
     * a plain script. Java migrations are not looked for.
     *
     * @throws dev.preflight.MigrationException for a path that does not exist, and the problems {@link #find} reports
     *         (near-miss names, duplicate versions, broken markers) of the given files
     */
    public static Selection select(List<Path> paths) {
        return LooseFiles.select(paths);
    }

    /**
     * What {@link #select} found: migrations in their tool's version order, and plain SQL files.
     *
     * @param migrations the migrations of the given files and folders
     * @param plain the {@code .sql} files no layout takes, each whole as the up script of a migration without a
     *              version, run as written when it has its own {@code BEGIN}/{@code COMMIT}, a statement PostgreSQL
     *              refuses in a transaction, or {@code -- preflight:no-transaction} above its first statement
     */
    public record Selection(List<Migration> migrations, List<Migration> plain) {
    }

    /** {@link #find(List, Kind, String, ClassLoader, boolean)} with the working directory and the warning sink given. */
    static List<Migration> find(List<String> locations, Kind kind, String repo, ClassLoader loader, boolean strict,
                                Path workingDir, Consumer<String> warnings) {
        return find(locations, kind, repo, loader, strict, workingDir, warnings, null);
    }

    private static List<Migration> find(List<String> locations, Kind kind, String repo, ClassLoader loader,
                                        boolean strict, Path workingDir, Consumer<String> warnings,
                                        ParsedMigrations unchanged) {
        Objects.requireNonNull(locations, "locations");
        Objects.requireNonNull(repo, "repo");
        if (kind != Kind.SCHEMA && kind != Kind.DATA) {
            throw new IllegalArgumentException("Migrations are found for kind SCHEMA or DATA, not " + kind);
        }
        ClassLoader classLoader = loader != null ? loader : defaultLoader();
        Problems problems = new Problems();
        List<String> unmatched = new ArrayList<>();
        List<Migration> found = new ArrayList<>();

        List<Location> parsed = Location.parseAll(locations);
        try (ResourceScanner scanner = new ResourceScanner(classLoader, workingDir)) {
            Map<Layout, List<Resource>> claimed = new LinkedHashMap<>();
            LAYOUTS.forEach(layout -> claimed.put(layout, new ArrayList<>()));
            Map<String, Resource> byOrigin = new HashMap<>();
            for (Location location : parsed) {
                for (Resource file : scanner.scan(location)) {
                    Resource same = byOrigin.putIfAbsent(file.origin(), file);
                    if (same != null) {
                        // Two classpath entries holding one file, or two configured locations that overlap.
                        problems.add(file.origin() + " is found twice, in " + same.container() + " and in "
                                + file.container() + ": remove one of the copies, or one of the overlapping locations");
                        continue;
                    }
                    classify(file, claimed, unmatched, problems);
                }
            }
            for (Map.Entry<Layout, List<Resource>> entry : claimed.entrySet()) {
                if (!entry.getValue().isEmpty()) {
                    found.addAll(entry.getKey().read(entry.getValue(), kind, problems, unchanged));
                }
            }
        }
        found.addAll(JavaMigrations.load(classLoader, repo, kind, problems));
        checkUnique(found, problems);
        VersionOrder order = VersionOrder.of(found);
        checkMixedOrder(found, order, problems);
        if (strict && !unmatched.isEmpty()) {
            problems.add(unmatchedMessage(unmatched) + " Rename or move them; strict mode makes this an error.");
        }
        problems.throwIfAny();
        problems.warnings().forEach(warnings);
        if (!unmatched.isEmpty()) {
            warnings.accept(unmatchedMessage(unmatched) + " They are ignored; with strict=true this is an error.");
        }
        // Versioned migrations in their tool's order, then repeatables by name.
        found.sort(Comparator.comparing(Migration::version, Comparator.nullsLast(order)).thenComparing(Migration::name));
        return List.copyOf(found);
    }

    /**
     * In a mix of layouts versions compare as numbers; refused when that would run a text-ordering tool's migrations
     * (Diesel's) in another order than the tool runs them.
     */
    private static void checkMixedOrder(List<Migration> migrations, VersionOrder order, Problems problems) {
        if (order == VersionOrder.TEXT) {
            return;
        }
        List<Migration> text = migrations.stream()
                .filter(m -> m.version() != null && m.tool().versionOrder() == VersionOrder.TEXT)
                .sorted(Comparator.comparing(Migration::version, VersionOrder.TEXT)).toList();
        for (int i = 1; i < text.size(); i++) {
            Migration before = text.get(i - 1);
            Migration after = text.get(i);
            if (order.compare(before.version(), after.version()) > 0) {
                problems.add(before.tool().name() + " runs " + before.origin() + " before " + after.origin()
                        + " (it compares versions as text), but these migrations mix layouts, so Preflight compares "
                        + "versions as numbers and would run them the other way round. Keep " + before.tool().name()
                        + " migrations apart from the other layouts' (a location of their own is not enough: a repo's "
                        + "locations are ordered together), or give the two versions one length");
                return;
            }
        }
    }

    static void classify(Resource file, Map<Layout, List<Resource>> claimed, List<String> unmatched,
                                 Problems problems) {
        for (Layout layout : LAYOUTS) {
            if (layout.accepts(file)) {
                claimed.get(layout).add(file);
                return;
            }
        }
        for (Layout layout : LAYOUTS) {
            String problem = layout.nearMiss(file);
            if (problem != null) {
                problems.add(file.origin() + " " + problem);
                return;
            }
        }
        unmatched.add(file.origin());
    }

    private static String unmatchedMessage(List<String> unmatched) {
        return unmatched.size() + (unmatched.size() == 1 ? " file matches" : " files match")
                + " no migration layout: " + String.join(", ", unmatched) + ". Migrations are named V1__name.sql "
                + "(Flyway), 1_name.up.sql (golang-migrate), 1_name.sql with '-- migrate:up' (dbmate, goose, sql-migrate markers) or "
                + "<version>_name/up.sql (Diesel).";
    }

    /**
     * Two migrations with one version (or two repeatables with one name) would make the order ambiguous; except
     * where the tool orders them by file name (sql-migrate's tied versions, which differ by their ties).
     */
    private static void checkUnique(List<Migration> migrations, Problems problems) {
        Map<String, Migration> versions = new HashMap<>();
        Map<String, Migration> repeatables = new HashMap<>();
        for (Migration m : migrations) {
            Migration other;
            if (m.version() == null) {
                other = repeatables.putIfAbsent(m.name(), m);
            } else {
                other = versions.putIfAbsent(m.version().normalized(), m);
                if (other != null && other.version().tie() != null && m.version().tie() != null
                        && !other.version().equals(m.version())) {
                    continue;
                }
            }
            if (other == null) {
                continue;
            }
            if (m.version() != null) {
                String versionText = other.version().toString().equals(m.version().toString())
                        ? m.version().toString() : other.version() + " (= " + m.version() + ")";
                problems.add("Version " + versionText + " is used twice: " + other.origin() + " and " + m.origin()
                        + ": give one of them a new version");
            } else {
                problems.add("Repeatable migration '" + m.name() + "' is defined twice: " + other.origin() + " and "
                        + m.origin() + ": rename or delete one of them");
            }
        }
    }

    private static ClassLoader defaultLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : MigrationFinder.class.getClassLoader();
    }
}
