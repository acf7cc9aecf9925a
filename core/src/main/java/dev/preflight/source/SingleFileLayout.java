package dev.preflight.source;

import dev.preflight.Kind;
import dev.preflight.Version;
import dev.preflight.sql.CopyRows;
import dev.preflight.source.MarkerLine.Type;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * One file per migration, {@code <digits>...sql}, with the up and the optional down in sections marked by comments
 * in one of three dialects, each read as its own tool reads it:
 * <ul>
 *   <li>dbmate ({@code pkg/dbmate/migration.go}): {@code -- migrate:up} / {@code -- migrate:down}, repeated for
 *       several sections (run here as one migration, with a warning: dbmate fails on them on PostgreSQL);
 *       {@code transaction:false} on a marker runs that direction outside a transaction;</li>
 *   <li>goose ({@code internal/sqlparser/parser.go}): one {@code -- +goose Up}, then one {@code -- +goose Down};
 *       {@code -- +goose NO TRANSACTION} anywhere runs both outside a transaction;</li>
 *   <li>sql-migrate ({@code sqlparse/sqlparse.go}): {@code -- +migrate Up} / {@code -- +migrate Down} in any number
 *       and order, each section's statements appended to its direction; {@code notransaction} on any up (down)
 *       marker runs the whole up (down) outside a transaction.</li>
 * </ul>
 * A direction's script is the text of its sections with the lines of the other sections blanked, so that a line
 * number in an error is the file's. {@code StatementBegin}/{@code StatementEnd} lines stay in the SQL (they are
 * comments, and the splitter needs no help with dollar quotes). A section that is present but holds no statement is
 * a no-op (as the tools run it); a direction without a marker has no script.
 *
 * <p>Versions: the leading digits (dbmate's {@code ^(\d+).*\.sql$}, sql-migrate's {@code ^(\d+).*$}; goose's
 * {@code NumericComponent} also wants a {@code _} after them), compared as numbers. sql-migrate allows one number on
 * several files and runs them by file name ({@code byId}), so its versions are {@link Version#tiedBy tied} by the
 * file name.
 */
final class SingleFileLayout implements Layout {

    /** One marker dialect: the {@link Tool} of a file written in it. */
    record Dialect(String name, String up, String down, String noTransactionMarker) implements Tool {
    }

    static final Dialect DBMATE = new Dialect("dbmate", "-- migrate:up", "-- migrate:down", "`-- migrate:up transaction:false`");
    static final Dialect GOOSE = new Dialect("goose", "-- +goose Up", "-- +goose Down", "`-- +goose NO TRANSACTION`");
    static final Dialect SQL_MIGRATE = new Dialect("sql-migrate", "-- +migrate Up", "-- +migrate Down",
            "`-- +migrate Up notransaction`");

    /** The sections of one direction: line ranges [from, to) of their bodies, and whether a marker asks for no transaction. */
    private static final class Direction {
        final List<int[]> ranges = new ArrayList<>();
        boolean noTransaction;
        int markers;
    }

    @Override
    public boolean accepts(Resource file) {
        String name = file.name();
        return !name.isEmpty() && Character.isDigit(name.charAt(0)) && name.endsWith(".sql")
                && !name.endsWith(".up.sql") && !name.endsWith(".down.sql");
    }

    @Override
    public String nearMiss(Resource file) {
        return null; // every .sql file that starts with a digit is accepted; its name is checked per dialect
    }

    @Override
    public List<Migration> read(List<Resource> files, Kind kind, Problems problems) {
        return read(files, kind, problems, null);
    }

    @Override
    public List<Migration> read(List<Resource> files, Kind kind, Problems problems, ParsedMigrations parsed) {
        // Files are read and parsed in parallel (start-up reads every one, for drift detection); each file's
        // problems are collected on their own and added in file order, so messages come out as before.
        Migration[] migrations = new Migration[files.size()];
        Problems[] found = new Problems[files.size()];
        IntStream.range(0, files.size()).parallel().forEach(i -> {
            Problems own = new Problems();
            migrations[i] = parsed == null ? parse(files.get(i), kind, own)
                    : parsed.parse(files.get(i), kind, own, SingleFileLayout::parse);
            found[i] = own;
        });
        List<Migration> out = new ArrayList<>(files.size());
        for (int i = 0; i < migrations.length; i++) {
            problems.addAll(found[i]);
            if (migrations[i] != null) {
                out.add(migrations[i]);
            }
        }
        warnIfDbmateOrderDiffers(out, problems);
        return out;
    }

    private static Migration parse(Resource file, Kind kind, Problems problems) {
        LargeFileReader.Text read = file.readText();
        String text = read.text();
        int[] starts = lineStarts(text);
        int lines = starts.length - 1;

        Dialect dialect = null;
        Direction up = new Direction();
        Direction down = new Direction();
        Direction open = null;
        int openedAt = -1;
        int firstMarker = -1;
        int dbmateSectionsWithoutDown = 0;
        boolean fileNoTransaction = false;
        for (int i = 0; i < lines; i++) {
            if (!isComment(text, starts[i], starts[i + 1])) {
                continue;
            }
            MarkerLine marker = MarkerLine.read(line(text, starts[i], starts[i + 1]));
            if (marker == null) {
                continue;
            }
            String at = file.origin() + ":" + (i + 1) + ": ";
            if (marker.type() == Type.NO_TRANSACTION) {
                fileNoTransaction = true;
            } else if (marker.type() == Type.ENVSUBST) {
                problems.add(at + "'-- +goose ENVSUB ON' is not supported: Preflight runs the SQL as written, "
                        + "so write the values into the file");
                return null;
            }
            if (marker.type() != Type.UP && marker.type() != Type.DOWN) {
                continue;
            }
            if (dialect != null && dialect != marker.dialect()) {
                problems.add(at + "'" + (marker.type() == Type.UP ? marker.dialect().up : marker.dialect().down)
                        + "' mixes " + marker.dialect().name + " markers into a file that uses " + dialect.name
                        + " markers ('" + dialect.up + "'): use one tool's markers");
                return null;
            }
            dialect = marker.dialect();
            if (!marker.asTool()) {
                problems.warn(at + "'" + text.substring(starts[i], starts[i + 1]).strip() + "' is read as a " + dialect.name
                        + " marker, but " + dialect.name + " itself does not read it so: write it as '"
                        + (marker.type() == Type.UP ? dialect.up : dialect.down) + "' at the start of the line");
            }
            String problem = order(dialect, marker.type(), up, down, open);
            if (problem != null) {
                problems.add(at + problem);
                return null;
            }
            if (dialect == DBMATE && marker.type() == Type.UP && up.markers > down.markers) {
                dbmateSectionsWithoutDown++;
            }
            if (firstMarker < 0) {
                firstMarker = i;
            }
            if (open != null) {
                open.ranges.add(new int[]{openedAt, i});
            }
            open = marker.type() == Type.UP ? up : down;
            open.markers++;
            open.noTransaction |= marker.noTransaction();
            openedAt = i + 1;
        }
        if (open != null) {
            open.ranges.add(new int[]{openedAt, lines});
        }
        String stem = file.name().substring(0, file.name().length() - ".sql".length());
        if (dialect == null || (up.markers == 0 && dialect != SQL_MIGRATE)) {
            String digits = stem.replaceFirst("^(\\d+).*", "$1");
            String rest = stem.substring(digits.length()).replaceFirst("^[-_.]+", "");
            problems.add(file.origin() + " has no up marker: add '-- migrate:up' (dbmate), '-- +goose Up' or "
                    + "'-- +migrate Up' above its statements, or rename it to V" + digits + "__" + (rest.isEmpty() ? "name" : rest)
                    + ".sql (Flyway) or " + stem + ".up.sql (golang-migrate) if the whole file is the up migration");
            return null;
        }
        SqlText.Head head = SqlText.head(text.substring(0, starts[firstMarker]));
        if (head.hasStatements()) {
            String where = file.origin() + ":" + head.firstStatementLine() + ": a statement above the first marker (line "
                    + (firstMarker + 1) + ")";
            if (dialect != SQL_MIGRATE) {
                problems.add(where + " would never run: move it below '" + dialect.up + "'");
                return null;
            }
            // sqlparse skips every line before the first marker (currentDirection == directionNone).
            problems.warn(where + " never runs (sql-migrate skips it too): move it below '" + dialect.up + "' or delete it");
        }
        fileNoTransaction |= head.noTransaction();
        if (dbmateSectionsWithoutDown > 0 || (dialect == DBMATE && up.markers > down.markers)) {
            problems.warn(file.origin() + " has a '-- migrate:up' section without '-- migrate:down', which dbmate "
                    + "requires: Preflight runs it, and refuses to roll it back; add '-- migrate:down' to each section");
            down.ranges.clear();
        }
        if (dialect == DBMATE && up.markers > 1) {
            // dbmate 2.29+ runs each section on its own and records the version after each: on PostgreSQL the second
            // record fails on schema_migrations' primary key, after the first section was applied (dbmate 2.36).
            problems.warn(file.origin() + " has " + up.markers + " dbmate sections: Preflight runs them as one migration, "
                    + (up.noTransaction ? "outside a transaction (a section says transaction:false)" : "in one transaction")
                    + "; dbmate runs each on its own and, on PostgreSQL, fails on the second (it records the version "
                    + "once per section). Split the file into one migration per section to run it with dbmate too");
        }
        Version version = version(file, stem, dialect, problems);
        if (version == null) {
            return null;
        }
        Section upSection = section(file.origin(), read, starts, up, fileNoTransaction);
        Section downSection = down.ranges.isEmpty() ? null : section(file.origin(), read, starts, down, fileNoTransaction);
        return Section.migration(kind, version, name(stem), dialect, upSection, downSection);
    }

    /** What is wrong with a marker of {@code type} at this point of the file, as its tool says it, or null. */
    private static String order(Dialect dialect, Type type, Direction up, Direction down, Direction open) {
        if (dialect == SQL_MIGRATE) {
            return null; // sqlparse: any number of Up and Down sections, in any order
        }
        if (type == Type.UP) {
            // goose: "duplicate '-- +goose Up' annotations"; dbmate starts a new section at each up marker.
            return dialect == GOOSE && up.markers > 0
                    ? "a second '-- +goose Up' (goose allows one up section, then one down section)" : null;
        }
        if (up.markers == 0) {
            // dbmate: ErrParseWrongOrder; goose: "must start with '-- +goose Up' annotation".
            return "the down marker comes before any up marker: put '" + dialect.up + "' and the up statements first";
        }
        if (open == down) {
            // dbmate: ErrParseMultipleDown; goose: a Down in the down state is "must start with '-- +goose Up'".
            return "a second down marker in one section: keep one '" + dialect.down + "' after each '" + dialect.up + "'";
        }
        return null;
    }

    /** The leading digits, checked as the dialect's tool checks a name; null (and a problem) when it refuses it. */
    private static Version version(Resource file, String stem, Dialect dialect, Problems problems) {
        int digits = 0;
        while (digits < stem.length() && Character.isDigit(stem.charAt(digits))) {
            digits++;
        }
        if (dialect == GOOSE && (digits == stem.length() || stem.charAt(digits) != '_')) {
            // goose's NumericComponent: the part before the first '_' is the version.
            String problem = NumberedNames.problem(stem, ".sql");
            problems.add(file.origin() + " " + (problem != null ? problem : "is not named <version>_<name>.sql")
                    + " (goose reads the version before the first '_')");
            return null;
        }
        Version version = Version.parse(stem.substring(0, digits));
        return dialect == SQL_MIGRATE ? version.tiedBy(file.name()) : version;
    }

    /** What follows the digits and one separator: {@code create_users} of {@code 1_create_users}, nothing of {@code 1}. */
    private static String name(String stem) {
        int i = 0;
        while (i < stem.length() && Character.isDigit(stem.charAt(i))) {
            i++;
        }
        return i < stem.length() && (stem.charAt(i) == '_' || stem.charAt(i) == '-') ? stem.substring(i + 1) : stem.substring(i);
    }

    /**
     * The text of a direction's sections, from the first line of its first body to the end of its last, with the
     * lines in between (markers, the other direction) blanked; for one section exactly the text below its marker.
     */
    private static Section section(String origin, LargeFileReader.Text read, int[] starts, Direction direction,
                                   boolean fileNoTransaction) {
        boolean noTransaction = fileNoTransaction || direction.noTransaction;
        if (direction.ranges.isEmpty()) {
            return new Section(origin, "", 1, noTransaction);
        }
        String text = read.text();
        int[] first = direction.ranges.get(0);
        int[] last = direction.ranges.get(direction.ranges.size() - 1);
        if (first == last) {
            return new Section(origin, text.substring(starts[first[0]], starts[first[1]]), first[0] + 1, noTransaction,
                    read.copyRows());
        }
        StringBuilder sql = new StringBuilder();
        int line = first[0];
        for (int[] range : direction.ranges) {
            for (; line < range[0]; line++) {
                sql.append('\n');
            }
            sql.append(text, starts[range[0]], starts[range[1]]);
            line = range[1];
        }
        // Only the COPY rows of this direction's own lines: the blanked lines of the other are not its to claim.
        List<CopyRows> rows = read.copyRows().stream().filter(r -> direction.ranges.stream()
                .anyMatch(range -> r.firstLine() > range[0] && r.firstLine() <= range[1])).toList();
        return new Section(origin, sql.toString(), first[0] + 1, noTransaction, rows);
    }

    /**
     * dbmate runs its files in file-name order ({@code FindMigrations} sorts by {@code FileName}), which is the
     * order of their numbers while the numbers have one length, as {@code dbmate new} writes them. Preflight orders by
     * number; where the two differ (1_a.sql, 10_b.sql), it says so.
     */
    private static void warnIfDbmateOrderDiffers(List<Migration> migrations, Problems problems) {
        List<Migration> dbmate = migrations.stream().filter(m -> m.tool() == DBMATE).toList();
        List<Migration> byNumber = dbmate.stream().sorted(Comparator.comparing(Migration::version)).toList();
        List<Migration> byName = dbmate.stream().sorted(Comparator.comparing(m -> fileName(m.origin()))).toList();
        for (int i = 0; i < byNumber.size(); i++) {
            if (byNumber.get(i) != byName.get(i)) {
                problems.warn("dbmate runs " + byName.get(i).origin() + " before " + byNumber.get(i).origin()
                        + " (it sorts file names as text); Preflight runs migrations by number. Give the versions one "
                        + "length (e.g. 001_, 010_) so that both orders agree");
                return;
            }
        }
    }

    private static String fileName(String origin) {
        return origin.substring(origin.lastIndexOf('/') + 1);
    }

    /** Offsets at which each line starts, plus the text's length; a last line without '\n' counts. */
    private static int[] lineStarts(String text) {
        int[] starts = new int[16];
        int n = 1;
        for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
            if (n + 1 >= starts.length) {
                starts = Arrays.copyOf(starts, starts.length * 2);
            }
            starts[n++] = i + 1;
        }
        if (starts[n - 1] != text.length()) {
            starts[n++] = text.length();
        }
        return Arrays.copyOf(starts, n);
    }

    /** The line from {@code from} to {@code to} without its line break. */
    private static String line(String text, int from, int to) {
        int end = to;
        while (end > from && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
            end--;
        }
        return text.substring(from, end);
    }

    /** Whether the line from {@code from} to {@code to} starts with {@code --} after blanks: only those can be markers. */
    private static boolean isComment(String text, int from, int to) {
        int i = from;
        while (i < to && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i + 1 < to && text.charAt(i) == '-' && text.charAt(i + 1) == '-';
    }
}
