package dev.preflight.sql;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SqlSplitterTest {

    private static final String ORIGIN = "db/migrations/V1__test.sql";

    private static List<SqlStatement> split(String sql) {
        return SqlSplitter.split(sql, ORIGIN, 1);
    }

    private static List<String> texts(String sql) {
        return split(sql).stream().map(SqlStatement::sql).toList();
    }

    private static SqlSyntaxException failure(String sql) {
        return assertThrows(SqlSyntaxException.class, () -> split(sql));
    }

    private static void assertMessage(SqlSyntaxException e, int line, String... parts) {
        assertTrue(e.getMessage().startsWith(ORIGIN + ":" + line + ": "), e.getMessage());
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), () -> "'" + part + "' missing in: " + e.getMessage());
        }
    }

    // --- statement boundaries ---

    @Test
    void splitsOnSemicolonsAndKeepsAFinalStatementWithoutOne() {
        assertEquals(List.of("CREATE TABLE t (id int)", "INSERT INTO t VALUES (1)", "SELECT * FROM t"),
                texts("CREATE TABLE t (id int);\nINSERT INTO t VALUES (1);\n  SELECT * FROM t  \n"));
    }

    @Test
    void emptyAndCommentOnlyStatementsAreDropped() {
        assertEquals(List.of("SELECT 1", "SELECT 2"),
                texts(";;\n-- only a comment;\nSELECT 1;; /* nothing */ ;\nSELECT 2;\n-- trailing\n/* end */\n"));
        assertEquals(List.of(), texts(""));
        assertEquals(List.of(), texts("  \n-- nothing here\n/* at all */ ;\n"));
    }

    @Test
    void statementTextStartsAndEndsWithATokenAndKeepsCommentsInside() {
        assertEquals(List.of("SELECT 1 /* one */ + 1 -- and one\n    AS two"),
                texts("-- leading\n/* also leading */ SELECT 1 /* one */ + 1 -- and one\n    AS two -- trailing\n;"));
    }

    @Test
    void semicolonInsideAStringDoesNotSplit() {
        assertEquals(List.of("INSERT INTO t VALUES ('a;b', 'it''s; fine')", "SELECT 2"),
                texts("INSERT INTO t VALUES ('a;b', 'it''s; fine'); SELECT 2"));
    }

    @Test
    void backslashInAPlainStringIsAnOrdinaryCharacter() {
        // standard_conforming_strings is on by default: 'C:\' is a complete string.
        assertEquals(List.of("SELECT 'C:\\'", "SELECT date'2024\\'", "SELECT 2"),
                texts("SELECT 'C:\\'; SELECT date'2024\\'; SELECT 2"));
    }

    @Test
    void escapeStringHonoursBackslashEscapes() {
        assertEquals(List.of("SELECT E'it\\'s; here'", "SELECT e'\\\\'", "SELECT E'a''b;c'", "SELECT 2"),
                texts("SELECT E'it\\'s; here'; SELECT e'\\\\'; SELECT E'a''b;c'; SELECT 2"));
    }

    @Test
    void otherStringPrefixesKeepBackslashesLiteral() {
        assertEquals(List.of("SELECT U&'d\\0061t\\'", "SELECT B'101'", "SELECT X'1F'", "SELECT N'x\\'"),
                texts("SELECT U&'d\\0061t\\'; SELECT B'101'; SELECT X'1F'; SELECT N'x\\'"));
    }

    @Test
    void quotedIdentifierMayContainSemicolonsAndDoubledQuotes() {
        assertEquals(List.of("CREATE TABLE \"we;ird\"\"name\" (\"a'b\" int)", "SELECT 2"),
                texts("CREATE TABLE \"we;ird\"\"name\" (\"a'b\" int);SELECT 2"));
    }

    @Test
    void dollarQuotedFunctionBodyStaysOneStatement() {
        String function = """
                CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$
                BEGIN
                  PERFORM 'x;y';  -- it's fine
                  RETURN 1;
                END;
                $$""";
        assertEquals(List.of(function, "SELECT f()"), texts(function + ";\nSELECT f();"));
    }

    @Test
    void taggedDollarQuoteMayContainOtherDollarQuotes() {
        String body = "DO $outer$ BEGIN EXECUTE $$SELECT ';'$$; EXECUTE $inner$ SELECT 1; $inner$; END $outer$";
        assertEquals(List.of(body, "SELECT 2"), texts(body + ";SELECT 2"));
    }

    @Test
    void dollarQuoteTagsAreCaseSensitive() {
        String body = "SELECT $a$ one; $A$ two; $a$";
        assertEquals(List.of(body, "SELECT 2"), texts(body + "; SELECT 2"));
    }

    @Test
    void positionalParametersAreNotDollarQuotes() {
        assertEquals(List.of("PREPARE p(int, int) AS SELECT $1 + $2", "EXECUTE p(1, 2)", "SELECT 3"),
                texts("PREPARE p(int, int) AS SELECT $1 + $2; EXECUTE p(1, 2); SELECT 3"));
    }

    @Test
    void dollarSignsInsideAnIdentifierAreNotDollarQuotes() {
        assertEquals(List.of("SELECT a$b$c FROM t$", "SELECT 2"), texts("SELECT a$b$c FROM t$; SELECT 2"));
    }

    @Test
    void loneDollarIsNotADollarQuote() {
        assertEquals(List.of("SELECT $ x", "SELECT $abc", "SELECT 2"), texts("SELECT $ x; SELECT $abc; SELECT 2"));
    }

    @Test
    void lineCommentHidesSemicolonsAndQuotes() {
        assertEquals(List.of("SELECT 1 -- not a split; it's a comment\n+ 1", "SELECT 2"),
                texts("SELECT 1 -- not a split; it's a comment\n+ 1; SELECT 2"));
    }

    @Test
    void nestedBlockCommentsHideSemicolons() {
        assertEquals(List.of("SELECT /* a; /* b; */ still a comment; ' */ 1", "SELECT 2"),
                texts("SELECT /* a; /* b; */ still a comment; ' */ 1; SELECT 2"));
    }

    @Test
    void commentMarkersInsideQuotesAreText() {
        assertEquals(List.of("SELECT '--', '/*', \"--x\"", "SELECT 2"), texts("SELECT '--', '/*', \"--x\"; SELECT 2"));
    }

    @Test
    void operatorsNextToCommentMarkersDoNotHideSemicolons() {
        assertEquals(List.of("SELECT 4 - 1 / 3 * 2", "SELECT '{}'::jsonb ->> 'k'", "SELECT 2"),
                texts("SELECT 4 - 1 / 3 * 2; SELECT '{}'::jsonb ->> 'k'; SELECT 2"));
    }

    @Test
    void parenthesizedRuleActionsKeepTheirSemicolons() {
        String rule = "CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT INTO a VALUES (1); NOTIFY t)";
        assertEquals(List.of(rule, "SELECT 2"), texts(rule + ";\nSELECT 2"));
    }

    @Test
    void beginAtomicFunctionBodyStaysOneStatement() {
        String function = """
                CREATE OR REPLACE FUNCTION grade(score int) RETURNS text LANGUAGE sql
                BEGIN ATOMIC
                  SELECT CASE WHEN score > 50 THEN 'pass' ELSE 'fail' END;
                  SELECT CASE score WHEN 1 THEN CASE WHEN true THEN 'a' END END;
                END""";
        assertEquals(List.of(function, "SELECT grade(60)"), texts(function + ";\nSELECT grade(60);"));
    }

    @Test
    void beginAtomicProcedureBodyStaysOneStatement() {
        String procedure = "CREATE PROCEDURE p() LANGUAGE sql BEGIN /* c */ ATOMIC INSERT INTO t VALUES (1);"
                + " INSERT INTO t VALUES (2); END";
        assertEquals(List.of(procedure, "CALL p()"), texts(procedure + "; CALL p();"));
    }

    @Test
    void beginAtomicOutsideARoutineDefinitionDoesNotOpenABody() {
        // "begin" is a non-reserved word: here a column, aliased as "atomic".
        assertEquals(List.of("SELECT begin atomic FROM t", "SELECT 2"), texts("SELECT begin atomic FROM t; SELECT 2"));
    }

    @Test
    void transactionBeginIsItsOwnStatement() {
        assertEquals(List.of("BEGIN", "CREATE TABLE t ()", "END", "COMMIT"),
                texts("BEGIN;\nCREATE TABLE t ();\nEND;\nCOMMIT;"));
    }

    @Test
    void strayClosingParenthesisIsLeftToTheServer() {
        assertEquals(List.of("SELECT 1)", "SELECT 2"), texts("SELECT 1); SELECT 2"));
    }

    // --- COPY ... FROM stdin ---

    @Test
    void copyFromStdinTakesTheFollowingLinesAsItsData() {
        List<SqlStatement> statements = split("""
                CREATE TABLE t (a text, b text);
                COPY t (a, b) FROM stdin;
                x;y\t'it''s
                $$ /* -- \\N
                \\.
                SELECT count(*) FROM t;
                """);
        assertEquals(List.of(
                new SqlStatement("CREATE TABLE t (a text, b text)", 1, null),
                new SqlStatement("COPY t (a, b) FROM stdin", 2, "x;y\t'it''s\n$$ /* -- \\N\n"),
                new SqlStatement("SELECT count(*) FROM t", 6, null)), statements);
        assertTrue(statements.get(1).isCopyFromStdin());
    }

    @Test
    void copyFromStdinAcceptsOptionsAndAnyCase() {
        List<SqlStatement> statements = split(
                "copy t FROM STDIN WITH (FORMAT csv, DELIMITER ';'); -- rows follow\na;b\n\\.\nSELECT 1");
        assertEquals("copy t FROM STDIN WITH (FORMAT csv, DELIMITER ';')", statements.get(0).sql());
        assertEquals("a;b\n", statements.get(0).copyData());
        assertEquals(new SqlStatement("SELECT 1", 4, null), statements.get(1));
    }

    @Test
    void copyWithoutRowsHasEmptyData() {
        List<SqlStatement> statements = split("COPY t FROM stdin;\n\\.");
        assertEquals(List.of(new SqlStatement("COPY t FROM stdin", 1, "")), statements);
    }

    @Test
    void copyDataUsesNewlinesWhateverTheFileUses() {
        assertEquals("a\nb\n", split("COPY t FROM stdin;\r\na\r\nb\r\n\\.\r\nSELECT 1").get(0).copyData());
        assertEquals("a\nb\n", split("COPY t FROM stdin;\ra\rb\r\\.\rSELECT 1").get(0).copyData());
        assertEquals(4, split("COPY t FROM stdin;\r\na\r\n\\.\r\nSELECT 1").get(1).line());
    }

    @Test
    void linesThatOnlyResembleTheEndOfDataMarkerAreData() {
        String data = " \\.\n\\. \n\\.x\n\\\\.\n";
        assertEquals(data, split("COPY t FROM stdin;\n" + data + "\\.\n").get(0).copyData());
    }

    @Test
    void copyToStdoutAndCopyFromAFileHaveNoData() {
        List<SqlStatement> statements = split(
                "COPY t TO STDOUT;\nCOPY t FROM '/tmp/stdin';\nCOPY (SELECT 1 FROM stdin) TO STDOUT;\nSELECT 1");
        assertEquals(4, statements.size());
        statements.forEach(s -> assertNull(s.copyData(), s.sql()));
    }

    @Test
    void copyWithoutEndOfDataFailsAtTheCopyLine() {
        assertMessage(failure("SELECT 1;\nCOPY t FROM stdin;\na\nb\n"), 2, "COPY", "\\.");
        assertMessage(failure("SELECT 1;\n\nCOPY t FROM stdin"), 3, "COPY", "\\.");
    }

    @Test
    void textAfterCopyOnTheSameLineIsRejected() {
        assertMessage(failure("COPY t FROM stdin; SELECT 1\n\\.\n"), 1, "same line");
    }

    // --- psql meta-commands ---

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\\set ON_ERROR_STOP on|\\set",
            "\\i other.sql|\\i",
            "\\connect mydb|\\connect",
            "  \\c mydb|\\c",
            "\\echo hello|\\echo",
            "SELECT now() AS t \\gset|\\gset"})
    void psqlMetaCommandsAreRejectedNamingTheCommand(String line, String command) {
        SqlSyntaxException e = failure("SELECT 1;\n" + line + "\nSELECT 2;");
        assertMessage(e, 2, "psql meta-command " + command + " has no meaning over JDBC; remove it"
                + " (Preflight sends statements to the server as they are)");
    }

    @Test
    void backslashesInsideQuotesCommentsAndCopyDataAreNotMetaCommands() {
        assertEquals(4, split("SELECT '\\set';\n-- \\i x\n/* \\c db */ SELECT $$\n\\echo$$;\nSELECT \"\\x\";\n"
                + "COPY t FROM stdin;\n\\N\n\\.\n").size());
    }

    @Test
    void strayEndOfDataMarkerIsExplained() {
        assertMessage(failure("SELECT 1;\n\\.\n"), 2, "\\.", "no such COPY is open");
    }

    // --- unterminated constructs ---

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "SELECT 'abc|unterminated quoted string",
            "SELECT E'it\\'s|unterminated E'...' string",
            "SELECT \"col|unterminated quoted identifier",
            "SELECT $$ body|unterminated dollar-quoted string: the $$ on this line has no closing $$",
            "DO $fn$ BEGIN $$ $FN$|unterminated dollar-quoted string: the $fn$ on this line has no closing $fn$",
            "SELECT /* a /* b */|unterminated block comment",
            "SELECT (1, (2)|the ( on this line is never closed"})
    void unterminatedConstructIsReportedWhereItStarted(String opening, String message) {
        SqlSyntaxException e = failure("SELECT 1;\n" + opening + "\n;\nSELECT 2;\n-- end\n");
        assertMessage(e, 2, message);
    }

    @Test
    void beginAtomicWithoutEndIsReportedWhereItBegan() {
        SqlSyntaxException e = failure("CREATE FUNCTION f() RETURNS int LANGUAGE sql\nBEGIN ATOMIC\nSELECT 1;\n");
        assertMessage(e, 2, "BEGIN ATOMIC", "no matching END");
    }

    // --- line numbers ---

    @Test
    void lineIsWhereTheFirstTokenIsNotWhereLeadingCommentsAre() {
        List<SqlStatement> statements = split("-- header\n\n/* a\n b */\n  SELECT\n1;\n\n\nSELECT 2; SELECT 3;");
        assertEquals(List.of(5, 9, 9), statements.stream().map(SqlStatement::line).toList());
    }

    @Test
    void linesCountFromTheFirstLineOfTheSection() {
        List<SqlStatement> statements = SqlSplitter.split("SELECT 1;\n\nSELECT 'a\nb';\nSELECT 3;", ORIGIN, 10);
        assertEquals(List.of(10, 12, 14), statements.stream().map(SqlStatement::line).toList());
    }

    @Test
    void errorLinesCountFromTheFirstLineOfTheSection() {
        SqlSyntaxException e = assertThrows(SqlSyntaxException.class,
                () -> SqlSplitter.split("SELECT 1;\n\nSELECT 'oops;\n", ORIGIN, 10));
        assertMessage(e, 12, "unterminated quoted string");
        e = assertThrows(SqlSyntaxException.class, () -> SqlSplitter.split("SELECT 1;\n\\i x.sql\n", ORIGIN, 10));
        assertMessage(e, 11, "\\i");
    }

    @Test
    void crlfAndLoneCarriageReturnsEndOneLineEach() {
        List<SqlStatement> statements = split("SELECT 1;\r\nSELECT 2;\rSELECT 3;\nSELECT 4;\r\n\r\nSELECT 5;");
        assertEquals(List.of(1, 2, 3, 4, 6), statements.stream().map(SqlStatement::line).toList());
        assertEquals("SELECT 1 -- c\r\n+ 1", split("SELECT 1 -- c\r\n+ 1;").get(0).sql());
    }

    @Test
    void byteOrderMarkIsNotPartOfTheFirstStatement() {
        assertEquals(List.of(new SqlStatement("SELECT 1", 1, null)), split("\uFEFFSELECT 1;"));
    }

    @Test
    void largeScriptSplitsInOnePass() {
        String block = "INSERT INTO t VALUES (1, 'a;b', E'c\\'d', $$e;f$$); -- note; here\n"
                + "/* block; /* nested */ */ SELECT \"x;y\" FROM t;\n";
        String script = block.repeat(1_000_000 / block.length() + 1);
        int expected = 2 * (1_000_000 / block.length() + 1);
        // A guard against quadratic behaviour only; speed is measured by the benchmark, not here.
        List<SqlStatement> statements = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> split(script));
        assertEquals(expected, statements.size());
        assertEquals(expected, statements.get(expected - 1).line());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\n", "--", "/**/", ";"})
    void scriptWithoutStatementsGivesNone(String script) {
        assertEquals(List.of(), split(script));
    }
}
