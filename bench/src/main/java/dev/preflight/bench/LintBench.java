package dev.preflight.bench;

import dev.preflight.lint.Category;
import dev.preflight.lint.DatabaseFacts;
import dev.preflight.lint.Finding;
import dev.preflight.lint.LintSettings;
import dev.preflight.lint.Linter;
import dev.preflight.lint.Rule;
import dev.preflight.lint.RuleSelection;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Preflight's lint beside squawk (squawk-cli from npm), on the same files, in one run. Not a test: prints markdown.
 *
 * <ol>
 *   <li>The fixtures ({@code core/src/test/resources/lint-fixtures}: per rule a migration that breaks it and its safe
 *       rewrite): what each tool flags, and whether Preflight flags every finding of squawk (through the mapping
 *       below) and nothing on a safe rewrite. Preflight runs with every rule and {@code lock-timeout=0s}, as strict
 *       as squawk's defaults (which assume no lock_timeout); squawk with {@code --assume-in-transaction}, as Preflight
 *       runs migrations.</li>
 *   <li>Time to lint N generated migrations ({@link Bench#generate}): squawk over the files, Preflight's CLI as a
 *       process ({@code java -jar preflight-agent.jar lint <folder>}, also with C1 only), and Preflight in-process
 *       after a warm-up; the median of the runs, alternating the order.</li>
 * </ol>
 *
 * Usage (through {@code scripts/bench-lint}): {@code LintBench <squawk> <fixtures> <agent jar> [runs] [N]}; N=0 prints
 * only the fixtures.
 */
public final class LintBench {

    private static final Pattern SQUAWK_LINE = Pattern.compile("^(.+?):\\d+:\\d+: \\w+: ([a-z0-9-]+) .*$");
    private static final Set<String> TIMEOUTS = Set.of("require-lock-timeout", "require-statement-timeout",
            "lock-timeout-missing", "statement-timeout-missing");
    private static final List<String> SQUAWK_FLAGS = List.of("--reporter", "gcc", "--assume-in-transaction",
            "--pg-version=15.0");
    private static final LintSettings STRICTEST = new LintSettings(RuleSelection.all(), Duration.ZERO,
            DatabaseFacts.offline());

    /** Each squawk rule and the Preflight rules that cover it (README's table, as data). */
    static final Map<String, Set<String>> SQUAWK_TO_PREFLIGHT = Map.ofEntries(
            Map.entry("adding-field-with-default", Set.of("volatile-default", "generated-stored-column")),
            Map.entry("adding-foreign-key-constraint", Set.of("constraint-not-valid")),
            Map.entry("adding-not-nullable-field", Set.of("set-not-null")),
            Map.entry("adding-required-field", Set.of("not-null-without-default")),
            Map.entry("adding-serial-primary-key-field", Set.of("unique-without-index")),
            Map.entry("ban-alter-domain-with-add-constraint", Set.of("domain-add-constraint")),
            Map.entry("ban-char-field", Set.of("ban-char-field")),
            Map.entry("ban-concurrent-index-creation-in-transaction", Set.of("concurrently-in-transaction")),
            Map.entry("ban-create-domain-with-constraint", Set.of("domain-with-constraint")),
            Map.entry("ban-drop-column", Set.of("drop-or-rename")),
            Map.entry("ban-drop-database", Set.of("drop-database")),
            Map.entry("ban-drop-not-null", Set.of("drop-not-null")),
            Map.entry("ban-drop-table", Set.of("drop-or-rename")),
            Map.entry("ban-duplicate-column-assignments", Set.of("duplicate-column")),
            Map.entry("ban-truncate-cascade", Set.of("truncate-cascade")),
            Map.entry("ban-uncommitted-transaction", Set.of("transaction-nesting")),
            Map.entry("changing-column-type", Set.of("column-type-change")),
            Map.entry("constraint-missing-not-valid", Set.of("constraint-not-valid", "validate-same-transaction",
                    "unique-without-index", "exclusion-constraint")),
            Map.entry("disallowed-unique-constraint", Set.of("unique-without-index")),
            Map.entry("identifier-too-long", Set.of("identifier-too-long")),
            Map.entry("prefer-bigint-over-int", Set.of("prefer-bigint-over-int")),
            Map.entry("prefer-bigint-over-smallint", Set.of("prefer-bigint-over-smallint")),
            Map.entry("prefer-identity", Set.of("prefer-identity")),
            Map.entry("prefer-repack", Set.of("vacuum-full", "cluster")),
            Map.entry("prefer-robust-stmts", Set.of("prefer-robust-stmts")),
            Map.entry("prefer-text-field", Set.of("prefer-text-field")),
            Map.entry("prefer-timestamp-tz", Set.of("prefer-timestamptz")),
            Map.entry("renaming-column", Set.of("drop-or-rename")),
            Map.entry("renaming-table", Set.of("drop-or-rename")),
            Map.entry("require-concurrent-index-creation", Set.of("index-not-concurrent")),
            Map.entry("require-concurrent-index-deletion", Set.of("drop-index-not-concurrent")),
            Map.entry("require-concurrent-partition-detach", Set.of("detach-partition-not-concurrent")),
            Map.entry("require-concurrent-reindex", Set.of("reindex-not-concurrent")),
            Map.entry("require-enum-value-ordering", Set.of("enum-value-ordering")),
            Map.entry("require-lock-timeout", Set.of("lock-timeout-missing")),
            Map.entry("require-statement-timeout", Set.of("statement-timeout-missing")),
            Map.entry("require-table-schema", Set.of("require-table-schema")),
            Map.entry("transaction-nesting", Set.of("transaction-nesting")));

    private LintBench() {
    }

    public static void main(String[] args) throws Exception {
        Path squawk = Path.of(args[0]);
        Path fixtures = Path.of(args[1]);
        Path agentJar = Path.of(args[2]);
        int runs = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        int n = args.length > 4 ? Integer.parseInt(args[4]) : 5000;
        System.out.printf(Locale.ROOT, "%s, Preflight on %s%n%n", run(squawkCommand(squawk, List.of("--version")))
                .out().strip(), Runtime.version());
        fixtures(squawk, fixtures);
        if (n > 0) {
            timing(squawk, agentJar, runs, n);
        }
    }

    // ---------------------------------------------------------------- fixtures

    private static void fixtures(Path squawk, Path dir) throws Exception {
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            // In the README's order of rules; for each, the positive fixtures first, then the safe rewrite.
            files = list.filter(f -> f.toString().endsWith(".sql")).sorted(Comparator
                    .comparing((Path f) -> ruleOf(f).ordinal())
                    .thenComparing(f -> !f.getFileName().toString().contains(".bad"))
                    .thenComparing(Path::toString)).toList();
        }
        List<String> command = new ArrayList<>(SQUAWK_FLAGS);
        files.forEach(f -> command.add(f.toString()));
        Map<String, Set<String>> squawkFound = parseSquawk(run(squawkCommand(squawk, command)).out());
        Map<String, Set<String>> preflightFound = new TreeMap<>();
        for (Path file : files) {
            preflightFound.put(file.toString(), Linter.lintFiles(List.of(file), STRICTEST).stream()
                    .map(Finding::rule).collect(Collectors.toCollection(TreeSet::new)));
        }
        System.out.println("### Fixtures: one migration per rule, and its safe rewrite\n");
        System.out.println("(+t): the tool also asks for lock_timeout / statement_timeout there.\n");
        System.out.println("| Preflight rule | category | fixture | squawk | Preflight |");
        System.out.println("|---|---|---|---|---|");
        int squawkFindings = 0;
        List<String> uncovered = new ArrayList<>();
        int preflightOnly = 0;
        List<String> flaggedSafe = new ArrayList<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            Rule rule = ruleOf(file);
            boolean bad = name.contains(".bad");
            Set<String> s = squawkFound.getOrDefault(file.toString(), Set.of());
            Set<String> p = preflightFound.get(file.toString());
            System.out.printf("| %s | %s | %s | %s | %s |%n", rule.id(), rule.category().label(), name, cell(s, rule),
                    cell(p, rule));
            if (bad) {
                for (String r : s) {
                    squawkFindings++;
                    Set<String> mapped = SQUAWK_TO_PREFLIGHT.getOrDefault(r, Set.of());
                    if (mapped.stream().noneMatch(p::contains)) {
                        uncovered.add(name + ": " + r);
                    }
                }
                if (rule.category() == Category.HAZARD && s.stream().noneMatch(r -> !TIMEOUTS.contains(r)
                        && SQUAWK_TO_PREFLIGHT.getOrDefault(r, Set.of()).contains(rule.id()))) {
                    preflightOnly++;
                }
            } else if (!p.isEmpty()) {
                flaggedSafe.add(name + ": " + p);
            }
        }
        System.out.printf(Locale.ROOT, "%nsquawk findings on the positive fixtures: %d; flagged by Preflight too (through"
                + " the mapping): %d; not: %s%n", squawkFindings, squawkFindings - uncovered.size(), uncovered);
        System.out.printf(Locale.ROOT, "safe rewrites flagged by Preflight: %d %s%n", flaggedSafe.size(), flaggedSafe);
        System.out.printf(Locale.ROOT, "hazard rules whose positive fixture squawk does not flag for that hazard: %d of"
                + " %d%n%n", preflightOnly, Rule.of(Category.HAZARD).size() - 1);
    }

    /** The rule a fixture is for: {@code [<version>_]<rule>.(bad|good)[-case].sql}. */
    private static Rule ruleOf(Path fixture) {
        String name = fixture.getFileName().toString();
        String id = name.replaceFirst("^\\d+_", "").replaceFirst("\\.(bad|good).*", "");
        return Rule.byId(id).orElseThrow(() -> new IllegalStateException("no rule for fixture " + name));
    }

    private static Map<String, Set<String>> parseSquawk(String output) {
        Map<String, Set<String>> found = new TreeMap<>();
        for (String line : output.split("\n")) {
            Matcher m = SQUAWK_LINE.matcher(line);
            if (m.matches()) {
                found.computeIfAbsent(m.group(1), f -> new TreeSet<>()).add(m.group(2));
            }
        }
        return found;
    }

    /** The rules found, the timeout rules folded into "(+t)" unless the fixture is about one of them. */
    private static String cell(Set<String> rules, Rule fixture) {
        List<String> shown = rules.stream().filter(r -> !TIMEOUTS.contains(r) || about(r, fixture)).toList();
        boolean timeouts = rules.stream().anyMatch(r -> TIMEOUTS.contains(r) && !about(r, fixture));
        String text = shown.isEmpty() ? (timeouts ? "" : "-") : String.join(", ", shown);
        return text + (timeouts ? (text.isEmpty() ? "" : " ") + "(+t)" : "");
    }

    /** Whether a rule of either tool is the fixture's rule (or squawk's counterpart of it). */
    private static boolean about(String rule, Rule fixture) {
        return rule.equals(fixture.id()) || SQUAWK_TO_PREFLIGHT.getOrDefault(rule, Set.of()).contains(fixture.id());
    }

    // ---------------------------------------------------------------- timing

    private static void timing(Path squawk, Path agentJar, int runs, int n) throws Exception {
        Path dir = Files.createTempDirectory("preflight-lint-bench-" + n);
        try {
            Bench.generate(dir, n);
            Files.delete(dir.resolve("none"));
            List<String> squawkArgs = new ArrayList<>(SQUAWK_FLAGS);
            try (Stream<Path> list = Files.list(dir)) {
                list.sorted().forEach(f -> squawkArgs.add(f.toString()));
            }
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> cli = List.of(java, "-jar", agentJar.toString(), "--lint.rules=all", "lint", dir.toString());
            // A short-lived JVM spends its first seconds compiling; C1 alone compiles far less (README: Measuring).
            List<String> cliC1 = List.of(java, "-XX:TieredStopAtLevel=1", "-jar", agentJar.toString(),
                    "--lint.rules=all", "lint", dir.toString());
            LintSettings all = LintSettings.defaults().with(RuleSelection.all());
            List<Timed> contenders = List.of(
                    new Timed("squawk (process)", () -> run(squawkCommand(squawk, squawkArgs)).lines()),
                    new Timed("Preflight CLI (process)", () -> run(cli).lines()),
                    new Timed("Preflight CLI, -XX:TieredStopAtLevel=1", () -> run(cliC1).lines()),
                    new Timed("Preflight in-process", () -> Linter.lintFiles(List.of(dir), all).size()));
            double[][] ms = new double[contenders.size()][runs];
            int[] found = new int[contenders.size()];
            for (int c = 0; c < contenders.size(); c++) {
                found[c] = contenders.get(c).work.count(); // warm-up, and what it finds
            }
            for (int i = 0; i < runs; i++) {
                for (int k = 0; k < contenders.size(); k++) {
                    int c = i % 2 == 0 ? k : contenders.size() - 1 - k;
                    long t0 = System.nanoTime();
                    contenders.get(c).work.count();
                    ms[c][i] = (System.nanoTime() - t0) / 1e6;
                }
            }
            System.out.printf(Locale.ROOT, "### Lint time, %d generated migrations (median of %d runs)%n%n", n, runs);
            System.out.println("| tool | ms | vs squawk | output lines / findings |");
            System.out.println("|---|---:|---:|---:|");
            double squawkMs = Bench.median(ms[0]);
            for (int c = 0; c < contenders.size(); c++) {
                double median = Bench.median(ms[c]);
                System.out.printf(Locale.ROOT, "| %s | %.1f | %.2fx | %d |%n", contenders.get(c).name, median,
                        median / squawkMs, found[c]);
            }
        } finally {
            Bench.delete(dir);
        }
    }

    /** Something to time: returns how many lines of output (or findings) it produced. */
    private record Timed(String name, Work work) {
    }

    @FunctionalInterface
    private interface Work {
        int count() throws Exception;
    }

    private record Output(int code, String out) {

        int lines() {
            return out.isEmpty() ? 0 : out.split("\n").length;
        }
    }

    private static List<String> squawkCommand(Path squawk, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(squawk.toString());
        command.addAll(args);
        return command;
    }

    /** Runs a process; exit 0 or 1 (findings) is fine, anything else is an error with its output. */
    private static Output run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int code = p.waitFor();
        if (code != 0 && code != 1) {
            throw new IllegalStateException("exit " + code + " of " + String.join(" ", command.subList(0,
                    Math.min(6, command.size()))) + " ...:\n" + out);
        }
        return new Output(code, out);
    }
}
