package dev.preflight.sql;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Property tests: scripts generated from a grammar of tricky fragments split back into exactly the statements
 * they were built from, and random garbage never makes the splitter fail other than with a
 * {@link SqlSyntaxException}. Fixed seeds, so a failure is reproducible from its iteration number.
 */
class SqlSplitterFuzzTest {

    private static final int SCRIPTS = 3_000;
    private static final int GARBAGE = 20_000;

    @Test
    void generatedScriptsSplitBackIntoTheirStatements() {
        Random random = new Random(20240612L);
        for (int i = 0; i < SCRIPTS; i++) {
            ScriptGenerator generator = new ScriptGenerator(random);
            int firstLine = 1 + random.nextInt(20);
            generator.generate(firstLine);
            String script = generator.script.toString();
            List<SqlStatement> actual;
            try {
                actual = SqlSplitter.split(script, "fuzz.sql", firstLine);
            } catch (SqlSyntaxException e) {
                throw new AssertionError("iteration " + i + ": " + e.getMessage() + " in:\n" + script, e);
            }
            int iteration = i;
            assertEquals(generator.expected, actual, () -> "iteration " + iteration + ", script:\n" + script);
        }
    }

    @Test
    void randomGarbageOnlyEverFailsWithASyntaxError() {
        String[] pieces = {"'", "\"", "$", "$$", "$a$", "$1", "/", "*", "/*", "*/", "-", "--", "\\", "\\.", ";",
                "(", ")", "\n", "\r", "\r\n", " ", "\t", "E", "e'", "x", "1", "_", "é", "BEGIN", " ATOMIC ", "CASE",
                "END", "CREATE FUNCTION f() ", "COPY t FROM stdin", "\\set x", "\0"};
        Random random = new Random(42L);
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            for (int i = 0; i < GARBAGE; i++) {
                // A byte order mark is skipped only at the very start (elsewhere it is an identifier character).
                StringBuilder garbage = new StringBuilder(random.nextInt(10) == 0 ? "\uFEFF" : "");
                for (int n = random.nextInt(60); n > 0; n--) {
                    garbage.append(pieces[random.nextInt(pieces.length)]);
                }
                checkGarbage(i, garbage.toString());
            }
        });
    }

    /** Either a syntax error, or statements that are pieces of the input and split again into themselves. */
    private static void checkGarbage(int iteration, String garbage) {
        List<SqlStatement> statements;
        try {
            statements = SqlSplitter.split(garbage, "garbage.sql", 1);
        } catch (SqlSyntaxException expected) {
            assertTrue(expected.getMessage().startsWith("garbage.sql:"), expected.getMessage());
            return;
        } catch (RuntimeException e) {
            throw new AssertionError("iteration " + iteration + " threw " + e + " for: " + escape(garbage), e);
        }
        long lines = garbage.split("\r\n|\r|\n", -1).length;
        for (SqlStatement s : statements) {
            String context = "iteration " + iteration + ", statement " + escape(s.sql()) + " of " + escape(garbage);
            assertTrue(!s.sql().isBlank() && garbage.contains(s.sql()), context);
            assertTrue(s.line() >= 1 && s.line() <= lines, context);
            if (!s.isCopyFromStdin()) {
                assertEquals(List.of(new SqlStatement(s.sql(), 1, null)), SqlSplitter.split(s.sql(), "again.sql", 1),
                        context);
            }
            s.cannotRunInTransaction();
            s.isTransactionControl();
            s.returnsRows();
        }
    }

    private static String escape(String text) {
        return text.replace("\r", "\\r").replace("\n", "\\n");
    }

    /**
     * Builds a script and the statements it must split into. Each script uses one line ending, so lines can be
     * counted by counting it.
     */
    private static final class ScriptGenerator {

        private final Random random;
        private final String eol;
        final StringBuilder script = new StringBuilder();
        final List<SqlStatement> expected = new ArrayList<>();
        private int line;

        ScriptGenerator(Random random) {
            this.random = random;
            this.eol = pick("\n", "\r\n", "\r");
        }

        void generate(int firstLine) {
            line = firstLine;
            append(gap());
            int count = 1 + random.nextInt(8);
            for (int i = 0; i < count; i++) {
                boolean last = i == count - 1;
                if (random.nextInt(6) == 0) {
                    copyStatement();
                } else {
                    statement(generateStatement());
                    if (last && random.nextBoolean()) {
                        // A final statement needs no semicolon; a trailing comment is not part of it.
                        append(pick("", " ", eol, " -- the end" + eol, " /* the end; */"));
                        return;
                    }
                    append(filler() + ";");
                }
                if (random.nextInt(5) == 0) {
                    append(gap() + ";"); // an empty statement, dropped
                }
                append(gap());
            }
        }

        private void statement(String sql) {
            expected.add(new SqlStatement(sql, line, null));
            append(sql);
        }

        private void copyStatement() {
            String sql = pick("COPY t (a, b) FROM stdin", "copy t from STDIN", "COPY \"T\" FROM STDIN WITH (FORMAT csv)",
                    "COPY t" + separator() + "FROM" + separator() + "stdin");
            StringBuilder data = new StringBuilder();
            StringBuilder rows = new StringBuilder();
            for (int n = random.nextInt(4); n > 0; n--) {
                String row = repeat(() -> pick(";", "'", "\"", "$$", "/*", "--", "\\N", "\t", "x", "\\\\.", " \\.",
                        "\\.x", "BEGIN ATOMIC", "(", "é"), 1 + random.nextInt(5));
                data.append(row).append('\n');
                rows.append(row).append(eol);
            }
            expected.add(new SqlStatement(sql, line, data.toString()));
            append(sql + pick(";", " ;", "; -- rows follow") + eol + rows + "\\." + eol);
        }

        private String generateStatement() {
            switch (random.nextInt(10)) {
                case 0:
                    return "CREATE" + separator() + "FUNCTION f() RETURNS int LANGUAGE sql" + separator() + "BEGIN"
                            + separator() + "ATOMIC" + separator() + statementText(false) + ";" + separator()
                            + "SELECT CASE WHEN x THEN 1 ELSE CASE y WHEN 2 THEN 3 END END" + ";" + separator() + "END";
                case 1:
                    return "CREATE RULE r AS ON INSERT TO t DO ALSO (" + statementText(true) + ";" + separator()
                            + statementText(true) + ")";
                case 2:
                    return pick("BEGIN", "COMMIT", "END", "ROLLBACK");
                default:
                    return statementText(true);
            }
        }

        /**
         * A statement from tricky fragments; starts and ends with a token, as the splitter returns it. Inside a
         * BEGIN ATOMIC body, CASE and END must pair up, so lone ones are left out there.
         */
        private String statementText(boolean loneCaseAndEnd) {
            StringBuilder sql = new StringBuilder(pick("SELECT", "INSERT INTO t VALUES", "DO", "update t set",
                    "CREATE TABLE \"t;\" AS SELECT"));
            for (int n = 1 + random.nextInt(4); n > 0; n--) {
                sql.append(separator()).append(fragment(loneCaseAndEnd));
            }
            return sql.toString();
        }

        private String fragment(boolean loneCaseAndEnd) {
            switch (random.nextInt(11)) {
                case 0:
                    return "'" + repeat(() -> pick(";", "''", "\\", "--", "/*", "$$", "\"", eol, "x", "é"), 4) + "'";
                case 1:
                    return pick("E", "e") + "'" + repeat(() -> pick(";", "\\'", "''", "\\\\", "x", "\"", "$$", eol,
                            "\\n"), 4) + "'";
                case 2:
                    return "\"" + repeat(() -> pick(";", "\"\"", "'", "x", "$$", "--", "/*"), 3) + "\"";
                case 3:
                    return dollarQuoted();
                case 4:
                    return "(1, 'a;b', (2), \"c)\")";
                case 5:
                    return pick("$1", "$2 + $10", "a$b$c", "t$", "x::text", "'{}'::jsonb ->> 'k'", "4 - 1 / 2 * 3",
                            "U&'\\0041;'", "B'101'", "date'2024-01-01\\'");
                case 6:
                    return pick("naïve", "'日本;語'", "\"ü;\"");
                case 7:
                    return loneCaseAndEnd ? pick("end", "case", "END") : "CASE WHEN a THEN 'end;' END";
                default:
                    return pick("1", "a", "FROM", "t", "WHERE", "x = 1", "begin", "atomic", "BEGIN ATOMIC");
            }
        }

        private String dollarQuoted() {
            String tag = "$" + pick("", "body", "fn_1", "ä", "A") + "$";
            while (true) {
                String body = repeat(() -> pick(";", "'", "\"", "$", "$1", "$other$", "--", "/*", eol, "x", "\\",
                        "END;", "$a$"), 5);
                // The body must not close the quote early, also not together with the closing tag.
                if ((body + tag).indexOf(tag) == body.length()) {
                    return tag + body + tag;
                }
            }
        }

        /** Whitespace or comments inside a statement. */
        private String separator() {
            return pick(" ", "  ", eol, "\t", " /* c; ' */ ", " /* a /* nested; */ b */ ", " -- c; '" + eol,
                    eol + eol + "  ");
        }

        /** Whitespace or comments between a statement and its semicolon. */
        private String filler() {
            return pick("", "", " ", eol, " /* before ; */ ", " -- comment" + eol);
        }

        /** Whitespace and comments between statements. */
        private String gap() {
            return repeat(() -> pick("", " ", eol, "\t", "-- a comment; 'with' \"quotes\"" + eol,
                    "/* block; /* nested */ ; */", "/**/"), random.nextInt(4));
        }

        private String repeat(Supplier<String> piece, int count) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < count; i++) {
                text.append(piece.get());
            }
            return text.toString();
        }

        private String pick(String... choices) {
            return choices[random.nextInt(choices.length)];
        }

        private void append(String text) {
            script.append(text);
            for (int i = text.indexOf(eol); i >= 0; i = text.indexOf(eol, i + eol.length())) {
                line++;
            }
        }
    }

    @Test
    void generatorCountsLinesLikeAnEditor() {
        // Guards the generator itself: one line ending per script, counted once per occurrence.
        ScriptGenerator generator = new ScriptGenerator(new Random(7L));
        generator.generate(1);
        String script = generator.script.toString();
        if (generator.expected.isEmpty()) {
            fail("the generator always makes at least one statement");
        }
        SqlStatement first = generator.expected.get(0);
        String before = script.substring(0, script.indexOf(first.sql()));
        assertEquals(before.split("\r\n|\r|\n", -1).length, first.line());
    }
}
