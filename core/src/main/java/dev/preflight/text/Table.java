package dev.preflight.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Rows of text in aligned columns, two spaces apart, trailing blanks trimmed; optionally a header and a rule of
 * dashes under it. The status table, the task list and the job list are printed with it.
 *
 * <pre>{@code
 * Table t = Table.withHeader("ID", "State");
 * t.row("1", "succeeded");
 * t.toString();   // "ID  State\n--  ---------\n1   succeeded\n"
 * }</pre>
 */
public final class Table {

    private final List<String[]> rows = new ArrayList<>();
    private final boolean header;

    private Table(boolean header) {
        this.header = header;
    }

    /** A table whose first row is a header, underlined with dashes. */
    public static Table withHeader(String... columns) {
        Table table = new Table(true);
        table.rows.add(columns.clone());
        return table;
    }

    /** A table without a header. */
    public static Table plain() {
        return new Table(false);
    }

    /** Adds a row; null cells print empty. */
    public Table row(String... cells) {
        String[] row = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            row[i] = cells[i] == null ? "" : cells[i];
        }
        rows.add(row);
        return this;
    }

    /** True when it has no rows besides the header. */
    public boolean isEmpty() {
        return rows.size() == (header ? 1 : 0);
    }

    /** Every row on its own line, each ending with a line break. */
    @Override
    public String toString() {
        int columns = rows.stream().mapToInt(r -> r.length).max().orElse(0);
        int[] width = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (int r = 0; r < rows.size(); r++) {
            append(out, rows.get(r), width);
            if (r == 0 && header) {
                String[] rule = new String[columns];
                for (int i = 0; i < columns; i++) {
                    rule[i] = "-".repeat(width[i]);
                }
                append(out, rule, width);
            }
        }
        return out.toString();
    }

    private static void append(StringBuilder out, String[] row, int[] width) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < row.length; i++) {
            if (i > 0) {
                line.append("  ");
            }
            line.append(row[i]).append(" ".repeat(width[i] - row[i].length()));
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }
}
