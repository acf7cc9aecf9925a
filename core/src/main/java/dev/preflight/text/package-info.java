/**
 * Text every surface prints: {@link dev.preflight.text.Json} (one JSON object, written by hand so that core needs
 * no JSON library) and {@link dev.preflight.text.Table} (columns aligned for a terminal). The value types render
 * themselves with them ({@code StatusReport.toTable()}, {@code MigrateResult.toJson()}), so the CLI, eval, rpc and
 * the MBeans print the same characters.
 */
package dev.preflight.text;
