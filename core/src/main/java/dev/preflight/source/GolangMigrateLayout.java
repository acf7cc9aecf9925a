package dev.preflight.source;

import dev.preflight.Kind;
import dev.preflight.Version;
import dev.preflight.sql.SqlStatement;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * golang-migrate pairs: {@code <digits>_<name>.up.sql} and an optional {@code <digits>_<name>.down.sql}, paired
 * by version (golang-migrate's {@code source/parse.go} {@code ^([0-9]+)_(.*)\.(down|up)\.(.*)$}, restricted to
 * {@code .sql}; the name may be empty). The version is the number before the first underscore, compared as a number
 * ({@code ParseUint}), so {@code 000001} and 14-digit timestamps both work. A down file without statements is a
 * rollback that changes nothing, as golang-migrate runs it. golang-migrate has no transaction marker;
 * {@code -- preflight:no-transaction} above the first statement of either file runs the migration outside a
 * transaction.
 */
final class GolangMigrateLayout implements Layout, Tool {

    private static final Pattern FILE = Pattern.compile("(\\d+)_(.*)\\.(up|down)\\.sql");

    // ---------------------------------------------------------------- Tool: the rules of the migrations read here

    @Override
    public String name() {
        return "golang-migrate";
    }

    @Override
    public String noTransactionMarker() {
        return null;
    }

    /**
     * golang-migrate has no marker: its PostgreSQL driver sends a file as one query, so a file with its own
     * {@code BEGIN}/{@code COMMIT}, or with a statement PostgreSQL refuses inside a transaction, runs as written.
     */
    @Override
    public boolean runsInTransaction(List<SqlStatement> statements) {
        return statements.stream().noneMatch(s -> s.cannotRunInTransaction() || s.isTransactionControl());
    }

    @Override
    public boolean accepts(Resource file) {
        String name = file.name();
        return (name.endsWith(".up.sql") || name.endsWith(".down.sql")) && FILE.matcher(name).matches();
    }

    @Override
    public String nearMiss(Resource file) {
        String name = file.name();
        if (!name.endsWith(".up.sql") && !name.endsWith(".down.sql")) {
            return null;
        }
        String suffix = name.endsWith(".up.sql") ? ".up.sql" : ".down.sql";
        return NumberedNames.problem(stem(name), suffix);
    }

    private static String stem(String name) {
        return name.substring(0, name.length() - (name.endsWith(".up.sql") ? ".up.sql" : ".down.sql").length());
    }

    @Override
    public List<Migration> read(List<Resource> files, Kind kind, Problems problems) {
        Map<Version, Resource> ups = new LinkedHashMap<>();
        Map<Version, Resource> downs = new LinkedHashMap<>();
        List<Resource> extraUps = new ArrayList<>();
        for (Resource file : files) {
            Matcher m = FILE.matcher(file.name());
            if (!m.matches()) {
                continue;
            }
            Version version = Version.parse(m.group(1));
            if (m.group(3).equals("up")) {
                // Two ups with one version become two migrations, so that the finder's duplicate check names both.
                if (ups.putIfAbsent(version, file) != null) {
                    extraUps.add(file);
                }
            } else {
                Resource other = downs.putIfAbsent(version, file);
                if (other != null) {
                    problems.add("Version " + version + " has two down scripts: " + other.origin() + " and " + file.origin()
                            + ": keep one of them");
                }
            }
        }
        for (Map.Entry<Version, Resource> down : downs.entrySet()) {
            if (!ups.containsKey(down.getKey())) {
                Resource file = down.getValue();
                problems.add(file.origin() + " is a down script without an up script: add "
                        + file.name().replace(".down.sql", ".up.sql") + " next to it, or delete it");
            }
        }
        List<Migration> out = new ArrayList<>();
        for (Map.Entry<Version, Resource> up : ups.entrySet()) {
            out.add(migration(up.getValue(), downs.get(up.getKey()), kind));
        }
        for (Resource extra : extraUps) {
            out.add(migration(extra, null, kind));
        }
        return out;
    }

    private Migration migration(Resource upFile, Resource downFile, Kind kind) {
        Matcher m = FILE.matcher(upFile.name());
        m.matches();
        Section down = downFile == null ? null : Section.of(downFile, false);
        return Section.migration(kind, Version.parse(m.group(1)), m.group(2), this, Section.of(upFile, false), down);
    }
}
