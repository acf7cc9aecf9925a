package dev.preflight.agent.boot;

import dev.preflight.ConfigException;

import java.util.List;

/**
 * Spring's profile expressions, as {@code spring.config.activate.on-profile} takes them: a name, {@code !name},
 * {@code a & b}, {@code a | b} and parentheses; a comma-separated list matches when any item does.
 *
 * <pre>{@code
 * ProfileExpression.matches("prod & !cloud", List.of("prod"), origin)   // true
 * }</pre>
 */
final class ProfileExpression {

    private final String text;
    private final List<String> active;
    private final String origin;
    private int at;

    private ProfileExpression(String text, List<String> active, String origin) {
        this.text = text;
        this.active = active;
        this.origin = origin;
    }

    static boolean matches(String expressions, List<String> active, String origin) {
        for (String expression : expressions.split(",")) {
            if (!expression.isBlank() && new ProfileExpression(expression, active, origin).parse()) {
                return true;
            }
        }
        return false;
    }

    private boolean parse() {
        boolean value = or();
        skipSpaces();
        if (at < text.length()) {
            throw malformed();
        }
        return value;
    }

    private boolean or() {
        boolean value = and();
        while (accept('|')) {
            value |= and();
        }
        return value;
    }

    private boolean and() {
        boolean value = not();
        while (accept('&')) {
            value &= not();
        }
        return value;
    }

    private boolean not() {
        if (accept('!')) {
            return !not();
        }
        if (accept('(')) {
            boolean value = or();
            if (!accept(')')) {
                throw malformed();
            }
            return value;
        }
        skipSpaces();
        int start = at;
        while (at < text.length() && "!&|() ".indexOf(text.charAt(at)) < 0) {
            at++;
        }
        if (start == at) {
            throw malformed();
        }
        return active.contains(text.substring(start, at));
    }

    private boolean accept(char c) {
        skipSpaces();
        if (at < text.length() && text.charAt(at) == c) {
            at++;
            return true;
        }
        return false;
    }

    private void skipSpaces() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
    }

    private ConfigException malformed() {
        return new ConfigException("Cannot read the profile expression `" + text.strip() + "` of "
                + ConfigDocument.ON_PROFILE + " in " + origin + "; Spring Boot would refuse it too");
    }
}
