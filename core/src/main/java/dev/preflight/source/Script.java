package dev.preflight.source;

import dev.preflight.MigrationException;
import dev.preflight.sql.CopyRows;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * The SQL of one direction of a migration, with where it came from so that errors can say
 * {@code origin:line}. {@code firstLine} is the line of {@code origin} on which {@code sql} starts (a
 * section of a single file with up/down markers starts below its marker).
 *
 * @param origin a path a user recognises, e.g. {@code db/migrations/001_init.sql} or
 *               {@code classpath:db/migrations/V1__init.sql}
 * @param sql the statements, exactly as in the file (markers removed); in a large file the rows of its
 *            {@code COPY ... FROM stdin} blocks are empty lines, their text is left in the file ({@code copyRows})
 * @param firstLine 1-based line of {@code origin} where {@code sql} begins
 * @param copyRows the COPY rows of the file left out of {@code sql} (of the whole file: those of this script are
 *                 the ones whose first line falls within it); empty for a file read whole
 */
public record Script(String origin, String sql, int firstLine, List<CopyRows> copyRows) {

    public Script {
        copyRows = List.copyOf(copyRows);
    }

    /** A script read whole. */
    public Script(String origin, String sql, int firstLine) {
        this(origin, sql, firstLine, List.of());
    }

    /** The COPY rows left out of this script's own lines. */
    public List<CopyRows> ownCopyRows() {
        if (copyRows.isEmpty()) {
            return copyRows;
        }
        int lastLine = firstLine + LargeFileReader.lineBreaks(sql);
        return copyRows.stream().filter(r -> r.firstLine() >= firstLine && r.firstLine() <= lastLine).toList();
    }

    /**
     * This script with its COPY rows read into {@code sql}, as a file below the size for leaving them out is read:
     * for the rare script whose left-out rows turn out not to be a COPY's (the splitter did not claim them).
     */
    public Script whole() {
        if (copyRows.isEmpty()) {
            return this;
        }
        String file;
        try (InputStream in = copyRows.get(0).openFile()) {
            file = Resource.decode(origin, in.readAllBytes());
        } catch (IOException e) {
            throw new MigrationException("Cannot read " + origin + " again: " + e, e);
        }
        return new Script(origin, LargeFileReader.withRows(file, firstLine, sql, ownCopyRows()), firstLine);
    }
}
