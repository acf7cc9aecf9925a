package dev.preflight.lint;

import dev.preflight.text.Json;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
        Json driver = Json.object().add("name", "Preflight");
        String version = Sarif.class.getPackage().getImplementationVersion();
        if (version != null) {
            driver.add("version", version);
        }
        driver.add("rules", Json.array(List.of(Rule.values()), Sarif::rule));
        List<Json> results = new ArrayList<>();
        reports.forEach(report -> report.findings().forEach(f -> results.add(result(f, report.repo()))));
        Json run = Json.object().add("tool", Json.object().add("driver", driver))
                .add("columnKind", "utf16CodeUnits").add("results", Json.array(results, r -> r));
        return Json.object().add("$schema", SCHEMA).add("version", "2.1.0")
                .add("runs", Json.array(List.of(run), r -> r)).toString();
    }

    private static Json rule(Rule rule) {
        String why = rule.why();
        int stop = why.indexOf(": ");
        int period = why.indexOf(". ");
        String shortText = stop > 0 && (period < 0 || stop < period) ? why.substring(0, stop)
                : period > 0 ? why.substring(0, period) : why;
        return Json.object().add("id", rule.id())
                .add("shortDescription", text(shortText))
                .add("fullDescription", text(why))
                .add("help", text("Safe pattern: " + rule.safePattern()
                        + " To accept one finding, write -- preflight:allow " + rule.id() + " above the statement."))
                .add("defaultConfiguration", Json.object().add("level", level(rule)))
                .add("properties", Json.object().add("category", rule.category().label())
                        .add("postgresqlVersions", rule.versions())
                        .add("tags", Json.array(List.of(rule.category().label(), "postgresql", "migrations"))));
    }

    private static Json result(Finding f, String repo) {
        Json location = Json.object().add("physicalLocation", Json.object()
                .add("artifactLocation", Json.object().add("uri", uri(f.origin())))
                .add("region", Json.object().add("startLine", Math.max(1, f.line()))));
        return Json.object().add("ruleId", f.rule()).add("ruleIndex", f.ruleInfo().ordinal())
                .add("level", level(f.ruleInfo()))
                .add("message", text(f.message() + ". Safe pattern: " + f.safePattern()))
                .add("locations", Json.array(List.of(location), l -> l))
                .add("properties", Json.object().add("repo", repo));
    }

    /** A SARIF message object: {@code {"text": ...}}. */
    private static Json text(String text) {
        return Json.object().add("text", text);
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
}
