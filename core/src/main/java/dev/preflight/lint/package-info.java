/**
 * The safety lint: {@link dev.preflight.lint.Linter} reads SQL migrations statement by statement and reports the
 * PostgreSQL hazards (locks that block a busy table, rewrites, changes that break the release still running) and
 * the conventions of {@link dev.preflight.lint.Rule} as {@link dev.preflight.lint.Finding}s, each with its
 * file:line, why it is a problem and the safe pattern; {@code -- preflight:allow <rule>} above a statement accepts
 * one. {@link dev.preflight.lint.LintReport} and {@link dev.preflight.lint.Sarif} render them (text, JSON, SARIF
 * 2.1.0); {@link dev.preflight.lint.LintGate} applies the {@code lint} setting before migrate and rollback.
 *
 * <p>Inside: {@code ScriptLint} walks one script of a run and keeps its transaction and session state;
 * {@code RunState} what the run created; the checks by statement family ({@code AlterTableChecks},
 * {@code ColumnChecks}, {@code CreateChecks}, {@code DropChecks}, {@code IndexChecks}, {@code TypeChecks},
 * {@code SessionChecks}, {@code Conventions}); {@code Locks} the lock model; {@code Volatility} and
 * {@code DatabaseFacts} what the catalog knows.
 */
package dev.preflight.lint;
