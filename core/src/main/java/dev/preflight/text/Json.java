package dev.preflight.text;

import java.util.Collection;
import java.util.Map;
import java.util.function.Function;

/**
 * Writes one JSON object, member by member, in the order they are added: the stable key order the documented
 * schemas promise. Values are text, numbers, booleans, null, nested objects, or arrays of them.
 *
 * <pre>{@code
 * String json = Json.object().add("repo", "main").add("pending", 2)
 *         .add("kinds", Json.array(List.of("pending"))).toString();   // {"repo":"main","pending":2,"kinds":["pending"]}
 * }</pre>
 */
public final class Json {

    private final StringBuilder out = new StringBuilder("{");

    private Json() {
    }

    /** An empty object to add members to. */
    public static Json object() {
        return new Json();
    }

    /** A member whose value is text (or null). */
    public Json add(String name, String value) {
        return raw(name, quote(value));
    }

    /** A member whose value is a number (or null). */
    public Json add(String name, Number value) {
        return raw(name, value == null ? "null" : value.toString());
    }

    public Json add(String name, boolean value) {
        return raw(name, Boolean.toString(value));
    }

    /** A member whose value is an object. */
    public Json add(String name, Json value) {
        return raw(name, value == null ? "null" : value.toString());
    }

    /** A member whose value is an array, written with {@link #array}. */
    public Json add(String name, Array value) {
        return raw(name, value.text);
    }

    /** A member whose value is an object of text values, in the map's order. */
    public Json add(String name, Map<String, String> values) {
        Json object = object();
        values.forEach(object::add);
        return add(name, object);
    }

    private Json raw(String name, String json) {
        if (out.length() > 1) {
            out.append(',');
        }
        out.append(quote(name)).append(':').append(json);
        return this;
    }

    @Override
    public String toString() {
        return out + "}";
    }

    /** A JSON array, as one value of an object. */
    public static final class Array {
        private final String text;

        private Array(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** An array of text. */
    public static Array array(Collection<String> values) {
        return array(values, Json::quote);
    }

    /** An array whose elements are {@code element} of each value, e.g. an object per migration. */
    public static <T> Array array(Collection<T> values, Function<T, ?> element) {
        StringBuilder text = new StringBuilder("[");
        for (T value : values) {
            if (text.length() > 1) {
                text.append(',');
            }
            text.append(element.apply(value));
        }
        return new Array(text.append(']').toString());
    }

    /** A JSON string literal, or {@code null}. */
    public static String quote(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
