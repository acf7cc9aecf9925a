package dev.preflight.sql;

import dev.preflight.sql.SqlLexer.Token;

import java.util.ArrayList;
import java.util.List;
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

    private final List<String> texts = new ArrayList<>();
    private final List<Token> tokens = new ArrayList<>();
    private final List<Integer> depths = new ArrayList<>();

    private SqlWords(String sql) {
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
            texts.add(new String(text, lexer.start(), lexer.end() - lexer.start()));
            tokens.add(t);
            depths.add(depth);
            if (t == Token.OPEN_PAREN) {
                depth++;
            }
        }
    }

    /** The tokens of {@code sql}, comments left out. */
    public static SqlWords of(String sql) {
        return new SqlWords(sql);
    }

    public int size() {
        return texts.size();
    }

    /** The token as written; "" past the end. */
    public String text(int i) {
        return i >= 0 && i < texts.size() ? texts.get(i) : "";
    }

    /** How deep in parentheses token {@code i} is; a parenthesis counts as outside the pair it forms. */
    public int depth(int i) {
        return i >= 0 && i < depths.size() ? depths.get(i) : 0;
    }

    /** True when token {@code i} is the word {@code keyword} (given in upper case), ignoring case. */
    public boolean is(int i, String keyword) {
        return i >= 0 && i < tokens.size() && tokens.get(i) == Token.WORD && texts.get(i).equalsIgnoreCase(keyword);
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
        return i >= 0 && i < tokens.size() && tokens.get(i) != Token.WORD && texts.get(i).equals(symbol);
    }

    /** True when token {@code i} is a string constant: {@code '...'}, {@code E'...'} or a dollar-quoted string. */
    public boolean isString(int i) {
        if (i < 0 || i >= tokens.size()) {
            return false;
        }
        Token t = tokens.get(i);
        return t == Token.STRING || t == Token.ESCAPE_STRING || t == Token.DOLLAR_STRING;
    }

    /** True when token {@code i} is a quoted identifier, such as {@code "Users"}. */
    public boolean isQuoted(int i) {
        return i >= 0 && i < tokens.size() && tokens.get(i) == Token.QUOTED_IDENTIFIER;
    }

    /**
     * The index of the parenthesis that closes the one opened at {@code open}, or {@link #size()} when it is not
     * closed in the statement.
     */
    public int closing(int open) {
        int depth = depth(open);
        for (int i = open + 1; i < tokens.size(); i++) {
            if (tokens.get(i) == Token.CLOSE_PAREN && depths.get(i) == depth) {
                return i;
            }
        }
        return tokens.size();
    }

    /** True when token {@code i} is a word or a quoted identifier. */
    public boolean isIdentifier(int i) {
        return i >= 0 && i < tokens.size() && (tokens.get(i) == Token.WORD || tokens.get(i) == Token.QUOTED_IDENTIFIER);
    }

    /** The first index at or after {@code from} of {@code keyword} at parenthesis depth {@code depth}, or -1. */
    public int indexOf(String keyword, int from, int depth) {
        for (int i = Math.max(from, 0); i < tokens.size(); i++) {
            if (depths.get(i) == depth && is(i, keyword)) {
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
        if (i < tokens.size() && tokens.get(i) == Token.QUOTED_IDENTIFIER) {
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
        return String.join("", texts.subList(Math.max(from, 0), Math.min(to, texts.size())));
    }
}
