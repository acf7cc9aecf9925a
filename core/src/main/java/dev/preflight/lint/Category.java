package dev.preflight.lint;

import java.util.Locale;

/**
 * The two kinds of lint rule. {@link #HAZARD}s take a busy application down or break the release still running
 * (locks that block reads or writes for long, table rewrites, dropped or renamed objects) and are on by default;
 * {@link #CONVENTION}s are habits that avoid trouble later (64-bit keys, {@code timestamptz}, re-runnable
 * statements) and are off unless {@code lint.conventions=on} or {@code lint.rules} turns them on.
 *
 * <pre>{@code
 * Rule.byId("prefer-timestamptz").orElseThrow().category();   // CONVENTION
 * }</pre>
 */
public enum Category {

    HAZARD,
    CONVENTION;

    /** {@code hazard} or {@code convention}, as written in reports and in {@code lint.rules}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
