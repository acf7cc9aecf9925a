package dev.preflight.sql;

import dev.preflight.sql.SqlLexer.Token;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Splits a PostgreSQL script into the statements a JDBC driver can send one by one, the way psql splits it:
 * at each {@code ;} outside quotes ({@code '..'}, {@code E'..'}, {@code "..."}, {@code $$..$$},
 * {@code $tag$..$tag$}), comments ({@code --}, nested {@code /* *}{@code /}), parentheses and
 * {@code BEGIN ATOMIC ... END} function bodies. The rows after {@code COPY ... FROM stdin;} up to the line
 * {@code \.} become that statement's {@link SqlStatement#copyData()}. psql meta-commands ({@code \set},
 * {@code \i}, ...) and anything left open at the end are errors naming the file and line.
 *
 * <pre>{@code
 * List<SqlStatement> statements = SqlSplitter.split(Files.readString(path), "db/migrations/V1__init.sql", 1);
 * // "CREATE TABLE t (s text);\nINSERT INTO t VALUES ('a;b');" -> 2 statements, on lines 1 and 2
 * }</pre>
 *
 * <p>One pass over the characters, linear in the size of the script. Strings follow the server's default
 * {@code standard_conforming_strings = on}: in {@code '...'} a backslash is an ordinary character.
 */
public final class SqlSplitter {

    /** Longest meta-command name quoted back in an error. */
    private static final int MAX_COMMAND_LENGTH = 40;

    private final char[] text;
    private final String origin;
    private final int firstLine;
    private final SqlLexer lexer;
    private final List<SqlStatement> statements = new ArrayList<>();
    /** COPY rows left in the file, by the line of their first row; see {@link CopyRows}. */
    private final Map<Integer, CopyRows> rowsInFile = new HashMap<>();

    // Line numbers are counted lazily from the last position asked for, so each character is counted once.
    private int countedTo;
    private int countedLine;

    // The statement being read; positions are indexes into text, -1 for "none yet".
    private int first = -1;
    private int last;
    private int parenDepth;
    private int outerParen;
    private int atomicDepth;
    private int atomicBegin;
    private int previousBegin = -1;

    private SqlSplitter(String sql, String origin, int firstLine, List<CopyRows> copyRows) {
        copyRows.forEach(rows -> rowsInFile.put(rows.firstLine(), rows));
        this.text = sql.toCharArray();
        this.origin = origin;
        this.firstLine = firstLine;
        this.countedLine = firstLine;
        // A byte order mark is not SQL; editors on Windows add one.
        this.lexer = new SqlLexer(text, text.length > 0 && text[0] == '\uFEFF' ? 1 : 0, text.length);
    }

    /**
     * @param sql the script
     * @param origin the file name used in errors
     * @param firstLine the line of {@code origin} on which {@code sql} starts
     * @return the statements in order; statements with nothing but comments are left out
     * @throws SqlSyntaxException with {@code origin:line} for an unterminated quote, dollar quote, comment,
     *         parenthesis, BEGIN ATOMIC body or COPY block, or a psql meta-command (which has no meaning over
     *         JDBC)
     */
    public static List<SqlStatement> split(String sql, String origin, int firstLine) {
        return split(sql, origin, firstLine, List.of());
    }

    /**
     * {@link #split(String, String, int)} of a script read with the rows of its large COPY blocks left in the file:
     * in {@code sql} each such row is an empty line, and a {@code COPY ... FROM stdin} whose rows start on the first
     * line of one of {@code copyRows} gets those as its {@link SqlStatement#copyRows()}. The caller checks that
     * every one of them was claimed so (a block that is not a COPY's data after all, say inside a dollar quote, was
     * not SQL to leave out).
     */
    public static List<SqlStatement> split(String sql, String origin, int firstLine, List<CopyRows> copyRows) {
        Objects.requireNonNull(sql, "sql");
        return new SqlSplitter(sql, origin, firstLine, copyRows).run();
    }

    private List<SqlStatement> run() {
        while (true) {
            Token token = lexer.next();
            if (lexer.unterminated()) {
                throw error(lexer.start(), unterminated(token));
            }
            switch (token) {
                case END:
                    endOfScript();
                    return statements;
                case LINE_COMMENT:
                case BLOCK_COMMENT:
                    break;
                case BACKSLASH:
                    throw metaCommand(lexer.start());
                case SEMICOLON:
                    if (parenDepth == 0 && atomicDepth == 0) {
                        endStatement(lexer.end());
                    } else {
                        // CREATE RULE ... DO (a; b) and BEGIN ATOMIC a; b; END keep their semicolons.
                        add(token);
                    }
                    break;
                default:
                    add(token);
            }
        }
    }

    /** Adds a token (not a comment) to the current statement. */
    private void add(Token token) {
        int start = lexer.start();
        if (first < 0) {
            first = start;
        }
        last = lexer.end();
        int begin = -1;
        if (token == Token.OPEN_PAREN) {
            if (parenDepth++ == 0) {
                outerParen = start;
            }
        } else if (token == Token.CLOSE_PAREN) {
            // Like psql: a stray ")" is the server's to report, not a reason to stop splitting.
            if (parenDepth > 0) {
                parenDepth--;
            }
        } else if (token == Token.WORD) {
            if (atomicDepth > 0) {
                // Inside BEGIN ATOMIC only CASE ... END nests; IF/LOOP are PL/pgSQL, which needs a quoted body.
                if (lexer.isWord("CASE")) {
                    atomicDepth++;
                } else if (lexer.isWord("END")) {
                    atomicDepth--;
                }
            } else if (parenDepth == 0) {
                if (previousBegin >= 0 && lexer.isWord("ATOMIC")
                        && StatementKinds.isRoutineDefinition(text, first, start)) {
                    atomicDepth = 1;
                    atomicBegin = previousBegin;
                } else if (lexer.isWord("BEGIN")) {
                    begin = start;
                }
            }
        }
        previousBegin = begin;
    }

    private void endStatement(int end) {
        if (first >= 0) {
            int line = lineAt(first);
            String sql = new String(text, first, last - first);
            if (StatementKinds.isCopyFromStdin(text, first, last)) {
                int dataStart = copyDataStart(end);
                CopyRows inFile = rowsInFile.get(lineAt(dataStart));
                if (inFile != null && skipRowsInFile(dataStart, inFile)) {
                    statements.add(new SqlStatement(sql, line, null, inFile));
                } else {
                    statements.add(new SqlStatement(sql, line, readCopyData(dataStart, line)));
                }
            } else {
                statements.add(new SqlStatement(sql, line, null));
            }
        }
        first = -1;
        parenDepth = 0;
        atomicDepth = 0;
        previousBegin = -1;
    }

    private void endOfScript() {
        if (atomicDepth > 0) {
            throw error(atomicBegin, "BEGIN ATOMIC on this line has no matching END;"
                    + " everything after it was read as part of the function body");
        }
        if (parenDepth > 0) {
            throw error(outerParen, "the ( on this line is never closed;"
                    + " every ; after it was read as part of the same statement");
        }
        endStatement(text.length);
    }

    /** Where the rows after {@code COPY ... FROM stdin;} start: the next line, as the statement must end its line. */
    private int copyDataStart(int afterSemicolon) {
        int i = afterSemicolon;
        while (i < text.length && SqlLexer.isSpace(text[i]) && !SqlLexer.isLineBreak(text[i])) {
            i++;
        }
        if (i + 1 < text.length && text[i] == '-' && text[i + 1] == '-') {
            i = endOfLine(i);
        }
        if (i < text.length && !SqlLexer.isLineBreak(text[i])) {
            throw error(i, "text after COPY ... FROM stdin; on the same line; its data rows must start on the"
                    + " next line");
        }
        return afterLineBreak(i);
    }

    /**
     * Rows left in the file are as many empty lines here, followed by the line {@code \.}: when that is what is
     * there, continues lexing after it and answers true.
     */
    private boolean skipRowsInFile(int dataStart, CopyRows inFile) {
        int lineStart = dataStart;
        for (int row = 0; row < inFile.lines(); row++) {
            if (lineStart >= text.length || endOfLine(lineStart) != lineStart) {
                return false;
            }
            lineStart = afterLineBreak(lineStart);
        }
        int lineEnd = endOfLine(lineStart);
        if (lineEnd - lineStart == 2 && text[lineStart] == '\\' && text[lineStart + 1] == '.') {
            lexer.reset(afterLineBreak(lineEnd));
            return true;
        }
        return false;
    }

    /** Reads the rows from {@code dataStart} up to the line {@code \.}, and continues lexing after that line. */
    private String readCopyData(int dataStart, int copyLine) {
        boolean carriageReturns = false;
        for (int lineStart = dataStart; lineStart < text.length; ) {
            int lineEnd = endOfLine(lineStart);
            if (lineEnd - lineStart == 2 && text[lineStart] == '\\' && text[lineStart + 1] == '.') {
                lexer.reset(afterLineBreak(lineEnd));
                return carriageReturns ? withNewlines(dataStart, lineStart) : new String(text, dataStart,
                        lineStart - dataStart);
            }
            carriageReturns |= lineEnd < text.length && text[lineEnd] == '\r';
            lineStart = afterLineBreak(lineEnd);
        }
        throw new SqlSyntaxException(origin, copyLine, "COPY ... FROM stdin on this line has no end-of-data"
                + " line; add a line containing only \\. after its data rows");
    }

    /** The text with every line break ({@code \r\n}, {@code \r}) written as {@code \n}. */
    private String withNewlines(int from, int to) {
        StringBuilder data = new StringBuilder(to - from);
        for (int i = from; i < to; i++) {
            char ch = text[i];
            if (ch != '\r') {
                data.append(ch);
            } else if (i + 1 >= to || text[i + 1] != '\n') {
                data.append('\n');
            }
        }
        return data.toString();
    }

    private int endOfLine(int from) {
        int i = from;
        while (i < text.length && !SqlLexer.isLineBreak(text[i])) {
            i++;
        }
        return i;
    }

    private int afterLineBreak(int lineEnd) {
        if (lineEnd >= text.length) {
            return lineEnd;
        }
        return text[lineEnd] == '\r' && lineEnd + 1 < text.length && text[lineEnd + 1] == '\n'
                ? lineEnd + 2 : lineEnd + 1;
    }

    private SqlSyntaxException metaCommand(int backslash) {
        int end = backslash + 1;
        while (end < text.length && end - backslash < MAX_COMMAND_LENGTH
                && !SqlLexer.isSpace(text[end]) && (end == backslash + 1 || text[end] != '\\')) {
            end++;
        }
        String command = new String(text, backslash, end - backslash);
        if (command.equals("\\.")) {
            return error(backslash, "\\. ends the data of a COPY ... FROM stdin, but no such COPY is open here");
        }
        return error(backslash, "psql meta-command " + command + " has no meaning over JDBC; remove it"
                + " (Preflight sends statements to the server as they are)");
    }

    private String unterminated(Token token) {
        return switch (token) {
            case STRING -> "unterminated quoted string: the ' on this line has no closing '";
            case ESCAPE_STRING -> "unterminated E'...' string: the E' on this line has no closing '"
                    + " (in E'...' strings a backslash escapes the next character, so \\' does not close it)";
            case QUOTED_IDENTIFIER -> "unterminated quoted identifier: the \" on this line has no closing \"";
            case DOLLAR_STRING -> "unterminated dollar-quoted string: the " + lexer.dollarTag()
                    + " on this line has no closing " + lexer.dollarTag();
            case BLOCK_COMMENT -> "unterminated block comment: the /* on this line has no closing */"
                    + " (block comments nest, so each /* needs its own */)";
            default -> throw new IllegalStateException("a " + token + " cannot be unterminated");
        };
    }

    private SqlSyntaxException error(int position, String message) {
        return new SqlSyntaxException(origin, lineAt(position), message);
    }

    /** The line of {@code position}: {@code \r\n}, {@code \n} and a lone {@code \r} each end a line. */
    private int lineAt(int position) {
        if (position < countedTo) {
            // Positions asked for only grow, except in corner cases of errors; counting again is fine then.
            countedTo = 0;
            countedLine = firstLine;
        }
        for (int i = countedTo; i < position; i++) {
            char ch = text[i];
            if (ch == '\n' || (ch == '\r' && (i + 1 >= text.length || text[i + 1] != '\n'))) {
                countedLine++;
            }
        }
        countedTo = position;
        return countedLine;
    }
}
