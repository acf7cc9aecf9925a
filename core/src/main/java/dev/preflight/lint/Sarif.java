package dev.preflight.lint;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Lint reports as one SARIF 2.1.0 log (OASIS Static Analysis Results Interchange Format), the file code-scanning
 * UIs read (GitHub code scanning, GitLab, Azure DevOps): one run of the tool {@code Preflight}, every rule in
 * {@code tool.driver.rules} with its why, safe pattern, category and PostgreSQL versions, and one result per finding
 * with its file and line. Hazards are {@code error}s, conventions {@code warning}s.
 *
 * <pre>{@code
 * Files.writeString(Path.of("preflight.sarif"), Sarif.of(List.of(new LintReport("main", preflight.lint()))));
 * }</pre>
 */
public final class Sarif {

    static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

    private Sarif() {
    }

    /** The SARIF log of {@code reports} (one per repo), as JSON text. */
    public static String of(List<LintReport> reports) {
        StringBuilder out = new StringBuilder("{\"$schema\":").append(q(SCHEMA))
                .append(",\"version\":\"2.1.0\",\"runs\":[{\"tool\":{\"driver\":{\"name\":\"Preflight\"");
        String version = Sarif.class.getPackage().getImplementationVersion();
        if (version != null) {
            out.append(",\"version\":").append(q(version));
        }
        out.append(",\"rules\":[");
        Rule[] rules = Rule.values();
        for (int i = 0; i < rules.length; i++) {
            rule(out.append(i == 0 ? "" : ","), rules[i]);
        }
        out.append("]}},\"columnKind\":\"utf16CodeUnits\",\"results\":[");
        boolean first = true;
        for (LintReport report : reports) {
            for (Finding f : report.findings()) {
                result(out.append(first ? "" : ","), f, report.repo());
                first = false;
            }
        }
        return out.append("]}]}").toString();
    }

    private static void rule(StringBuilder out, Rule rule) {
        String why = rule.why();
        int stop = why.indexOf(": ");
        int period = why.indexOf(". ");
        String shortText = stop > 0 && (period < 0 || stop < period) ? why.substring(0, stop)
                : period > 0 ? why.substring(0, period) : why;
        out.append("{\"id\":").append(q(rule.id()))
                .append(",\"shortDescription\":{\"text\":").append(q(shortText)).append('}')
                .append(",\"fullDescription\":{\"text\":").append(q(why)).append('}')
                .append(",\"help\":{\"text\":").append(q("Safe pattern: " + rule.safePattern()
                        + " To accept one finding, write -- preflight:allow " + rule.id() + " above the statement."))
                .append('}')
                .append(",\"defaultConfiguration\":{\"level\":").append(q(level(rule))).append('}')
                .append(",\"properties\":{\"category\":").append(q(rule.category().label()))
                .append(",\"postgresqlVersions\":").append(q(rule.versions()))
                .append(",\"tags\":[").append(q(rule.category().label())).append(",\"postgresql\",\"migrations\"]}}");
    }

    private static void result(StringBuilder out, Finding f, String repo) {
        out.append("{\"ruleId\":").append(q(f.rule()))
                .append(",\"ruleIndex\":").append(f.ruleInfo().ordinal())
                .append(",\"level\":").append(q(level(f.ruleInfo())))
                .append(",\"message\":{\"text\":").append(q(f.message() + ". Safe pattern: " + f.safePattern()))
                .append("},\"locations\":[{\"physicalLocation\":{\"artifactLocation\":{\"uri\":").append(q(uri(f.origin())))
                .append("},\"region\":{\"startLine\":").append(Math.max(1, f.line()))
                .append("}}}],\"properties\":{\"repo\":").append(q(repo)).append("}}");
    }

    private static String level(Rule rule) {
        return rule.category() == Category.HAZARD ? "error" : "warning";
    }

    /**
     * A file's origin as a URI reference: a relative path stays relative (code-scanning UIs resolve it against the
     * repository root), with '/' separators and every byte outside RFC 3986's unreserved set (and '/', ':')
     * percent-encoded.
     */
    static String uri(String origin) {
        StringBuilder out = new StringBuilder();
        for (byte b : origin.replace('\\', '/').getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            boolean plain = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || "-._~/:".indexOf(c) >= 0;
            out.append(plain ? String.valueOf(c) : String.format("%%%02X", b & 0xff));
        }
        return out.toString();
    }

    private static String q(String text) {
        return LintReport.quote(text);
    }
}
