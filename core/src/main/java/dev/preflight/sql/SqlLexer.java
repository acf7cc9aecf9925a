package dev.preflight.sql;

/**
 * PostgreSQL's lexical rules, as far as statement boundaries and leading keywords need them: one token at a
 * time over a range of a {@code char[]}, without allocating. Whitespace is skipped; comments are tokens so
 * that callers can keep them inside a statement.
 *
 * <p>Follows the server's lexer ({@code scan.l}) with its defaults: {@code standard_conforming_strings = on}
 * (a backslash in {@code '...'} is an ordinary character), backslash escapes only in {@code E'...'},
 * dollar-quote tags without {@code $} or a leading digit (so {@code $1} is a parameter), {@code $} allowed
 * inside identifiers (so {@code a$b$c} is one word), nested block comments.
 *
 * <pre>{@code
 * SqlLexer lexer = new SqlLexer(text, 0, text.length);
 * for (SqlLexer.Token t = lexer.next(); t != SqlLexer.Token.END; t = lexer.next()) {
 *     if (lexer.unterminated()) { ... lexer.start() is where it opened ... }
 * }
 * }</pre>
 */
final class SqlLexer {

    enum Token {
        /** A keyword, an unquoted identifier or a number. */
        WORD,
        QUOTED_IDENTIFIER,
        /** {@code '...'}, also with a prefix such as {@code B'..'}, {@code X'..'}, {@code U&'..'}. */
        STRING,
        /** {@code E'...'}: backslash escapes. */
        ESCAPE_STRING,
        DOLLAR_STRING,
        LINE_COMMENT,
        BLOCK_COMMENT,
        SEMICOLON,
        OPEN_PAREN,
        CLOSE_PAREN,
        /** Never valid SQL outside a quote: in a script it starts a psql meta-command. */
        BACKSLASH,
        /** Any other single character: operators, punctuation, a lone {@code $}, a parameter {@code $1}. */
        OTHER,
        END
    }

    private final char[] text;
    private final int limit;
    private int pos;
    private int start;
    private Token token = Token.END;
    private boolean unterminated;

    /** Lexes {@code text[from, to)}. */
    SqlLexer(char[] text, int from, int to) {
        this.text = text;
        this.pos = from;
        this.limit = to;
    }

    /** Reads the next token; at the end of the range returns {@link Token#END} (again and again). */
    Token next() {
        token = scan();
        return token;
    }

    private Token scan() {
        unterminated = false;
        while (pos < limit && isSpace(text[pos])) {
            pos++;
        }
        start = pos;
        if (pos >= limit) {
            return Token.END;
        }
        char ch = text[pos];
        switch (ch) {
            case '\'':
                return quoted(Token.STRING, pos + 1, '\'', false);
            case '"':
                return quoted(Token.QUOTED_IDENTIFIER, pos + 1, '"', false);
            case '$':
                return dollar();
            case '-':
                if (peek(pos + 1) == '-') {
                    return lineComment();
                }
                return single(Token.OTHER);
            case '/':
                if (peek(pos + 1) == '*') {
                    return blockComment();
                }
                return single(Token.OTHER);
            case ';':
                return single(Token.SEMICOLON);
            case '(':
                return single(Token.OPEN_PAREN);
            case ')':
                return single(Token.CLOSE_PAREN);
            case '\\':
                return single(Token.BACKSLASH);
            default:
                if (isIdentifierStart(ch) || isDigit(ch)) {
                    return word();
                }
                return single(Token.OTHER);
        }
    }

    /** Where the current token starts. */
    int start() {
        return start;
    }

    /** Where the current token ends (exclusive); also where the next one is looked for. */
    int end() {
        return pos;
    }

    /**
     * True when the current quote, dollar quote, quoted identifier or block comment runs to the end of the
     * range without being closed; {@link #end()} is then the end of the range.
     */
    boolean unterminated() {
        return unterminated;
    }

    /** Continues lexing at {@code position} (after data that is not SQL, such as COPY rows). */
    void reset(int position) {
        pos = position;
    }

    /** The current token. */
    Token token() {
        return token;
    }

