package dev.preflight.config;

import dev.preflight.ConfigException;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one duration syntax of Preflight, used by every key and every surface (agent arguments, CLI options,
 * MBean parameters): whole numbers with a unit, largest unit first, each unit at most once.
 *
 * <pre>{@code
 * Durations.parse("lock-wait", "1m30s");   // PT1M30S
 * Durations.parse("lock-timeout", "500ms"); // PT0.5S
 * Durations.parse("lock-timeout", "5");     // ConfigException: Invalid lock-timeout `5`: add a unit, e.g. 5s ...
 * Durations.format(Duration.ofSeconds(90)); // "1m30s"
 * }</pre>
 *
 * <p>A bare number is refused rather than read as seconds or milliseconds: tools disagree on the unit,
 * and a lock timeout of 5 ms where 5 s was meant fails in production, not in review.
 */
public final class Durations {

    private static final String ALLOWED = "units d, h, m, s, ms, largest first, e.g. 500ms, 5s, 2m, 1h, 1m30s";

    /** Longest first within the alternation so that {@code ms} is not read as {@code m} followed by junk. */
    private static final Pattern PART = Pattern.compile("(\\d+)(ms|d|h|m|s)");

    private static final List<String> UNIT_ORDER = List.of("d", "h", "m", "s", "ms");

    private Durations() {
    }

    /**
     * Parses {@code value} as the duration set for {@code key}.
     *
     * @throws ConfigException naming the key and the value, and what is allowed
     */
    public static Duration parse(String key, String value) {
        try {
            return parse(value);
        } catch (InvalidValueException e) {
            throw new ConfigException(Messages.invalid(key, null, value, e.getMessage()));
        }
    }

    /** {@code 1m30s}, {@code 500ms}, {@code 0s}: the shortest text {@link #parse} reads back as the same duration. */
    public static String format(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("negative duration " + duration);
        }
        if (duration.isZero()) {
            return "0s";
        }
        StringBuilder text = new StringBuilder();
        append(text, duration.toDays(), "d");
        append(text, duration.toHoursPart(), "h");
        append(text, duration.toMinutesPart(), "m");
        append(text, duration.toSecondsPart(), "s");
        append(text, duration.toMillisPart(), "ms");
        if (text.length() == 0) {
            // Below a millisecond: Preflight never needs it, but format must not return an unreadable "".
            throw new IllegalArgumentException("duration below 1ms: " + duration);
        }
        return text.toString();
    }

    private static void append(StringBuilder text, long amount, String unit) {
        if (amount > 0) {
            text.append(amount).append(unit);
        }
    }

    /** @throws InvalidValueException saying what is allowed */
    static Duration parse(String value) {
        String text = value == null ? "" : value.strip();
        if (text.isEmpty()) {
            throw new InvalidValueException("a duration is required, " + ALLOWED);
        }
        if (text.chars().allMatch(Character::isDigit)) {
            throw new InvalidValueException("add a unit, e.g. " + text + "s (" + ALLOWED + ")");
        }
        if (text.startsWith("-")) {
            throw new InvalidValueException("a duration cannot be negative");
        }
        Matcher part = PART.matcher(text);
        Duration total = Duration.ZERO;
        int position = 0;
        int previousUnit = -1;
        while (position < text.length()) {
            if (!part.find(position) || part.start() != position) {
                throw new InvalidValueException("not a duration; " + ALLOWED);
            }
            int unit = UNIT_ORDER.indexOf(part.group(2));
            if (unit <= previousUnit) {
                throw new InvalidValueException("write each unit once, largest first, e.g. 1m30s");
            }
            previousUnit = unit;
            try {
                total = total.plus(Duration.of(Long.parseLong(part.group(1)), chronoUnit(part.group(2))));
            } catch (ArithmeticException | NumberFormatException e) {
                throw new InvalidValueException("too long a duration");
            }
            position = part.end();
        }
        return total;
    }

    private static ChronoUnit chronoUnit(String unit) {
        return switch (unit) {
            case "d" -> ChronoUnit.DAYS;
            case "h" -> ChronoUnit.HOURS;
            case "m" -> ChronoUnit.MINUTES;
            case "s" -> ChronoUnit.SECONDS;
            default -> ChronoUnit.MILLIS;
        };
    }
}
