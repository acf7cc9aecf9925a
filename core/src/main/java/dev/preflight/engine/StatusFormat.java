package dev.preflight.engine;

import dev.preflight.MigrationStatus;
import dev.preflight.StatusReport;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** The one renderer of the status table (text and JSON), shared by every surface. */
public final class StatusFormat {

    private static final DateTimeFormatter APPLIED_AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final String[] HEADER = {"Status", "Migration ID", "Migration Name", "Kind", "Applied at"};

    private StatusFormat() {
    }

    public static String table(StatusReport report) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (MigrationStatus m : report.migrations()) {
            String state = m.state().label() + (m.checksumMismatch() ? " (changed)" : "")
                    + (m.detail() == null ? "" : " (" + m.detail() + ")");
            rows.add(new String[]{state, m.id(), m.name(), m.kind().code(),
                    m.appliedAt() == null ? "" : APPLIED_AT.format(m.appliedAt())});
        }
        int[] width = new int[HEADER.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder("Repo: ").append(report.repo()).append('\n');
        for (int r = 0; r < rows.size(); r++) {
            appendRow(out, rows.get(r), width);
            if (r == 0) {
                String[] rule = new String[HEADER.length];
                for (int i = 0; i < rule.length; i++) {
                    rule[i] = "-".repeat(width[i]);
                }
                appendRow(out, rule, width);
            }
        }
        if (report.migrations().isEmpty()) {
            out.append("(no migrations found)\n");
        }
        return out.toString();
    }

    private static void appendRow(StringBuilder out, String[] row, int[] width) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < row.length; i++) {
            if (i > 0) {
                line.append("  ");
            }
            line.append(row[i]).append(" ".repeat(width[i] - row[i].length()));
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }

    public static String json(StatusReport report) {
        StringBuilder out = new StringBuilder("{\"repo\":").append(quote(report.repo()))
                .append(",\"currentVersion\":").append(quote(report.currentVersion().orElse(null)))
                .append(",\"pending\":").append(report.pendingCount())
                .append(",\"pendingData\":").append(report.pendingDataCount())
                .append(",\"migrations\":[");
        for (int i = 0; i < report.migrations().size(); i++) {
            MigrationStatus m = report.migrations().get(i);
            out.append(i == 0 ? "" : ",")
                    .append("{\"status\":").append(quote(m.state().label()))
                    .append(",\"id\":").append(quote(m.id()))
                    .append(",\"version\":").append(quote(m.version()))
                    .append(",\"name\":").append(quote(m.name()))
                    .append(",\"kind\":").append(quote(m.kind().code()))
                    .append(",\"appliedAt\":").append(quote(m.appliedAt() == null ? null : m.appliedAt().toString()))
                    .append(",\"checksumMismatch\":").append(m.checksumMismatch())
                    .append(",\"origin\":").append(quote(m.origin()))
                    .append(",\"detail\":").append(quote(m.detail()))
                    .append('}');
        }
        return out.append("]}").toString();
    }

    /** A JSON string literal, or {@code null}. */
    public static String quote(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
