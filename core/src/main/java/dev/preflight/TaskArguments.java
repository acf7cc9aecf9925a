package dev.preflight;

import dev.preflight.config.Suggestions;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The checked arguments of a task run: every value parsed by its {@link TaskParameter}'s type, defaults applied.
 *
 * <pre>{@code
 * TaskArguments args = TaskArguments.parse(task.parameters(), TaskArguments.pairs("older-than=2024-01-01"));
 * LocalDate day = args.date("older-than");
 * boolean dryRun = args.bool("dry-run");   // its default, "true"
 * }</pre>
 *
 * <p>Arguments as text: {@code name=value} pairs separated by commas; a comma followed by something that is not
 * {@code name=} belongs to the value before it, so {@code tables=a,b,last=2} is {@code tables="a,b"} and
 * {@code last="2"}. On a command line each pair is its own argument.
 */
public final class TaskArguments {

    /** {@code name=} at the start of a comma-separated part. */
    private static final Pattern PAIR = Pattern.compile("\\s*([A-Za-z][A-Za-z0-9_.-]*)\\s*=(.*)", Pattern.DOTALL);

    private final Map<String, TaskParameter> parameters;
    private final Map<String, Object> values;
    private final Map<String, String> texts;

    private TaskArguments(Map<String, TaskParameter> parameters, Map<String, Object> values, Map<String, String> texts) {
        this.parameters = parameters;
        this.values = values;
        this.texts = texts;
    }

    /**
     * Checks {@code raw} (name to text value) against {@code parameters}: every required one given, no unknown
     * name, every value of its type; then applies the defaults.
     *
     * @throws ConfigException naming every wrong, missing or unknown parameter (with a "did you mean") and
     *                         listing every parameter's {@link TaskParameter#usage()}
     */
    public static TaskArguments parse(List<TaskParameter> parameters, Map<String, String> raw) {
        Map<String, TaskParameter> byName = new LinkedHashMap<>();
        for (TaskParameter p : parameters) {
            if (byName.put(p.name(), p) != null) {
                throw new IllegalArgumentException("task parameter " + p.name() + " is declared twice");
            }
        }
        List<String> problems = new ArrayList<>();
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, String> texts = new LinkedHashMap<>();
        for (Map.Entry<String, String> given : raw.entrySet()) {
            TaskParameter p = byName.get(given.getKey());
            if (p == null) {
                Optional<String> typo = Suggestions.closest(given.getKey(), byName.keySet());
                problems.add("unknown parameter `" + given.getKey() + "`"
                        + typo.map(t -> " (did you mean " + t + "?)").orElse(""));
                continue;
            }
            try {
                Object value = p.parse(given.getValue());
                values.put(p.name(), value);
                // An enum's text is the choice as declared, whatever case it was typed in.
                texts.put(p.name(), value instanceof String s ? s : given.getValue().strip());
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        for (TaskParameter p : parameters) {
            if (raw.containsKey(p.name())) {
                continue;
            }
            if (p.required()) {
                problems.add("missing parameter " + p.name());
            } else if (p.defaultValue() != null) {
                Object value = p.parse(p.defaultValue());
                values.put(p.name(), value);
                texts.put(p.name(), value instanceof String s ? s : p.defaultValue().strip());
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(String.join("; ", problems) + ".\n" + usage(parameters));
        }
        return new TaskArguments(byName, values, texts);
    }

    /** {@code Parameters:} and one usage line each (or {@code It takes no parameters.}). */
    static String usage(List<TaskParameter> parameters) {
        if (parameters.isEmpty()) {
            return "It takes no parameters.";
        }
        return "Parameters:\n" + parameters.stream().map(p -> "  " + p.usage()).collect(Collectors.joining("\n"));
    }

    /**
     * Reads the text form {@code a=1,b=x y,c=2020-01-01}: pairs separated by commas, where a comma followed by
     * something that is not {@code name=} belongs to the value before it ({@code tables=a,b,last=2}). Names and
     * values are trimmed. Blank text is no arguments.
     *
     * @throws ConfigException when the text does not start with {@code name=}, or a name comes twice
     */
    public static Map<String, String> pairs(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        String name = null;
        StringBuilder value = new StringBuilder();
        for (String part : text.split(",", -1)) {
            Matcher m = PAIR.matcher(part);
            if (m.matches()) {
                if (name != null) {
                    put(out, name, value.toString());
                }
                name = m.group(1);
                value.setLength(0);
                value.append(m.group(2));
            } else if (name == null) {
                throw new ConfigException("task arguments must be name=value pairs separated by commas"
                        + " (e.g. older-than=2024-01-01,dry-run=false), got `" + text + "`");
            } else {
                value.append(',').append(part);
            }
        }
        put(out, name, value.toString());
        return out;
    }

    /**
     * Reads command-line arguments, one {@code name=value} pair each (the value may hold commas and {@code =}).
     *
     * @throws ConfigException for an argument without {@code name=}, or a name given twice
     */
    public static Map<String, String> pairs(List<String> arguments) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String argument : arguments) {
            Matcher m = PAIR.matcher(argument);
            if (!m.matches()) {
                throw new ConfigException("task arguments are name=value (e.g. older-than=2024-01-01), got `"
                        + argument + "`");
            }
            put(out, m.group(1), m.group(2));
        }
        return out;
    }

    private static void put(Map<String, String> out, String name, String value) {
        if (out.put(name, value.strip()) != null) {
            throw new ConfigException("task parameter " + name + " is given twice");
        }
    }

    /** True when the parameter has a value (given, or by its default). */
    public boolean has(String name) {
        declared(name);
        return values.containsKey(name);
    }

    /** The text value, or null when absent. */
    public String string(String name) {
        return values.containsKey(declared(name)) ? texts.get(name) : null;
    }

    /** An {@code int} parameter's value; IllegalStateException when it is absent. */
    public int integer(String name) {
        return (Integer) present(name, TaskParameter.Type.INT);
    }

    /** A {@code long} (or {@code int}) parameter's value; IllegalStateException when it is absent. */
    public long longValue(String name) {
        return ((Number) present(name, TaskParameter.Type.LONG, TaskParameter.Type.INT)).longValue();
    }

    /** A {@code boolean} parameter's value; IllegalStateException when it is absent. */
    public boolean bool(String name) {
        return (Boolean) present(name, TaskParameter.Type.BOOLEAN);
    }

    /** A {@code date} parameter's value, or null when absent. */
    public LocalDate date(String name) {
        typed(name, TaskParameter.Type.DATE);
        return (LocalDate) values.get(name);
    }

    /** Every value as text (given or default), in the order given, then defaults. */
    public Map<String, String> asMap() {
        return Collections.unmodifiableMap(texts);
    }

    @Override
    public String toString() {
        return texts.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }

    private String declared(String name) {
        if (!parameters.containsKey(name)) {
            throw new IllegalArgumentException("the task declares no parameter " + name + "; it has "
                    + parameters.keySet());
        }
        return name;
    }

    private void typed(String name, TaskParameter.Type... types) {
        TaskParameter.Type type = parameters.get(declared(name)).type();
        if (!List.of(types).contains(type)) {
            throw new IllegalArgumentException("task parameter " + name + " is of type " + type + ", not " + types[0]);
        }
    }

    private Object present(String name, TaskParameter.Type... types) {
        typed(name, types);
        Object value = values.get(name);
        if (value == null) {
            throw new IllegalStateException("task parameter " + name + " was not given and has no default;"
                    + " check has(\"" + name + "\") first");
        }
        return value;
    }
}
