package dev.preflight.source;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What is wrong with a {@code <digits>_<name>} file name stem, as golang-migrate pairs and single files with
 * markers (dbmate, goose, sql-migrate) are named. Shared so that both layouts give the same advice.
 */
final class NumberedNames {

    /** The good form: digits, one underscore, a name not starting with another underscore. */
    static final Pattern GOOD = Pattern.compile("(\\d+)_([^_].*)");

    private static final Pattern DIGITS_THEN_SEPARATOR = Pattern.compile("(\\d+)[-. ]+(.+)");
    private static final Pattern DIGITS_THEN_LETTER = Pattern.compile("(\\d+)([A-Za-z].*)");

    private NumberedNames() {
    }

    /**
     * @param stem the file name without {@code suffix}, e.g. {@code 001_init}
     * @param suffix {@code .sql}, {@code .up.sql} or {@code .down.sql}
     * @return the problem and a fix, or null when the stem is well formed
     */
    static String problem(String stem, String suffix) {
        if (GOOD.matcher(stem).matches()) {
            return null;
        }
        if (stem.isEmpty() || !Character.isDigit(stem.charAt(0))) {
            return "has no version: start its name with a number, e.g. 20240101120000_" + stem + suffix
                    + " (a timestamp) or 1_" + stem + suffix;
        }
        int underscore = stem.indexOf('_');
        if (underscore < 0) {
            Matcher m = DIGITS_THEN_SEPARATOR.matcher(stem);
            if (m.matches() || (m = DIGITS_THEN_LETTER.matcher(stem)).matches()) {
                return "is not named <version>_<name>" + suffix + ": did you mean " + m.group(1) + "_" + m.group(2) + suffix + "?";
            }
            if (stem.chars().allMatch(Character::isDigit)) {
                return "has no name: rename it to " + stem + "_<name>" + suffix + ", e.g. " + stem + "_create_users" + suffix;
            }
            return "is not named <version>_<name>" + suffix + " (the version is digits only, e.g. 1_create_users" + suffix + ")";
        }
        String version = stem.substring(0, underscore);
        String rest = stem.substring(underscore + 1);
        if (version.chars().anyMatch(Character::isLetter)) {
            return "has letters in its version '" + version + "': the version is digits only, e.g. 1_" + rest + suffix;
        }
        if (!version.chars().allMatch(Character::isDigit)) {
            String digits = version.replaceAll("\\D", "");
            String advice = "has '" + version + "' as version, but here a version is digits only: did you mean "
                    + digits + "_" + rest + suffix + "?";
            return version.contains(".") && suffix.equals(".sql")
                    ? advice + " (or V" + version + "__" + rest + ".sql for Flyway, which allows dotted versions)" : advice;
        }
        // A rest starting with '_' means two underscores, the Flyway separator.
        String name = rest.replaceFirst("^_+", "");
        if (name.isEmpty()) {
            return "has no name: rename it to " + version + "_<name>" + suffix + ", e.g. " + version + "_create_users" + suffix;
        }
        String advice = "has two underscores after its version: did you mean " + version + "_" + name + suffix + "?";
        return suffix.equals(".sql") ? advice + " (or V" + version + "__" + name + ".sql for Flyway)" : advice;
    }
}
