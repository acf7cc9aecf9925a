package dev.preflight.lint;

import dev.preflight.text.Json;

import java.util.List;
import java.util.Objects;

/**
 * The findings of one lint (a repo's migrations, or the files given to {@code lint <file>}), with its renderings as
 * the {@code lint} command prints them: {@link #toText()} for people, {@link #toJson()} (schema {@code lint}) for
 * scripts and {@link Sarif#of(List)} for code-scanning UIs.
 *
 * <pre>{@code
 * LintReport report = new LintReport("main", preflight.lint());
 * System.out.print(report.toText());        // one block per finding, then "lint main: ok" or a count
 * report.isClean();                         // false when anything was found: the command exits 1
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
    public boolean isClean() {
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
        if (isClean()) {
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
     * One JSON object (schema {@code lint}): {@code {"repo":"main","clean":false,"hazards":1,"conventions":0,
     * "findings":[{"rule","category","file","line","message","why","safe","versions"}]}}.
     */
    public String toJson() {
        return Json.object().add("repo", repo).add("clean", isClean()).add("hazards", hazards())
                .add("conventions", conventions())
                .add("findings", Json.array(findings, f -> Json.object()
                        .add("rule", f.rule()).add("category", f.category().label()).add("file", f.origin())
                        .add("line", f.line()).add("message", f.message()).add("why", f.why())
                        .add("safe", f.safePattern()).add("versions", f.ruleInfo().versions())))
                .toString();
    }
}
