package dev.preflight;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One typed parameter of a {@link Task}. Build it with a factory and, if needed, a wither:
 *
 * <pre>{@code
 * TaskParameter.date("older-than", "purge todos done before this day").asRequired()
 * TaskParameter.integer("last", "how many migrations").withDefault("1")
 * TaskParameter.choice("mode", "what to do", "count", "delete").withDefault("count")
 * }</pre>
 *
 * <p>A parameter is optional unless made required; an optional one without a default is simply absent when not
 * given ({@link TaskArguments#has}). Values are given as text ({@code older-than=2024-01-01}) and parsed by
 * type: {@code int}, {@code long}, {@code boolean} ({@code true}/{@code false}, also {@code yes}/{@code no}),
 * {@code date} ({@code yyyy-MM-dd}), {@code enum} (one of the choices).
 *
 * @param name         the name a user types, e.g. {@code older-than}
 * @param type         how the value is parsed
 * @param description  one line for help texts
 * @param required     true when the value must be given
 * @param defaultValue the value used when it is not given, as text; null for none
 * @param choices      the allowed values of an {@link Type#ENUM}; empty for every other type
 */
public record TaskParameter(String name, Type type, String description, boolean required, String defaultValue,
                            List<String> choices) {

    /** The types a parameter can have. */
    public enum Type { STRING, INT, LONG, BOOLEAN, DATE, ENUM }

    /** Letters, digits, {@code -}, {@code _} and {@code .}, starting with a letter: safe in {@code k=v,k=v} text. */
    static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]*");

    public TaskParameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        description = description == null ? "" : description;
        choices = choices == null ? List.of() : List.copyOf(choices);
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("task parameter name `" + name + "` must start with a letter and hold"
                    + " only letters, digits, '-', '_' and '.'");
        }
        if (type == Type.ENUM && choices.isEmpty()) {
            throw new IllegalArgumentException("task parameter " + name + " is an enum without choices");
        }
        if (type != Type.ENUM && !choices.isEmpty()) {
            throw new IllegalArgumentException("task parameter " + name + " has choices but is a " + typeName(type));
        }
        if (required && defaultValue != null) {
            throw new IllegalArgumentException("task parameter " + name + " is required and has a default;"
                    + " it can only be one of them");
        }
        if (defaultValue != null) {
            try {
                parseValue(name, type, choices, defaultValue);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("default of task parameter " + name + ": " + e.getMessage(), e);
            }
        }
    }

    /** Any text. */
    public static TaskParameter string(String name, String description) {
        return new TaskParameter(name, Type.STRING, description, false, null, List.of());
    }

    /** A Java {@code int}. */
    public static TaskParameter integer(String name, String description) {
        return new TaskParameter(name, Type.INT, description, false, null, List.of());
    }

    /** A Java {@code long}. */
    public static TaskParameter longValue(String name, String description) {
        return new TaskParameter(name, Type.LONG, description, false, null, List.of());
    }

    /** {@code true} or {@code false}. */
    public static TaskParameter bool(String name, String description) {
        return new TaskParameter(name, Type.BOOLEAN, description, false, null, List.of());
    }

    /** A day, {@code yyyy-MM-dd}. */
    public static TaskParameter date(String name, String description) {
        return new TaskParameter(name, Type.DATE, description, false, null, List.of());
    }

    /** One of {@code choices} (matched ignoring case, returned as declared). */
    public static TaskParameter choice(String name, String description, String... choices) {
        return new TaskParameter(name, Type.ENUM, description, false, null, List.of(choices));
    }

    /**
     * This parameter, required. (Named {@code asRequired} because {@link #required()} is the record's accessor.)
     */
    public TaskParameter asRequired() {
        return new TaskParameter(name, type, description, true, null, choices);
    }

    /** This parameter, optional with {@code value} (text, as a user would type it) when not given. */
    public TaskParameter withDefault(String value) {
        return new TaskParameter(name, type, description, false, Objects.requireNonNull(value, "value"), choices);
    }

    /** A help line, e.g. {@code older-than (date yyyy-MM-dd, required): purge todos done before this day}. */
    public String usage() {
        String how = typeName(type) + (type == Type.ENUM ? " " + String.join("|", choices) : "")
                + (required ? ", required" : defaultValue != null ? ", default " + defaultValue : ", optional");
        return name + " (" + how + ")" + (description.isEmpty() ? "" : ": " + description);
    }

    /** The value of {@code raw} as this parameter's Java type; IllegalArgumentException saying the expected form. */
    Object parse(String raw) {
        return parseValue(name, type, choices, raw);
    }

    private static Object parseValue(String name, Type type, List<String> choices, String raw) {
        String value = type == Type.STRING ? raw : raw.strip();
        try {
            return switch (type) {
                case STRING -> value;
                case INT -> Integer.parseInt(value);
                case LONG -> Long.parseLong(value);
                case BOOLEAN -> switch (value.toLowerCase(Locale.ROOT)) {
                    case "true", "yes" -> Boolean.TRUE;
                    case "false", "no" -> Boolean.FALSE;
                    default -> throw new IllegalArgumentException();
                };
                case DATE -> LocalDate.parse(value);
                case ENUM -> choices.stream().filter(c -> c.equalsIgnoreCase(value)).findFirst()
                        .orElseThrow(IllegalArgumentException::new);
            };
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be " + expected(type, choices) + ", got `" + raw + "`");
        }
    }

    private static String expected(Type type, List<String> choices) {
        return switch (type) {
            case STRING -> "text";
            case INT -> "a whole number (int)";
            case LONG -> "a whole number (long)";
            case BOOLEAN -> "true or false";
            case DATE -> "a date yyyy-MM-dd, e.g. 2024-01-31";
            case ENUM -> "one of " + String.join(", ", choices);
        };
    }

    private static String typeName(Type type) {
        return switch (type) {
            case STRING -> "string";
            case INT -> "int";
            case LONG -> "long";
            case BOOLEAN -> "boolean";
            case DATE -> "date yyyy-MM-dd";
            case ENUM -> "one of";
        };
    }
}
