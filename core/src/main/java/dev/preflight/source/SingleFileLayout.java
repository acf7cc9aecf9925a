package dev.preflight.source;

import dev.preflight.Kind;
import dev.preflight.Version;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * One file per migration, {@code <digits>_<name>.sql}, with the up and the optional down in sections marked by
 * comments in one of three dialects:
 * <ul>
 *   <li>dbmate: {@code -- migrate:up} / {@code -- migrate:down}; {@code transaction:false} on a marker line runs
 *       that direction outside a transaction;</li>
 *   <li>goose: {@code -- +goose Up} / {@code -- +goose Down}; {@code -- +goose NO TRANSACTION} anywhere in the
 *       file runs both directions outside a transaction;</li>
 *   <li>sql-migrate: {@code -- +migrate Up} / {@code -- +migrate Down}; {@code notransaction} on a marker line
 *       runs that direction outside a transaction.</li>
 * </ul>
 * Each section runs from the line after its marker to the next marker; {@code StatementBegin}/{@code StatementEnd}
 * lines stay in the SQL (they are comments, and the splitter needs no help with dollar quotes). The up comes
 * first; only blank lines and comments may stand above it (dbmate and goose reject statements there, which
 * would never run). A {@code -- preflight:no-transaction} comment in the file head counts for both directions,
 * one at the top of a section for that section.
 *
 * <p>The version is the number before the first underscore (dbmate's {@code ^(\d+)_}, goose's numeric
 * component), so sequential {@code 00001_x.sql} and timestamped {@code 20240101120000_x.sql} names both work.
 */
final class SingleFileLayout implements Layout {

    private static final Pattern FILE = Pattern.compile("(\\d+)_([^_].*)\\.sql");

    /** The three marker dialects; the name is the {@link Migration#layout()} of a file written in it. */
    enum Dialect {
        DBMATE("dbmate", "-- migrate:up", "-- migrate:down"),
        GOOSE("goose", "-- +goose Up", "-- +goose Down"),
        SQL_MIGRATE("sql-migrate", "-- +migrate Up", "-- +migrate Down");

        final String layout;
        final String up;
        final String down;

        Dialect(String layout, String up, String down) {
            this.layout = layout;
            this.up = up;
            this.down = down;
        }
    }

    private enum Type { UP, DOWN, NO_TRANSACTION, ENVSUBST, OTHER }

    private record Marker(Dialect dialect, Type type, boolean noTransaction) {
    }

    @Override
    public boolean accepts(Resource file) {
        String name = file.name();
        // Cheap tests first: every file of a location is offered here, and a regex costs more while cold.
        return !name.isEmpty() && Character.isDigit(name.charAt(0)) && name.endsWith(".sql")
                && FILE.matcher(name).matches() && !name.endsWith(".up.sql") && !name.endsWith(".down.sql");
    }

    @Override
    public String nearMiss(Resource file) {
        String name = file.name();
        // Only names that start with a digit are meant as versioned; "helpers.sql" is just an unmatched file.
        if (!name.endsWith(".sql") || name.endsWith(".up.sql") || name.endsWith(".down.sql")
                || name.isEmpty() || !Character.isDigit(name.charAt(0))) {
            return null;
        }
        return NumberedNames.problem(name.substring(0, name.length() - ".sql".length()), ".sql");
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
        return out;
    }

