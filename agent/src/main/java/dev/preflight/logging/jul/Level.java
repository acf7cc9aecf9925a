package dev.preflight.logging.jul;

/**
 * The levels of {@code java.util.logging.Level} that the relocated libraries use, each mapped to the SLF4J level
 * Preflight's logging writes it at.
 */
public final class Level {

    public static final Level SEVERE = new Level("SEVERE", org.slf4j.event.Level.ERROR);
    public static final Level WARNING = new Level("WARNING", org.slf4j.event.Level.WARN);
    public static final Level INFO = new Level("INFO", org.slf4j.event.Level.INFO);
    public static final Level FINE = new Level("FINE", org.slf4j.event.Level.DEBUG);
    public static final Level FINER = new Level("FINER", org.slf4j.event.Level.TRACE);
    public static final Level FINEST = new Level("FINEST", org.slf4j.event.Level.TRACE);

    private final String name;
    private final org.slf4j.event.Level slf4j;

    private Level(String name, org.slf4j.event.Level slf4j) {
        this.name = name;
        this.slf4j = slf4j;
    }

    public String getName() {
        return name;
    }

    org.slf4j.event.Level slf4j() {
        return slf4j;
    }

    @Override
    public String toString() {
        return name;
    }
}
