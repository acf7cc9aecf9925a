package dev.preflight.sql;

/**
 * One statement of a script, as the splitter found it.
 *
 * @param sql the statement text without its terminating semicolon
 * @param line the 1-based line (of the original file) where the statement starts
 * @param copyData for {@code COPY ... FROM stdin}: the data rows up to (not including) the {@code \.}
 *                 line, else null
 */
public record SqlStatement(String sql, int line, String copyData) {

    public boolean isCopyFromStdin() {
        return copyData != null;
    }
}
