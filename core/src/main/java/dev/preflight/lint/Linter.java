package dev.preflight.lint;

import dev.preflight.source.Migration;
import dev.preflight.source.MigrationFinder;
import dev.preflight.sql.SqlSyntaxException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The safety lint: reads SQL migrations statement by statement and reports the PostgreSQL hazards (locks that block
 * a busy table, rewrites, changes that break the release still running) and, when turned on, the conventions of
 * {@link Rule}. Statements on a table, index or type created earlier in the same run are never hazards (nobody uses
 * them yet); {@code -- preflight:allow <rule>} on the statement's line or in the comment lines directly above it
 * accepts one finding.
 *
 * <pre>{@code
 * Linter.lint(migration).forEach(f -> System.out.print(f.toBlock()));          // up and down, defaults
 * Linter.lintFiles(List.of(Path.of("db/migrations/20240301_x.sql")), LintSettings.defaults());
 * }</pre>
 *
 * <p>It reads keywords, it does not parse SQL: it knows the statement shapes of the rules and stays silent on
 * anything else (a function body, dynamic SQL). Java migrations have no SQL to read and give no findings.
 */
public final class Linter {

    private Linter() {
    }

    /** Both directions of one migration, each on its own, with the default settings. */
    public static List<Finding> lint(Migration migration) {
        return lint(migration, LintSettings.defaults());
    }

    /**
     * Both directions of one migration, each on its own: the up script, then the down script, in which dropping
     * what the up created is not a hazard (it is the up's inverse).
     *
     * @throws SqlSyntaxException when a script cannot be split (file:line)
     */
    public static List<Finding> lint(Migration migration, LintSettings settings) {
        if (migration.up() == null) {
            return List.of(); // a Java migration
        }
        LintScript up = LintScript.of(migration, true);
        List<Finding> findings = new ArrayList<>(lint(List.of(up), settings));
        if (migration.down() != null) {
            findings.addAll(lintDown(LintScript.of(migration, false), createdBy(up, settings), settings));
        }
        return findings;
    }

    /**
     * {@link #lint(Migration, LintSettings)} of each migration, in order: what {@code Preflight.lint()} reports. The
     * migrations are independent of each other, so they are linted side by side.
     */
    public static List<Finding> lintEach(List<Migration> migrations, LintSettings settings) {
        return migrations.parallelStream().map(m -> lint(m, settings)).flatMap(List::stream).toList();
    }

    /**
     * One run: the scripts one command is about to execute, in order (every pending migration of a migrate, the
     * down scripts of a rollback). A table, index or type created by an earlier script of the run is as new as one
     * created earlier in the same script.
     */
    public static List<Finding> lint(List<LintScript> run, LintSettings settings) {
        List<Finding> findings = new ArrayList<>();
        RunState state = new RunState();
        for (LintScript script : run) {
            RunState createdByUp = script.up() || script.migration().up() == null ? null
                    : createdBy(LintScript.of(script.migration(), true), settings);
            new ScriptLint(script, settings, state, createdByUp, findings).lint();
        }
        return findings;
    }

    /** A down script on its own, knowing what its up created. */
    private static List<Finding> lintDown(LintScript down, RunState createdByUp, LintSettings settings) {
        List<Finding> findings = new ArrayList<>();
        new ScriptLint(down, settings, new RunState(), createdByUp, findings).lint();
        return findings;
    }

    /**
     * Files and folders that need not be in a configured location (a pre-commit hook, CI on a pull request): the up
     * scripts of their migrations as one run in version order (so a table created by one of them is new for the
     * others), then each down script on its own, then each plain SQL file on its own. A plain file runs in a
     * transaction unless it says {@code -- preflight:no-transaction}, has a BEGIN/COMMIT of its own, or has a
     * statement PostgreSQL refuses in one.
     *
     * @throws dev.preflight.MigrationException for a missing path or a broken migration file
     * @throws SqlSyntaxException when a script cannot be split (file:line)
     */
    public static List<Finding> lintFiles(List<Path> paths, LintSettings settings) {
        MigrationFinder.Selection selection = MigrationFinder.select(paths);
        List<Migration> sql = selection.migrations().stream().filter(m -> m.up() != null).toList();
        // Splitting is independent per script, so it runs side by side; the up run itself is in order.
        List<LintScript> ups = sql.parallelStream().map(m -> LintScript.of(m, true)).toList();
        List<Finding> findings = new ArrayList<>(lint(ups, settings));
        findings.addAll(IntStream.range(0, sql.size()).parallel().filter(i -> sql.get(i).down() != null)
                .mapToObj(i -> lintDown(LintScript.of(sql.get(i), false), createdBy(ups.get(i), settings), settings))
                .flatMap(List::stream).toList());
        findings.addAll(selection.plain().parallelStream().map(p -> lint(List.of(LintScript.of(p, true)), settings))
                .flatMap(List::stream).toList());
        return findings;
    }

    /** What a migration's up script creates, read without reporting, for the lint of its down script. */
    private static RunState createdBy(LintScript up, LintSettings settings) {
        RunState created = new RunState();
        new ScriptLint(up, settings.with(RuleSelection.parse(List.of("none"), false)), created, null,
                new ArrayList<>()).lint();
        return created;
    }
}
