package dev.preflight.lint;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every rule on its fixture pair ({@code src/test/resources/lint-fixtures}, also the input of
 * {@code scripts/bench-lint}, which runs squawk over the same files): the positive migration is flagged by the rule,
 * the same migration with {@code -- preflight:allow <rule>} above each flagged statement is not, and the safe
 * rewrite has no finding of any rule, hazards and conventions alike.
 */
class LintFixturesTest {

    static final Path FIXTURES = Path.of("src/test/resources/lint-fixtures");
    /** Rules that need a database to fire: tested with the facts they need in {@link LinterRulesTest}. */
    static final Set<Rule> NEED_A_DATABASE = Set.of(Rule.CONCURRENT_INDEX_CORRUPTION);

    @TempDir
    Path tmp;

    static List<Rule> rules() {
        return Arrays.stream(Rule.values()).filter(r -> !NEED_A_DATABASE.contains(r)).toList();
    }

    /** Every rule, and no lock_timeout from Preflight: as strict as the lint gets. */
    static final LintSettings STRICTEST = new LintSettings(RuleSelection.all(), Duration.ZERO, DatabaseFacts.offline());

    private static List<Finding> lint(Path file) {
        return Linter.lintFiles(List.of(file), STRICTEST);
    }

    /** The rule's positive fixtures: {@code <rule>.bad.sql} and {@code [<version>_]<rule>.bad-<case>.sql}. */
    static List<Path> positives(Rule rule) {
        try (Stream<Path> files = Files.list(FIXTURES)) {
            return files.filter(f -> f.getFileName().toString().replaceFirst("^\\d+_", "")
                    .matches(Pattern.quote(rule.id()) + "\\.bad(-[a-z-]+)?\\.sql")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> rulesOf(List<Finding> findings) {
        return findings.stream().map(Finding::rule).collect(Collectors.toCollection(TreeSet::new));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void thePositiveMigrationIsFlagged(Rule rule) {
        for (Path bad : positives(rule)) {
            List<Finding> findings = lint(bad);
            assertTrue(rulesOf(findings).contains(rule.id()), bad + ": " + rule.id() + " not among " + rulesOf(findings));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void theSafeRewriteHasNoFinding(Rule rule) {
        List<Finding> findings = lint(FIXTURES.resolve(rule.id() + ".good.sql"));
        assertEquals(List.of(), findings.stream().map(Finding::toBlock).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void anAllowCommentAcceptsIt(Rule rule) throws IOException {
        for (Path bad : positives(rule)) {
            assertAllowed(rule, bad);
        }
    }

    private void assertAllowed(Rule rule, Path bad) throws IOException {
        List<Finding> before = lint(bad).stream().filter(f -> f.rule().equals(rule.id())).toList();
        List<String> lines = new ArrayList<>(Files.readAllLines(bad));
        // Bottom up, so earlier line numbers stay right.
        before.stream().map(Finding::line).distinct().sorted((a, b) -> b - a)
                .forEach(line -> lines.add(line - 1, "-- preflight:allow " + rule.id()));
        Path allowed = Files.write(tmp.resolve(bad.getFileName().toString().replace(".bad", ".allowed")), lines);
        assertEquals(List.of(), lint(allowed).stream().filter(f -> f.rule().equals(rule.id())).map(Finding::toBlock)
                .toList());
    }

    @Test
    void everyRuleHasAFixturePair() {
        for (Rule rule : rules()) {
            assertTrue(Files.isRegularFile(FIXTURES.resolve(rule.id() + ".bad.sql")), rule.id() + ".bad.sql");
            assertTrue(positives(rule).contains(FIXTURES.resolve(rule.id() + ".bad.sql")), rule.id());
            assertTrue(Files.isRegularFile(FIXTURES.resolve(rule.id() + ".good.sql")), rule.id() + ".good.sql");
        }
    }
}
