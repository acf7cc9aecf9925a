package dev.preflight.source;

import dev.preflight.Kind;
import dev.preflight.MigrationException;
import dev.preflight.sql.SqlStatement;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Migrations read from files and folders that are not configured locations (see
 * {@link MigrationFinder#select(List)}). A folder is read as a location. A file is read by the layout its name fits,
 * together with the files of its folder that share its version (a golang-migrate or Flyway partner) or, for
 * Diesel's {@code up.sql} / {@code down.sql} / {@code metadata.toml}, its whole migration folder; only the
 * migrations of the given files are kept. A {@code .sql} file no layout takes is returned as a plain script.
 */
final class LooseFiles {

    /**
     * A {@code .sql} file no layout takes: without a tool of its own, it runs as a file sent as one query runs (as
     * golang-migrate's driver sends it), as written when it has its own {@code BEGIN}/{@code COMMIT} or a statement
     * PostgreSQL refuses in a transaction.
     */
    static final Tool PLAIN = new Tool() {
        @Override
        public String name() {
            return "plain SQL";
        }

        @Override
        public String noTransactionMarker() {
            return "`-- preflight:no-transaction`";
        }

        @Override
        public boolean runsInTransaction(List<SqlStatement> statements) {
            return statements.stream().noneMatch(s -> s.cannotRunInTransaction() || s.isTransactionControl());
        }
    };

    private LooseFiles() {
    }

    static MigrationFinder.Selection select(List<Path> paths) {
        List<Migration> migrations = new ArrayList<>();
        List<Migration> plain = new ArrayList<>();
        Problems problems = new Problems();
        Map<Path, Set<String>> filesByFolder = new LinkedHashMap<>();
        try (ResourceScanner scanner = new ResourceScanner(LooseFiles.class.getClassLoader(), Path.of(""))) {
            for (Path path : paths) {
                if (Files.isDirectory(path)) {
                    Location location = Location.parse(Locations.FILESYSTEM_PREFIX + path);
                    read(scanner.scan(location), null, migrations, plain, problems);
                } else if (Files.isRegularFile(path)) {
                    Path folder = path.toAbsolutePath().getParent();
                    filesByFolder.computeIfAbsent(folder, f -> new LinkedHashSet<>()).add(path.toString());
                } else {
                    throw new MigrationException(path + " does not exist: name SQL files or folders of migrations");
                }
            }
        }
        for (Map.Entry<Path, Set<String>> folder : filesByFolder.entrySet()) {
            read(filesOf(folder.getKey(), folder.getValue()), folder.getValue(), migrations, plain, problems);
        }
        problems.throwIfAny();
        // In their tool's order, as the finder orders a location (Diesel's versions as text).
        migrations.sort(Comparator.comparing(Migration::version, Comparator.nullsLast(VersionOrder.of(migrations)))
                .thenComparing(Migration::name));
        return new MigrationFinder.Selection(List.copyOf(migrations), List.copyOf(plain));
    }

    /**
     * Classifies and reads {@code files}; keeps the migrations and plain scripts of {@code wanted} origins (all when
     * null). Near misses are problems only for wanted files: a sibling read for its version is not the user's.
     */
    private static void read(List<Resource> files, Set<String> wanted, List<Migration> migrations,
                             List<Migration> plain, Problems problems) {
        Map<Layout, List<Resource>> claimed = new LinkedHashMap<>();
        MigrationFinder.LAYOUTS.forEach(layout -> claimed.put(layout, new ArrayList<>()));
        List<String> unmatched = new ArrayList<>();
        Problems siblings = new Problems();
        for (Resource file : files) {
            boolean mine = wanted == null || wanted.contains(file.origin());
            MigrationFinder.classify(file, claimed, unmatched, mine ? problems : siblings);
            if (mine && unmatched.contains(file.origin()) && file.name().endsWith(".sql")) {
                String sql = file.read();
                plain.add(Migration.sql(Kind.REPEATABLE, null, file.name(), PLAIN, new Script(file.origin(), sql, 1),
                        null, !SqlText.head(sql).noTransaction()));
            }
        }
        for (Map.Entry<Layout, List<Resource>> entry : claimed.entrySet()) {
            if (entry.getValue().isEmpty()) {
                continue;
            }
            for (Migration m : entry.getKey().read(entry.getValue(), Kind.SCHEMA, problems)) {
                boolean mine = wanted == null || wanted.contains(m.up().origin())
                        || m.down() != null && wanted.contains(m.down().origin());
                if (mine) {
                    migrations.add(m);
                }
            }
        }
    }

    /**
     * The given files of {@code folder} and the files beside them that share a version ({@code 0042_x.up.sql} with
     * {@code 0042_x.down.sql}, {@code V3__x.sql} with {@code U3__x.sql}); a Diesel file brings its whole folder, named
     * {@code <folder>/<file>} as under a location. Origins are the paths as the user gave them.
     */
    private static List<Resource> filesOf(Path folder, Set<String> given) {
        List<Resource> out = new ArrayList<>();
        Set<String> versions = new LinkedHashSet<>();
        for (String file : given) {
            versions.add(versionToken(Path.of(file).getFileName().toString()));
        }
        boolean diesel = given.stream().map(f -> Path.of(f).getFileName().toString())
                .anyMatch(n -> n.equals("up.sql") || n.equals("down.sql") || n.equals("metadata.toml"));
        String prefix = given.iterator().next();
        prefix = prefix.substring(0, prefix.length() - Path.of(prefix).getFileName().toString().length());
        try (Stream<Path> list = Files.list(folder)) {
            for (Path file : list.sorted().toList()) {
                String name = file.getFileName().toString();
                if (!Files.isRegularFile(file) || !(diesel || versions.contains(versionToken(name)))) {
                    continue;
                }
                String relative = diesel ? folder.getFileName() + "/" + name : name;
                out.add(new Resource(relative, prefix + name, folder.toString(), () -> Files.newInputStream(file)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + folder + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** The version part of a file name: up to the first underscore, without Flyway's V/U/R prefix. */
    private static String versionToken(String name) {
        String stem = name.length() > 1 && "VUR".indexOf(name.charAt(0)) >= 0 && Character.isDigit(name.charAt(1))
                ? name.substring(1) : name;
        int underscore = stem.indexOf('_');
        return underscore < 0 ? stem : stem.substring(0, underscore);
    }
}