    /** True when the current token is a word equal to {@code keyword} (given in upper case), ignoring case. */
    boolean isWord(String keyword) {
        if (token != Token.WORD || pos - start != keyword.length()) {
            return false;
        }
        for (int i = 0; i < keyword.length(); i++) {
            char ch = text[start + i];
            if (ch >= 'a' && ch <= 'z') {
                ch -= 'a' - 'A';
            }
            if (ch != keyword.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The whitespace of PostgreSQL's lexer; other control characters are not skipped. */
    static boolean isSpace(char ch) {
        return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f' || ch == '\u000B';
    }

    static boolean isLineBreak(char ch) {
        return ch == '\n' || ch == '\r';
    }

    private Token single(Token token) {
        pos++;
        return token;
    }

    private char peek(int index) {
        return index < limit ? text[index] : '\0';
    }

    private Token word() {
        int i = pos + 1;
        while (i < limit && isIdentifierPart(text[i])) {
            i++;
        }
        if (i == pos + 1 && (text[pos] == 'E' || text[pos] == 'e') && i < limit && text[i] == '\'') {
            return quoted(Token.ESCAPE_STRING, i + 1, '\'', true);
        }
        pos = i;
        return Token.WORD;
    }

    /** A doubled closing character stands for itself; in E'' strings a backslash also escapes. */
    private Token quoted(Token token, int from, char close, boolean backslashEscapes) {
        int i = from;
        while (i < limit) {
            char ch = text[i];
            if (ch == close) {
                if (i + 1 < limit && text[i + 1] == close) {
                    i += 2;
                    continue;
                }
                pos = i + 1;
                return token;
            }
            i += ch == '\\' && backslashEscapes ? 2 : 1;
        }
        return unterminatedAtLimit(token);
    }

    private Token dollar() {
        int i = pos + 1;
        if (i < limit && isDigit(text[i])) {
            // $1: a positional parameter, not a dollar quote.
            while (i < limit && isDigit(text[i])) {
                i++;
            }
            pos = i;
            return Token.OTHER;
        }
        if (i < limit && isIdentifierStart(text[i])) {
            while (i < limit && (isIdentifierStart(text[i]) || isDigit(text[i]))) {
                i++;
            }
        }
        if (i >= limit || text[i] != '$') {
            // "$abc" without a closing "$" is a lone "$" followed by a word, as in the server.
            return single(Token.OTHER);
        }
        int tagStart = pos;
        int tagLength = i + 1 - pos;
        for (int j = i + 1; j + tagLength <= limit; j++) {
            if (text[j] == '$' && regionEquals(j, tagStart, tagLength)) {
                pos = j + tagLength;
                return Token.DOLLAR_STRING;
            }
        }
        return unterminatedAtLimit(Token.DOLLAR_STRING);
    }

    private boolean regionEquals(int at, int other, int length) {
        for (int k = 1; k < length; k++) {
            if (text[at + k] != text[other + k]) {
                return false;
            }
        }
        return true;
    }

    /** The tag of the current dollar-quoted string, e.g. {@code $body$}. */
    String dollarTag() {
        int i = start + 1;
        while (text[i] != '$') {
            i++;
        }
        return new String(text, start, i + 1 - start);
    }

    private Token lineComment() {
        int i = pos + 2;
        while (i < limit && !isLineBreak(text[i])) {
            i++;
        }
        pos = i;
        return Token.LINE_COMMENT;
    }

    private Token blockComment() {
        int depth = 1;
        int i = pos + 2;
        while (i + 1 < limit) {
            char ch = text[i];
            if (ch == '/' && text[i + 1] == '*') {
                depth++;
                i += 2;
            } else if (ch == '*' && text[i + 1] == '/') {
                i += 2;
                if (--depth == 0) {
                    pos = i;
                    return Token.BLOCK_COMMENT;
                }
            } else {
                i++;
            }
        }
        return unterminatedAtLimit(Token.BLOCK_COMMENT);
    }

    private Token unterminatedAtLimit(Token token) {
        unterminated = true;
        pos = limit;
        return token;
    }

    private static boolean isDigit(char ch) {
        return ch >= '0' && ch <= '9';
    }

    /** Letters, underscore and every non-ASCII character, as in the server (which sees UTF-8 bytes). */
    private static boolean isIdentifierStart(char ch) {
        return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch == '_' || ch >= 0x80;
    }

    private static boolean isIdentifierPart(char ch) {
        return isIdentifierStart(ch) || isDigit(ch) || ch == '$';
    }
}
