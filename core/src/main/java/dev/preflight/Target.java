package dev.preflight;

import java.util.Objects;

/**
 * How far {@code migrate} or {@code rollback} goes: everything, a number of steps, or up to a version.
 *
 * <pre>{@code
 * preflight.migrate(Target.all());
 * preflight.migrate(Target.step(3));         // the next three pending migrations
 * preflight.migrate(Target.to("20240101"));  // every pending migration up to and including 20240101
 * preflight.rollback(Target.step(1));        // revert the newest applied migration
 * preflight.rollback(Target.to("42"));       // revert everything above 42 (42 stays applied)
 * }</pre>
 */
public final class Target {

    private static final Target ALL = new Target(-1, null);

    private final int steps;
    private final String version;

    private Target(int steps, String version) {
        this.steps = steps;
        this.version = version;
    }

    /** Every pending migration (not allowed for rollback: rolling back is always explicit). */
    public static Target all() {
        return ALL;
    }

    /** The next {@code n} migrations; {@code 0} does nothing. */
    public static Target step(int n) {
        if (n < 0) {
            throw new ConfigException("step must be 0 or more, got " + n);
        }
        return new Target(n, null);
    }

    /**
     * Up to a version, written as in the file name ({@code 2024-02-12-120203}, {@code 0042}) or normalised.
     * For migrate the version is included; for rollback it is kept and everything above it reverted
     * ({@code 0} reverts everything).
     */
    public static Target to(String version) {
        Objects.requireNonNull(version, "version");
        try {
            Version.parse(version);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
        return new Target(-1, version.strip());
    }

    public boolean isAll() {
        return this == ALL;
    }

    /** The step count, or -1 when this target is not a step. */
    public int steps() {
        return steps;
    }

    /** The version, or null when this target is not a version. */
    public String version() {
        return version;
    }

    @Override
    public String toString() {
        return isAll() ? "all" : version != null ? "to " + version : "step " + steps;
    }
}
