package dev.preflight.lint;

import dev.preflight.text.Json;

import java.util.List;

/**
 * A repo's lint findings, as the {@code lint} command prints them: {@link #toText()} (one block per hazard, then a
 * summary line) and {@link #toJson()} (schema {@code lint}).
 *
 * <pre>{@code
 * System.out.print(new LintReport("main", preflight.lint()).toText());
 * }</pre>
 */
public record LintReport(String repo, List<Finding> findings) {

    public LintReport {
        findings = List.copyOf(findings);
    }

    public boolean isClean() {
        return findings.isEmpty();
    }

    /** Every finding's block, a blank line after each, then {@code lint <repo>: ok} or the count. */
    public String toText() {
        return Finding.report(repo, findings);
    }

    /** {@code {"repo","findings":[{"rule","file","line","message","why","safe"}]}}. */
    public String toJson() {
        return Json.object().add("repo", repo).add("findings", Json.array(findings, f -> Json.object()
                .add("rule", f.rule()).add("file", f.origin()).add("line", f.line()).add("message", f.message())
                .add("why", f.why()).add("safe", f.safePattern()))).toString();
    }
}
