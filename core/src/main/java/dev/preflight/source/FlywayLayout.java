package dev.preflight.source;

import dev.preflight.Kind;
import dev.preflight.Version;
import dev.preflight.sql.SqlStatement;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Flyway names, in any sub-folder: {@code V<version>__<description>.sql} (versioned), {@code U<version>__<description>.sql}
 * (its undo, used as the down), {@code R__<description>.sql} (repeatable: no version, re-run when it changes; schema
 * locations only). As in Flyway's {@code ResourceNameParser} and {@code MigrationVersion}, the prefixes are upper
 * case, the description follows the first {@code __} and is shown with underscores as spaces, and the version's
 * parts are separated by {@code .} or {@code _} ({@code V1_2__x.sql} is 1.2) and compared numerically
 * ({@code 1.10 > 1.9}).
 *
 * <p>A script config file next to a script, {@code V1__x.sql.conf}, with {@code executeInTransaction=false} runs
 * it outside a transaction, as in Flyway. As in Flyway, the description may be missing ({@code V1.sql},
 * {@code V1__.sql}) and the {@code .sql} suffix may be in any case.
 */
final class FlywayLayout implements Layout, Tool {

    private static final String CONF = ".conf";
    /** ResourceNameParser: prefix, version, optional "__" and description, suffix ".sql" in any case. */
    private static final Pattern VERSIONED = Pattern.compile("([VU])(\\d+(?:[._]\\d+)*)(?:__(.*))?\\.(?i:sql)");
    private static final Pattern REPEATABLE = Pattern.compile("R__(.*)\\.(?i:sql)");
    private static final Pattern VERSION_THEN_SEPARATOR = Pattern.compile("(\\d+(?:[._]\\d+)*)[-._ ]*(.*)");

    // ---------------------------------------------------------------- Tool: the rules of the migrations read here

    @Override
    public String name() {
        return "flyway";
    }

    @Override
    public String noTransactionMarker() {
        return "`executeInTransaction=false` in a .sql.conf file beside it";
    }

    /** Flyway runs a script made only of statements that cannot run in a transaction outside one. */
    @Override
    public boolean runsInTransaction(List<SqlStatement> statements) {
        return statements.isEmpty() || statements.stream().anyMatch(SqlStatement::isTransactionControl)
                || !statements.stream().allMatch(SqlStatement::cannotRunInTransaction);
    }

    /** Flyway finds such statements by itself, and refuses a script that mixes them with others. */
    @Override
    public boolean detectsNonTransactionalStatements() {
        return true;
    }

    @Override
    public boolean accepts(Resource file) {
        String name = file.name();
        return isScript(name.endsWith(CONF) ? name.substring(0, name.length() - CONF.length()) : name);
    }

    private static boolean isScript(String name) {
        // The first letter first: every file of a location is offered here, and a regex costs more while cold.
        char first = name.isEmpty() ? 0 : name.charAt(0);
        if (first != 'V' && first != 'U' && first != 'R') {
            return false;
        }
        return VERSIONED.matcher(name).matches() || REPEATABLE.matcher(name).matches();
    }

    @Override
    public String nearMiss(Resource file) {
        String name = file.name();
        if (!name.endsWith(".sql") || name.length() < 5) {
            return null;
        }
        char prefix = name.charAt(0);
        String rest = name.substring(1, name.length() - ".sql".length());
        String upper = Character.toUpperCase(prefix) + name.substring(1);
        if (Character.isLowerCase(prefix) && isScript(upper)) {
            return "has a lower-case Flyway prefix: did you mean " + upper + "?";
        }
        if (prefix == 'V' || prefix == 'U') {
            return versionedProblem(prefix, rest);
        }
        if (prefix == 'R' && (rest.startsWith("_") || rest.contains("__"))) {
            int separator = rest.indexOf("__");
            if (separator < 0) {
                return "has a single underscore after R: did you mean R__" + rest.substring(1) + ".sql?";
            }
            String description = rest.substring(separator + 2);
            if (description.isEmpty()) {
                return "has no description: name it R__<description>.sql, e.g. R__views.sql";
            }
            return "is a repeatable migration with a version, which Flyway does not allow: did you mean R__"
                    + description + ".sql (repeatable) or V" + rest.substring(0, separator) + "__" + description + ".sql (versioned)?";
        }
        return null;
    }