    private static Migration parse(Resource file, Kind kind, Problems problems) {
        Matcher name = FILE.matcher(file.name());
        name.matches();
        LargeFileReader.Text read = file.readText();
        String text = read.text();
        int[] starts = lineStarts(text);
        int lines = starts.length - 1;

        Dialect dialect = null;
        int up = -1;
        int down = -1;
        boolean upNoTransaction = false;
        boolean downNoTransaction = false;
        boolean fileNoTransaction = false;
        for (int i = 0; i < lines; i++) {
            if (!isComment(text, starts[i], starts[i + 1])) {
                continue;
            }
            Marker marker = marker(text.substring(starts[i], starts[i + 1]));
            if (marker == null) {
                continue;
            }
            String at = file.origin() + ":" + (i + 1) + ": ";
            switch (marker.type) {
                case UP, DOWN -> {
                    if (dialect != null && dialect != marker.dialect) {
                        problems.add(at + "'" + (marker.type == Type.UP ? marker.dialect.up : marker.dialect.down)
                                + "' mixes " + marker.dialect.layout + " markers into a file that uses " + dialect.layout
                                + " markers ('" + dialect.up + "'): use one tool's markers");
                        return null;
                    }
                    dialect = marker.dialect;
                    if (marker.type == Type.UP) {
                        if (up >= 0 || down >= 0) {
                            problems.add(at + "a second up marker: a file holds one up section, then one down section"
                                    + (up >= 0 ? " (the first up marker is on line " + (up + 1) + ")" : ""));
                            return null;
                        }
                        up = i;
                        upNoTransaction = marker.noTransaction;
                    } else {
                        if (up < 0) {
                            problems.add(at + "the down marker comes before any up marker: put '" + dialect.up
                                    + "' and the up statements first");
                            return null;
                        }
                        if (down >= 0) {
                            problems.add(at + "a second down marker (the first is on line " + (down + 1) + "): keep one");
                            return null;
                        }
                        down = i;
                        downNoTransaction = marker.noTransaction;
                    }
                }
                case NO_TRANSACTION -> fileNoTransaction = true;
                case ENVSUBST -> {
                    problems.add(at + "'-- +goose ENVSUBST ON' is not supported: Preflight runs the SQL as written, "
                            + "so write the values into the file");
                    return null;
                }
                default -> {
                }
            }
        }
        if (up < 0) {
            String stem = file.name().substring(0, file.name().length() - ".sql".length());
            problems.add(file.origin() + " has no up marker: add '-- migrate:up' (dbmate), '-- +goose Up' or "
                    + "'-- +migrate Up' above its statements, or rename it to V" + name.group(1) + "__" + name.group(2)
                    + ".sql (Flyway) or " + stem + ".up.sql (golang-migrate) if the whole file is the up migration");
            return null;
        }
        SqlText.Head head = SqlText.head(text.substring(0, starts[up]));
        if (head.hasStatements()) {
            problems.add(file.origin() + ":" + head.firstStatementLine() + ": a statement above the up marker (line "
                    + (up + 1) + ") would never run: move it below '" + dialect.up + "'");
            return null;
        }
        fileNoTransaction |= head.noTransaction();

        int upEnd = down >= 0 ? starts[down] : text.length();
        Section upSection = new Section(file.origin(), text.substring(starts[up + 1], upEnd), up + 2,
                fileNoTransaction || upNoTransaction, read.copyRows());
        Section downSection = down < 0 ? null : new Section(file.origin(), text.substring(starts[down + 1]), down + 2,
                fileNoTransaction || downNoTransaction, read.copyRows());
        return Section.migration(kind, Version.parse(name.group(1)), name.group(2), dialect.layout, upSection, downSection);
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

    /** Whether the line from {@code from} to {@code to} starts with {@code --} after blanks: only those can be markers. */
    private static boolean isComment(String text, int from, int to) {
        int i = from;
        while (i < to && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i + 1 < to && text.charAt(i) == '-' && text.charAt(i + 1) == '-';
    }

    /** {@code text} split at runs of whitespace, as {@code split("\\s+")} without compiling a pattern per line. */
    private static String[] words(String text) {
        List<String> out = new ArrayList<>(4);
        int i = 0;
        int n = text.length();
        while (i < n) {
            while (i < n && isRegexSpace(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !isRegexSpace(text.charAt(i))) {
                i++;
            }
            if (i > start) {
                out.add(text.substring(start, i));
            }
        }
        return out.isEmpty() ? new String[]{""} : out.toArray(new String[0]);
    }

    /** The characters of the regex class {@code \\s}. */
    private static boolean isRegexSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }

    /**
     * The marker on a line, or null. Leading whitespace, the space after {@code --} and the case of goose and
     * sql-migrate commands are forgiven: a file the tools reject for those is still unambiguous.
     */
    private static Marker marker(String line) {
        String text = line.strip();
        if (!text.startsWith("--")) {
            return null;
        }
        String body = text.substring(2).strip();
        String[] words = words(body);
        String first = words[0].toLowerCase(Locale.ROOT);
        switch (first) {
            case "migrate:up", "migrate:down" -> {
                // dbmate options are key:value words; only "transaction:false" changes anything.
                boolean noTransaction = false;
                for (int i = 1; i < words.length; i++) {
                    noTransaction |= words[i].equals("transaction:false");
                }
                return new Marker(Dialect.DBMATE, first.equals("migrate:up") ? Type.UP : Type.DOWN, noTransaction);
            }
            case "+goose" -> {
                String command = body.substring("+goose".length()).strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
                return switch (command) {
                    case "up" -> new Marker(Dialect.GOOSE, Type.UP, false);
                    case "down" -> new Marker(Dialect.GOOSE, Type.DOWN, false);
                    case "no transaction" -> new Marker(Dialect.GOOSE, Type.NO_TRANSACTION, true);
                    case "envsub on", "envsubst on" -> new Marker(Dialect.GOOSE, Type.ENVSUBST, false);
                    default -> new Marker(Dialect.GOOSE, Type.OTHER, false);
                };
            }
            case "+migrate" -> {
                if (words.length < 2) {
                    return null;
                }
                String command = words[1].toLowerCase(Locale.ROOT);
                boolean noTransaction = false;
                for (int i = 2; i < words.length; i++) {
                    noTransaction |= words[i].equals("notransaction");
                }
                return switch (command) {
                    case "up" -> new Marker(Dialect.SQL_MIGRATE, Type.UP, noTransaction);
                    case "down" -> new Marker(Dialect.SQL_MIGRATE, Type.DOWN, noTransaction);
                    default -> new Marker(Dialect.SQL_MIGRATE, Type.OTHER, false);
                };
            }
            default -> {
                return null;
            }
        }
    }
}
