/**
 * The safety lint: {@link dev.preflight.lint.Linter} reads a SQL migration statement by statement and reports
 * the PostgreSQL lock and rewrite hazards of {@link dev.preflight.lint.Rule} as
 * {@link dev.preflight.lint.Finding}s, each with its file:line, why it is dangerous and the safe pattern.
 * {@code -- preflight:allow <rule>} above a statement accepts one. Used by {@code Preflight.lint()}, the CLI's
 * {@code lint} command and, as the {@code lint} setting says, before every {@code migrate}.
 */
package dev.preflight.lint;