    /** What is wrong with a name starting with V or U, or null when it is not meant as a Flyway name. */
    private static String versionedProblem(char prefix, String rest) {
        int separator = rest.indexOf("__");
        String example = prefix + "1__" + (separator >= 0 ? rest.substring(separator + 2) : "create_users") + ".sql";
        if (separator < 0) {
            Matcher m = VERSION_THEN_SEPARATOR.matcher(rest);
            if (rest.isEmpty() || !Character.isDigit(rest.charAt(0)) || !m.matches()) {
                // "Views.sql", "Vacuum_helpers.sql": a word, not a Flyway name with a typo.
                return rest.startsWith("_") ? "has no version: name it like " + example : null;
            }
            if (m.group(2).isEmpty()) {
                return "has no description: name it " + prefix + m.group(1) + "__<description>.sql, e.g. "
                        + prefix + m.group(1) + "__create_users.sql";
            }
            return "has no double underscore between version and description: did you mean "
                    + prefix + m.group(1) + "__" + m.group(2) + ".sql?";
        }
        String version = rest.substring(0, separator);
        String description = rest.substring(separator + 2);
        if (version.isEmpty()) {
            return "has no version: name it like " + example;
        }
        if (!version.matches("\\d+(?:[._]\\d+)*")) {
            return "has '" + version + "' as version, which is not a number: a Flyway version is digits separated by "
                    + "'.' or '_', e.g. " + example + " or " + prefix + "1.2__" + (description.isEmpty() ? "create_users" : description) + ".sql";
        }
        return null;
    }

    @Override
    public List<Migration> read(List<Resource> files, Kind kind, Problems problems) {
        Map<String, Resource> configs = new HashMap<>();
        Map<String, Resource> scripts = new HashMap<>();
        List<Resource> versioned = new ArrayList<>();
        List<Resource> repeatable = new ArrayList<>();
        Map<Version, Resource> undos = new LinkedHashMap<>();
        for (Resource file : files) {
            String name = file.name();
            if (name.endsWith(CONF)) {
                configs.put(file.origin().substring(0, file.origin().length() - CONF.length()), file);
                continue;
            }
            scripts.put(file.origin(), file);
            Matcher m = VERSIONED.matcher(name);
            if (!m.matches()) {
                repeatable.add(file);
            } else if (m.group(1).equals("V")) {
                versioned.add(file);
            } else {
                Resource other = undos.putIfAbsent(Version.parse(m.group(2)), file);
                if (other != null) {
                    problems.add("Version " + m.group(2) + " has two undo scripts: " + other.origin() + " and "
                            + file.origin() + ": keep one of them");
                }
            }
        }
        for (Map.Entry<String, Resource> config : configs.entrySet()) {
            if (!scripts.containsKey(config.getKey())) {
                problems.add(config.getValue().origin() + " is a script config file without its script "
                        + config.getKey() + ": rename it along with its script, or delete it");
            }
        }

        List<Migration> out = new ArrayList<>();
        Map<Version, Resource> claimedUndos = new HashMap<>();
        for (Resource file : versioned) {
            Matcher m = VERSIONED.matcher(file.name());
            m.matches();
            Version version = Version.parse(m.group(2));
            Resource undo = undos.get(version);
            // Another V with this version is a duplicate the finder reports; it gets no down of its own.
            Resource down = undo != null && claimedUndos.putIfAbsent(version, file) == null ? undo : null;
            out.add(Section.migration(kind, version, description(m.group(3)), this,
                    section(file, configs, problems), down == null ? null : section(down, configs, problems)));
        }
        for (Map.Entry<Version, Resource> undo : undos.entrySet()) {
            if (!claimedUndos.containsKey(undo.getKey())) {
                Resource file = undo.getValue();
                problems.add(file.origin() + " is an undo (down) script without a versioned migration: add V"
                        + file.name().substring(1) + ", or delete it");
            }
        }
        for (Resource file : repeatable) {
            if (kind != Kind.SCHEMA) {
                problems.add(file.origin() + " is a repeatable migration (R__) in a data migration location, where only "
                        + "versioned migrations run: give it a version (V<version>__...) or move it to the schema migrations");
                continue;
            }
            Matcher m = REPEATABLE.matcher(file.name());
            m.matches();
            out.add(Section.migration(Kind.REPEATABLE, null, description(m.group(1)), this,
                    section(file, configs, problems), null));
        }
        return out;
    }

    private static String description(String raw) {
        return raw == null ? "" : raw.replace('_', ' ');
    }

    private static Section section(Resource script, Map<String, Resource> configs, Problems problems) {
        Resource config = configs.get(script.origin());
        boolean noTransaction = config != null && !executeInTransaction(config, problems);
        return Section.of(script, noTransaction);
    }

    private static boolean executeInTransaction(Resource config, Problems problems) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(config.read()));
        } catch (IOException | IllegalArgumentException e) {
            problems.add(config.origin() + " is not a valid script config file: " + e.getMessage());
            return true;
        }
        String value = properties.getProperty("executeInTransaction");
        if (value == null) {
            return true;
        }
        String v = value.strip().toLowerCase(Locale.ROOT);
        if (!v.equals("true") && !v.equals("false")) {
            problems.add(config.origin() + ": executeInTransaction must be true or false, not " + value.strip());
            return true;
        }
        return v.equals("true");
    }
}
