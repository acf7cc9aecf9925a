/**
 * Progress and log lines from inside a running operation (a Java migration, a task, a batched backfill) to the
 * operation's {@link dev.preflight.MigrationListener}: the engine binds the listener to the thread that runs the
 * operation ({@link dev.preflight.progress.CurrentOperation}), so code deep inside a migration reports without
 * being handed anything.
 */
package dev.preflight.progress;
