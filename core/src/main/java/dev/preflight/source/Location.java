package dev.preflight.source;

import dev.preflight.MigrationException;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One parsed location string (see {@link Locations}).
 *
 * @param type where it is read from
 * @param path the path without prefix, as configured (classpath paths without leading or trailing '/')
 * @param text the location as configured, for messages
 */
record Location(Type type, String path, String text) {

    enum Type {
        FILESYSTEM,
        CLASSPATH,
        /** A default location: the filesystem folder if it exists, else the classpath folder, else nothing. */
        DEFAULT
    }

    /** Two or more letters before a colon: a scheme we do not know (one letter is a Windows drive). */
    private static final Pattern UNKNOWN_SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+:");

    static Location parse(String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            throw new MigrationException("An empty migration location was configured: remove it, or name a folder such as "
                    + "filesystem:db/migrations or classpath:db/migrations");
        }
        if (t.startsWith(Locations.CLASSPATH_PREFIX)) {
            String path = trimSlashes(t.substring(Locations.CLASSPATH_PREFIX.length()).strip());
            if (path.isEmpty()) {
                throw new MigrationException("Location '" + t + "' names the whole classpath: name a folder on it, "
                        + "such as classpath:db/migrations");
            }
            return new Location(Type.CLASSPATH, path, t);
        }
        if (t.startsWith(Locations.FILESYSTEM_PREFIX)) {
            String path = t.substring(Locations.FILESYSTEM_PREFIX.length()).strip();
            if (path.isEmpty()) {
                throw new MigrationException("Location '" + t + "' names no folder: write filesystem:<folder>, "
                        + "e.g. filesystem:db/migrations");
            }
            return new Location(Type.FILESYSTEM, path, t);
        }
        if (UNKNOWN_SCHEME.matcher(t).find()) {
            throw new MigrationException("Location '" + t + "' has an unknown prefix: write filesystem:<folder>, "
                    + "classpath:<folder>, or a plain folder path");
        }
        return new Location(Locations.isDefault(t) ? Type.DEFAULT : Type.FILESYSTEM, t, t);
    }

    /** Parses every location, dropping exact repeats (they would only report every file as its own duplicate). */
    static List<Location> parseAll(List<String> texts) {
        Set<Location> unique = new LinkedHashSet<>();
        for (String text : texts) {
            unique.add(parse(text));
        }
        return new ArrayList<>(unique);
    }

    /** The prefix of the origin of every file under this location, e.g. {@code db/migrations} or {@code classpath:db/migrations}. */
    String originPrefix(boolean onClasspath) {
        return onClasspath ? Locations.CLASSPATH_PREFIX + trimSlashes(path) : trimTrailingSlashes(path);
    }

    private static String trimSlashes(String path) {
        int start = 0;
        while (start < path.length() && path.charAt(start) == '/') {
            start++;
        }
        return trimTrailingSlashes(path.substring(start));
    }

    private static String trimTrailingSlashes(String path) {
        int end = path.length();
        while (end > 1 && (path.charAt(end - 1) == '/' || path.charAt(end - 1) == '\\')) {
            end--;
        }
        return path.substring(0, end);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Location l && l.type == type && trimTrailingSlashes(l.path).equals(trimTrailingSlashes(path));
    }

    @Override
    public int hashCode() {
        return type.hashCode() * 31 + trimTrailingSlashes(path).hashCode();
    }
}
