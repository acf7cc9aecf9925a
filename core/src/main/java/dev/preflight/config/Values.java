package dev.preflight.config;

import dev.preflight.lint.RuleSelection;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The value types of the configuration keys: one parser per kind of value, shared by every key of that kind.
 * A parser gets a trimmed, non-blank text and returns the typed value, or throws
 * {@link InvalidValueException} saying what is allowed.
 */
final class Values {

    /** Parses the text of one setting. */
    @FunctionalInterface
    interface Parser {
        Object parse(String text);
    }

    static final Pattern REPO_NAME = Pattern.compile("[a-z][a-z0-9_-]*");

    private static final String JAVA_NAME = "\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*";
    private static final Pattern HOOK = Pattern.compile(JAVA_NAME + "(\\." + JAVA_NAME + ")*#" + JAVA_NAME);
    private static final String READY_PORT = "port:";
    /** ASCII digits only: Integer.parseInt would also take other scripts' digits. */
    private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,10}");

    private Values() {
    }

    static Parser text() {
        return text -> text;
    }

    /** Comma-separated, each item trimmed, empty items dropped; at least one item. */
    static Parser list() {
        return Values::split;
    }

    static Parser repoNames() {
        return text -> {
            List<String> names = split(text);
            Set<String> seen = new LinkedHashSet<>();
            for (String name : names) {
                if (!REPO_NAME.matcher(name).matches()) {
                    throw new InvalidValueException("repo name `" + name + "` must match [a-z][a-z0-9_-]*,"
                            + " e.g. main,audit");
                }
                if (!seen.add(name)) {
                    throw new InvalidValueException("repo `" + name + "` is listed twice");
                }
            }
            return names;
        };
    }

    /** {@code lint.rules}: a list of category words, rule ids and {@code -<rule id>}s (see RuleSelection). */
    static Parser lintRules() {
        return text -> {
            List<String> entries = split(text);
            for (String entry : entries) {
                String name = entry.startsWith("-") ? entry.substring(1) : entry;
                if (!RuleSelection.isName(name)) {
                    throw new InvalidValueException("`" + name + "` is no lint rule"
                            + Suggestions.closest(name, RuleSelection.names()).map(n -> " (did you mean " + n + "?)")
                            .orElse("") + "; use hazards, conventions, all, none, a rule id from README's lint"
                            + " table, or -<rule id>");
                }
            }
            return entries;
        };
    }

    /** One of an enum's constants, written in lower case with {@code -} for {@code _} ({@code on-failure=continue}). */
    static <E extends Enum<E>> Parser choice(Class<E> modes) {
        return text -> {
            for (E mode : modes.getEnumConstants()) {
                if (label(mode).equals(text)) {
                    return mode;
                }
            }
            throw new InvalidValueException("use one of " + String.join(", ",
                    java.util.Arrays.stream(modes.getEnumConstants()).map(Values::label).toList()));
        };
    }

    /** How a mode is written in the configuration: {@code WARN} as {@code warn}. */
    static String label(Enum<?> mode) {
        return mode.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    static Parser bool() {
        return text -> switch (text) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new InvalidValueException("use true or false");
        };
    }

    static Parser port() {
        return Values::parsePort;
    }

    static Parser count() {
        return text -> {
            int count = parseInt(text, "a whole number of 0 or more, e.g. 5");
            if (count < 0) {
                throw new InvalidValueException("use a whole number of 0 or more, e.g. 5");
            }
            return count;
        };
    }

    static Parser duration() {
        return Durations::parse;
    }

    /** {@code unlimited} (empty) or a duration. */
    static Parser limit() {
        return text -> {
            if (text.equals("unlimited")) {
                return Optional.empty();
            }
            try {
                return Optional.of(Durations.parse(text));
            } catch (InvalidValueException e) {
                throw new InvalidValueException("use unlimited or a duration: " + e.getMessage());
            }
        };
    }

    /**
     * {@code none} (empty: the server's own setting stays), {@code unlimited} ({@link java.time.Duration#ZERO}, as
     * PostgreSQL's 0) or a duration: a PostgreSQL timeout Preflight may set.
     */
    static Parser serverTimeout() {
        return text -> {
            if (text.equals("none")) {
                return Optional.empty();
            }
            if (text.equals("unlimited")) {
                return Optional.of(java.time.Duration.ZERO);
            }
            try {
                return Optional.of(Durations.parse(text));
            } catch (InvalidValueException e) {
                throw new InvalidValueException("use none, unlimited or a duration: " + e.getMessage());
            }
        };
    }

    /** {@code migrated}, or {@code port:<n>}; returned as written, {@link #readyPort} reads the port. */
    static Parser ready() {
        return text -> {
            if (text.equals("migrated")) {
                return text;
            }
            if (text.startsWith(READY_PORT)) {
                try {
                    return READY_PORT + parsePort(text.substring(READY_PORT.length()));
                } catch (InvalidValueException e) {
                    // fall through to the message that shows both forms
                }
            }
            throw new InvalidValueException("use migrated or port:<n> with n from 1 to 65535, e.g. port:8080");
        };
    }

    static Parser hook() {
        return text -> {
            if (!HOOK.matcher(text).matches()) {
                throw new InvalidValueException("use Class#method with the fully qualified class name,"
                        + " e.g. com.example.App#main");
            }
            return text;
        };
    }

    /** Returns a {@link DatabaseUrls.Parsed}. */
    static Parser url() {
        return DatabaseUrls::parse;
    }

    private static List<String> split(String text) {
        List<String> items = new ArrayList<>();
        for (String item : text.split(",")) {
            if (!item.isBlank()) {
                items.add(item.strip());
            }
        }
        if (items.isEmpty()) {
            throw new InvalidValueException("give at least one item, comma-separated");
        }
        return List.copyOf(items);
    }

    private static int parsePort(String text) {
        int port = parseInt(text, "a port from 1 to 65535");
        if (port < 1 || port > 65535) {
            throw new InvalidValueException("use a port from 1 to 65535");
        }
        return port;
    }

    private static int parseInt(String text, String allowed) {
        if (!INTEGER.matcher(text).matches()) {
            throw new InvalidValueException("use " + allowed);
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new InvalidValueException("use " + allowed);
        }
    }
}
