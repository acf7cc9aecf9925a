package dev.preflight.source;

import dev.preflight.Kind;
import dev.preflight.Version;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Diesel folders: {@code <version>_<name>/up.sql}, an optional {@code down.sql} and an optional
 * {@code metadata.toml}. As in Diesel ({@code version_from_string}), the version is the folder name before its
 * first underscore (the whole name when it has none) with dashes removed, so the current {@code 2024-02-12-120203_x}
 * (20240212120203), the old {@code 20140924113530_x} and Diesel 2's {@code 2024-02-12-120203-0000_x} live in one
 * folder, and Diesel's own {@code 00000000000000_diesel_initial_setup} is version 0. Diesel's
 * {@code MigrationVersion} derives {@code Ord} on that text, so versions are compared as text
 * ({@link VersionOrder#TEXT}): {@code 2024-06-01-000000_x} runs after {@code 2024-01-01-000000-0000_y}.
 *
 * <p>Diesel's {@code run_sql_from_file} refuses a zero-byte file ({@code EmptyMigration}): a zero-byte
 * {@code up.sql} is an error here, a zero-byte {@code down.sql} is no down (a rollback through it is refused up
 * front). A {@code down.sql} with only comments, as {@code diesel migration generate} writes it, is a rollback that
 * changes nothing, as Diesel runs it.
 *
 * <p>{@code metadata.toml} with {@code run_in_transaction = false} runs the migration outside a transaction.
 * As in Diesel, whose field is {@code #[serde(default)] bool}, a {@code metadata.toml} that does not set the
 * key also means no transaction.
 */
final class DieselLayout implements Layout, Tool {

    private static final Set<String> FILES = Set.of("up.sql", "down.sql", "metadata.toml");
    private static final Pattern FOLDER = Pattern.compile("(\\d+(?:-\\d+)*)(?:_(.*))?");
    private static final Pattern RUN_IN_TRANSACTION = Pattern.compile("run_in_transaction\\s*=\\s*(\\S+)\\s*(#.*)?");

    // ---------------------------------------------------------------- Tool: the rules of the migrations read here

    @Override
    public String name() {
        return "diesel";
    }

    @Override
    public String noTransactionMarker() {
        return "`run_in_transaction = false` in its metadata.toml";
    }

    /** Diesel's {@code MigrationVersion} derives {@code Ord} on its text. */
    @Override
    public VersionOrder versionOrder() {
        return VersionOrder.TEXT;
    }

    @Override
    public boolean accepts(Resource file) {
        String folder = file.folderName();
        return FILES.contains(file.name()) && folder != null && FOLDER.matcher(folder).matches();
    }

    @Override
    public String nearMiss(Resource file) {
        if (!FILES.contains(file.name())) {
            return null;
        }
        String folder = file.folderName();
        if (folder == null) {
            return "is a Diesel migration file outside a migration folder: move it into a folder named "
                    + "<version>_<name>, e.g. 2024-02-12-120203_create_users/" + file.name();
        }
        int underscore = folder.indexOf('_');
        String version = underscore < 0 ? folder : folder.substring(0, underscore);
        if (version.isEmpty() || !Character.isDigit(version.charAt(0))) {
            return "is in folder '" + folder + "', which has no version: rename the folder to <version>_<name>, e.g. "
                    + "2024-02-12-120203_" + folder;
        }
        return "is in folder '" + folder + "', whose version '" + version + "' is not digits (dashes allowed): "
                + "rename the folder, e.g. to 2024-02-12-120203_" + (underscore < 0 ? "name" : folder.substring(underscore + 1));
    }

    @Override
    public List<Migration> read(List<Resource> files, Kind kind, Problems problems) {
        // Grouped by the folder's origin, which is unique across locations.
        Map<String, Folder> folders = new LinkedHashMap<>();
        for (Resource file : files) {
            Folder folder = folders.computeIfAbsent(file.folderOrigin(), origin -> new Folder(origin, file.folderName()));
            switch (file.name()) {
                case "up.sql" -> folder.up = file;
                case "down.sql" -> folder.down = file;
                default -> folder.metadata = file;
            }
        }
        List<Migration> out = new ArrayList<>();
        for (Folder folder : folders.values()) {
            if (folder.up == null) {
                problems.add("Diesel migration folder " + folder.origin + " has no up.sql"
                        + (folder.down != null ? " (only a down.sql)" : "") + ": add up.sql, or delete the folder");
                continue;
            }
            Matcher m = FOLDER.matcher(folder.name);
            m.matches();
            LargeFileReader.Text upText = folder.up.readText();
            if (upText.text().isEmpty()) {
                problems.add(folder.up.origin() + " is empty, which Diesel refuses (EmptyMigration): write the "
                        + "migration's statements into it, or delete the folder");
                continue;
            }
            boolean noTransaction = folder.metadata != null && !runInTransaction(folder.metadata, problems);
            LargeFileReader.Text downText = folder.down == null ? null : folder.down.readText();
            Section down = downText == null || downText.text().isEmpty() ? null
                    : Section.of(folder.down, downText, noTransaction);
            out.add(Section.migration(kind, Version.parse(m.group(1)), m.group(2) == null ? "" : m.group(2), this,
                    Section.of(folder.up, upText, noTransaction), down));
        }
        return out;
    }

    /** Reads {@code run_in_transaction} from the top-level table of a {@code metadata.toml}. */
    private static boolean runInTransaction(Resource metadata, Problems problems) {
        String[] lines = metadata.read().split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.startsWith("[")) {
                break; // the key belongs to the top-level table; anything below a [table] header is not it
            }
            Matcher m = RUN_IN_TRANSACTION.matcher(line);
            if (m.matches()) {
                String value = m.group(1);
                if (value.equals("true") || value.equals("false")) {
                    return value.equals("true");
                }
                problems.add(metadata.origin() + ":" + (i + 1) + ": run_in_transaction must be true or false, not " + value);
                return true;
            }
        }
        return false;
    }

    private static final class Folder {
        final String origin;
        final String name;
        Resource up;
        Resource down;
        Resource metadata;

        Folder(String origin, String name) {
            this.origin = origin;
            this.name = name;
        }
    }
}
