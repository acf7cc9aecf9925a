package dev.preflight.source;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One comment line of a single-file migration read as a dbmate, goose or sql-migrate marker. Preflight forgives
 * what the tools do not (leading blanks, the case of a command, a missing space after {@code --}), because such a
 * line is still unambiguous; {@link #asTool} says whether the tool itself reads the line as this marker, so that
 * the layout can warn where the two would differ.
 *
 * @param dialect the tool whose marker it is
 * @param type what it marks
 * @param noTransaction the marker asks for no transaction ({@code transaction:false}, {@code notransaction},
 *                      goose's {@code NO TRANSACTION})
 * @param asTool the tool reads the line exactly so: dbmate's {@code ^--\s*migrate:up(\s*$|\s+\S+)} at the start of
 *               the line, goose's annotation without leading blanks, sql-migrate's {@code "-- +migrate "} prefix and
 *               its case-sensitive {@code Up}/{@code Down}
 */
record MarkerLine(SingleFileLayout.Dialect dialect, Type type, boolean noTransaction, boolean asTool) {

    enum Type { UP, DOWN, NO_TRANSACTION, ENVSUBST, OTHER }

    /** dbmate's {@code upRegExp}/{@code downRegExp} (pkg/dbmate/migration.go), on one line. */
    private static final Pattern DBMATE = Pattern.compile("--\\s*migrate:(up|down)(\\s*|\\s+\\S.*)");

    /** The marker on a line (without its line break), or null. */
    static MarkerLine read(String line) {
        String text = line.strip();
        if (!text.startsWith("--")) {
            return null;
        }
        String body = text.substring(2).strip();
        String[] words = words(body);
        String first = words[0].toLowerCase(Locale.ROOT);
        boolean unindented = !line.isEmpty() && !Character.isWhitespace(line.charAt(0));
        switch (first) {
            case "migrate:up", "migrate:down" -> {
                // dbmate options are key:value words; only "transaction:false" changes anything.
                boolean noTransaction = false;
                for (int i = 1; i < words.length; i++) {
                    noTransaction |= words[i].equals("transaction:false");
                }
                return new MarkerLine(SingleFileLayout.DBMATE, first.equals("migrate:up") ? Type.UP : Type.DOWN,
                        noTransaction, DBMATE.matcher(line.stripTrailing()).matches());
            }
            case "+goose" -> {
                String command = body.substring("+goose".length()).strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
                Type type = switch (command) {
                    case "up" -> Type.UP;
                    case "down" -> Type.DOWN;
                    case "no transaction" -> Type.NO_TRANSACTION;
                    case "envsub on", "envsubst on" -> Type.ENVSUBST;
                    default -> Type.OTHER;
                };
                // goose's extractAnnotation refuses leading whitespace and matches the annotation ignoring case.
                return new MarkerLine(SingleFileLayout.GOOSE, type, type == Type.NO_TRANSACTION, unindented);
            }
            case "+migrate" -> {
                if (words.length < 2) {
                    return null;
                }
                String command = words[1];
                boolean noTransaction = false;
                for (int i = 2; i < words.length; i++) {
                    noTransaction |= words[i].equals("notransaction");
                }
                Type type = switch (command.toLowerCase(Locale.ROOT)) {
                    case "up" -> Type.UP;
                    case "down" -> Type.DOWN;
                    default -> Type.OTHER;
                };
                // sqlparse: strings.HasPrefix(line, "-- +migrate ") and cmd.Command "Up" / "Down", case-sensitive.
                boolean asTool = line.startsWith("-- +migrate ") && (type == Type.OTHER || command.equals("Up")
                        || command.equals("Down"));
                return new MarkerLine(SingleFileLayout.SQL_MIGRATE, type, type != Type.OTHER && noTransaction, asTool);
            }
            default -> {
                return null;
            }
        }
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
}
