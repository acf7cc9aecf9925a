package dev.preflight;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A migration version: numeric segments compared numerically, so {@code 1.10 > 1.9}, {@code 0042 == 42}
 * and {@code 1.0 == 1}. Segments are separated by {@code .} or {@code _} (Flyway writes {@code V1_2__x.sql}
 * for 1.2); dashes are not part of a version (Diesel's {@code 2024-02-12-120203} is {@code 20240212120203}).
 *
 * <pre>{@code
 * Version.parse("2024-02-12-120203").normalized();   // "20240212120203"
 * Version.parse("1.10").compareTo(Version.parse("1.9")) > 0
 * }</pre>
 *
 * <p>{@link #toString()} gives the version as it was written; {@link #normalized()} is the form stored in
 * the history table and the one two versions are compared by. sql-migrate allows several files with one number and
 * runs them in file-name order: such a version is {@link #tiedBy tied by} its file name, which orders it among the
 * others of its number (a version given without a tie, such as {@code --to 2}, comes after all of them).
 */
public final class Version implements Comparable<Version> {

    private final String text;
    private final List<BigInteger> segments;
    private final String tie;
    private String normalized;

    private Version(String text, List<BigInteger> segments, String tie) {
        this.text = text;
        this.segments = segments;
        this.tie = tie;
    }

    /**
     * Parses a version as it appears in a file or folder name, or in its normalised form.
     *
     * @throws IllegalArgumentException naming the text when it is not a version
     */
    public static Version parse(String text) {
        Objects.requireNonNull(text, "version");
        String trimmed = text.strip();
        String digits = trimmed.replace("-", "");
        if (digits.isEmpty()) {
            throw new IllegalArgumentException("'" + text + "' is not a version: expected digits such as 42, 1.2.3 or 20240101120000");
        }
        List<BigInteger> segments = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= digits.length(); i++) {
            if (i == digits.length() || digits.charAt(i) == '.' || digits.charAt(i) == '_') {
                segments.add(segment(text, digits, start, i));
                start = i + 1;
            }
        }
        // Trailing zero segments do not change the version (1.0 == 1), as in Flyway.
        int size = segments.size();
        while (size > 1 && segments.get(size - 1).signum() == 0) {
            size--;
        }
        return new Version(trimmed, Collections.unmodifiableList(new ArrayList<>(segments.subList(0, size))), null);
    }

    private static BigInteger segment(String text, String digits, int from, int to) {
        boolean valid = from < to;
        for (int i = from; i < to && valid; i++) {
            valid = digits.charAt(i) >= '0' && digits.charAt(i) <= '9';
        }
        if (!valid) {
            throw new IllegalArgumentException("'" + text + "' is not a version: expected digits separated by '.' "
                    + "(for example 42, 1.2.3, 2024-02-12-120203 or 20240101120000)");
        }
        // Most versions fit a long; BigInteger(String) is the slow path only for longer ones.
        return to - from <= 18 ? BigInteger.valueOf(Long.parseLong(digits, from, to, 10))
                : new BigInteger(digits.substring(from, to));
    }

    /**
     * This version, ordered among others with the same number by {@code tie} (sql-migrate's file name): two tied
     * versions with one number are different migrations, compared by their ties.
     */
    public Version tiedBy(String tie) {
        return new Version(text, segments, Objects.requireNonNull(tie, "tie"));
    }

    /** The tie ({@link #tiedBy}), or null. */
    public String tie() {
        return tie;
    }

    /** True when {@code text} parses as a version. */
    public static boolean isVersion(String text) {
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The canonical text: segments without leading zeros joined by '.', e.g. {@code 1.2.3} or {@code 42}. */
    public String normalized() {
        // Kept once computed: history and files are matched by it, thousands of times in a start-up, and building it
        // (BigInteger to text) is slow while the JVM is cold. A racing second computation gives an equal string.
        String known = normalized;
        if (known == null) {
            known = normalize();
            normalized = known;
        }
        return known;
    }

    private String normalize() {
        StringBuilder out = new StringBuilder();
        for (BigInteger segment : segments) {
            if (out.length() > 0) {
                out.append('.');
            }
            out.append(segment);
        }
        return out.toString();
    }

    @Override
    public int compareTo(Version other) {
        int n = Math.max(segments.size(), other.segments.size());
        for (int i = 0; i < n; i++) {
            BigInteger a = i < segments.size() ? segments.get(i) : BigInteger.ZERO;
            BigInteger b = i < other.segments.size() ? other.segments.get(i) : BigInteger.ZERO;
            int c = a.compareTo(b);
            if (c != 0) {
                return c;
            }
        }
        if (tie == null || other.tie == null) {
            // Without a tie a version stands for all of its number, so it comes after the tied ones.
            return tie == null ? (other.tie == null ? 0 : 1) : -1;
        }
        return tie.compareTo(other.tie);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Version v && segments.equals(v.segments) && Objects.equals(tie, v.tie);
    }

    @Override
    public int hashCode() {
        return segments.hashCode();
    }

    /** The version as it was written. */
    @Override
    public String toString() {
        return text;
    }
}
