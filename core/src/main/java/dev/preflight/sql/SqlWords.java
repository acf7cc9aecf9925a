package dev.preflight.sql;

import dev.preflight.sql.SqlLexer.Token;

import java.util.Arrays;
import java.util.Locale;

/**
 * The tokens of one statement without its comments, for code that reads statements by their keywords (the
 * safety lint, the engine's clean-up before {@code CREATE INDEX CONCURRENTLY}). Lexed by {@link SqlLexer}, the
 * same lexer the splitter uses, so quotes, dollar quotes and comments are never mistaken for keywords.
 *
 * <pre>{@code
 * SqlWords w = SqlWords.of("ALTER TABLE public.\"Users\" ADD COLUMN c int");
 * w.is(0, "ALTER");          // true, case ignored
 * w.nameEnd(2);              // 5: public . "Users" is one qualified name
 * w.identifier(4);           // "Users" (quoted: kept as written); an unquoted name is folded to lower case
 * }</pre>
 */
public final class SqlWords {

    private final String sql;
    private int size;
    private int[] starts = new int[16];
    private int[] ends = new int[16];
    private int[] depths = new int[16];
    private Token[] tokens = new Token[16];
    /** Token texts made so far; a token's String is only made when asked for. */
    private String[] texts;

    private SqlWords(String sql) {
        this.sql = sql;
        char[] text = sql.toCharArray();
        SqlLexer lexer = new SqlLexer(text, 0, text.length);
        int depth = 0;
        for (Token t = lexer.next(); t != Token.END; t = lexer.next()) {
            if (t == Token.LINE_COMMENT || t == Token.BLOCK_COMMENT) {
                continue;
            }
            if (t == Token.CLOSE_PAREN && depth > 0) {
                depth--;
            }
            add(t, lexer.start(), lexer.end(), depth);
            if (t == Token.OPEN_PAREN) {
                depth++;
            }
        }
        texts = new String[size];
    }

    private void add(Token t, int start, int end, int depth) {
        if (size == starts.length) {
            int grown = size * 2;
            starts = Arrays.copyOf(starts, grown);
            ends = Arrays.copyOf(ends, grown);
            depths = Arrays.copyOf(depths, grown);
            tokens = Arrays.copyOf(tokens, grown);
        }
        starts[size] = start;
        ends[size] = end;
        depths[size] = depth;
        tokens[size] = t;
        size++;
    }

    /** The tokens of {@code sql}, comments left out. */
    public static SqlWords of(String sql) {
        return new SqlWords(sql);
    }

    public int size() {
        return size;
    }

    /** The token as written; "" past the end. */
    public String text(int i) {
        if (i < 0 || i >= size) {
            return "";
        }
        String t = texts[i];
        if (t == null) {
            t = sql.substring(starts[i], ends[i]);
            texts[i] = t;
        }
        return t;
    }

    /** How deep in parentheses token {@code i} is; a parenthesis counts as outside the pair it forms. */
    public int depth(int i) {
        return i >= 0 && i < size ? depths[i] : 0;
    }

    /** True when token {@code i} is the word {@code keyword} (given in upper case), ignoring case. */
    public boolean is(int i, String keyword) {
        return i >= 0 && i < size && tokens[i] == Token.WORD && ends[i] - starts[i] == keyword.length()
                && sql.regionMatches(true, starts[i], keyword, 0, keyword.length());
    }

    /** True when token {@code i} is one of {@code keywords}. */
    public boolean isAny(int i, String... keywords) {
        for (String keyword : keywords) {
            if (is(i, keyword)) {
                return true;
            }
        }
        return false;
    }

    /** True when token {@code i} is the punctuation {@code symbol}: {@code (}, {@code )}, {@code ,}, {@code .}. */
    public boolean isSymbol(int i, String symbol) {
        return i >= 0 && i < size && tokens[i] != Token.WORD && ends[i] - starts[i] == symbol.length()
                && sql.startsWith(symbol, starts[i]);
    }

    /** True when token {@code i} is a word or a quoted identifier. */
    public boolean isIdentifier(int i) {
        return i >= 0 && i < size && (tokens[i] == Token.WORD || tokens[i] == Token.QUOTED_IDENTIFIER);
    }

    /** True when token {@code i} is a string constant: {@code '...'}, {@code E'...'} or a dollar-quoted string. */
    public boolean isString(int i) {
        if (i < 0 || i >= size) {
            return false;
        }
        Token t = tokens[i];
        return t == Token.STRING || t == Token.ESCAPE_STRING || t == Token.DOLLAR_STRING;
    }

    /** True when token {@code i} is a quoted identifier, such as {@code "Users"}. */
    public boolean isQuoted(int i) {
        return i >= 0 && i < size && tokens[i] == Token.QUOTED_IDENTIFIER;
    }

    /**
     * The index of the parenthesis that closes the one opened at {@code open}, or {@link #size()} when it is not
     * closed in the statement.
     */
    public int closing(int open) {
        int depth = depth(open);
        for (int i = open + 1; i < size; i++) {
            if (tokens[i] == Token.CLOSE_PAREN && depths[i] == depth) {
                return i;
            }
        }
        return size;
    }

    /** The first index at or after {@code from} of {@code keyword} at parenthesis depth {@code depth}, or -1. */
    public int indexOf(String keyword, int from, int depth) {
        for (int i = Math.max(from, 0); i < size; i++) {
            if (depths[i] == depth && is(i, keyword)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The identifier at {@code i} as PostgreSQL resolves it: an unquoted one folded to lower case, a quoted one
     * without its quotes (a doubled {@code ""} read as one).
     */
    public String identifier(int i) {
        String t = text(i);
        if (i >= 0 && i < size && tokens[i] == Token.QUOTED_IDENTIFIER) {
            return t.substring(1, t.length() - 1).replace("\"\"", "\"");
        }
        return t.toLowerCase(Locale.ROOT);
    }

    /** The end (exclusive) of the possibly qualified name {@code a.b.c} starting at {@code i}. */
    public int nameEnd(int i) {
        if (!isIdentifier(i)) {
            return i;
        }
        int end = i + 1;
        while (isSymbol(end, ".") && isIdentifier(end + 1)) {
            end += 2;
        }
        return end;
    }

    /** The tokens {@code [from, to)} joined as written, e.g. a qualified name to hand to {@code to_regclass}. */
    public String join(int from, int to) {
        StringBuilder out = new StringBuilder();
        for (int i = Math.max(from, 0); i < Math.min(to, size); i++) {
            out.append(text(i));
        }
        return out.toString();
    }
}
