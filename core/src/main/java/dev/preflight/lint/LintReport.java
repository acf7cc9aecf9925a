package dev.preflight.lint;

import dev.preflight.engine.StatusFormat;

import java.util.List;
import java.util.Objects;

/**
 * The findings of one lint (a repo's migrations, or the files given to {@code lint <file>}), with its renderings:
 * {@link #toText()} for people, {@link #toJson()} for scripts and {@link Sarif#of(List)} for code-scanning UIs.
 *
 * <pre>{@code
 * LintReport report = new LintReport("main", preflight.lint());
 * System.out.print(report.toText());        // one block per finding, then "lint main: ok" or a count
 * report.ok();                              // false when anything was found: the CLI exits 1
 * }</pre>
 *
 * @param repo the repo whose migrations (or whose settings, for files) were linted
 * @param findings every finding, in statement order
 */
public record LintReport(String repo, List<Finding> findings) {

    public LintReport {
        Objects.requireNonNull(repo, "repo");
        findings = List.copyOf(findings);
    }

    /** True when nothing was found. */
    public boolean ok() {
        return findings.isEmpty();
    }

    public long hazards() {
        return findings.stream().filter(f -> f.category() == Category.HAZARD).count();
    }

    public long conventions() {
        return findings.stream().filter(f -> f.category() == Category.CONVENTION).count();
    }

    /** The summary line: {@code lint main: ok} or {@code lint main: 2 hazard(s); accept one with ...}. */
    public String summary() {
        if (ok()) {
            return "lint " + repo + ": ok";
        }
        String counts = hazards() > 0 && conventions() > 0 ? hazards() + " hazard(s), " + conventions()
                + " convention finding(s)" : hazards() > 0 ? hazards() + " hazard(s)" : conventions()
                + " convention finding(s)";
        return "lint " + repo + ": " + counts + "; accept one with -- preflight:allow <rule>";
    }

    /** Every finding's block, a blank line after each, then the summary line. */
    public String toText() {
        StringBuilder out = new StringBuilder();
        findings.forEach(f -> out.append(f.toBlock()).append('\n'));
        return out.append(summary()).append('\n').toString();
    }

    /**
     * One JSON object: {@code {"repo":"main","ok":false,"hazards":1,"conventions":0,"findings":[{"rule":...,
     * "category":"hazard","file":...,"line":3,"message":...,"why":...,"safe":...,"versions":...}]}}.
     */
    public String toJson() {
        StringBuilder out = new StringBuilder("{\"repo\":").append(quote(repo))
                .append(",\"ok\":").append(ok())
                .append(",\"hazards\":").append(hazards())
                .append(",\"conventions\":").append(conventions())
                .append(",\"findings\":[");
        for (int i = 0; i < findings.size(); i++) {
            Finding f = findings.get(i);
            out.append(i == 0 ? "" : ",")
                    .append("{\"rule\":").append(quote(f.rule()))
                    .append(",\"category\":").append(quote(f.category().label()))
                    .append(",\"file\":").append(quote(f.origin()))
                    .append(",\"line\":").append(f.line())
                    .append(",\"message\":").append(quote(f.message()))
                    .append(",\"why\":").append(quote(f.why()))
                    .append(",\"safe\":").append(quote(f.safePattern()))
                    .append(",\"versions\":").append(quote(f.ruleInfo().versions()))
                    .append('}');
        }
        return out.append("]}").toString();
    }

    /** Several reports (one per repo) as JSON: the one object, or an array of them. */
    public static String toJson(List<LintReport> reports) {
        if (reports.size() == 1) {
            return reports.get(0).toJson();
        }
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < reports.size(); i++) {
            out.append(i == 0 ? "" : ",").append(reports.get(i).toJson());
        }
        return out.append(']').toString();
    }

    static String quote(String text) {
        return StatusFormat.quote(text);
    }
}
