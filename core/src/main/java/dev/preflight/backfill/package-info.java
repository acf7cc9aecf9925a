/**
 * Batched, throttled, resumable updates of large tables for data migrations and tasks:
 * {@link dev.preflight.backfill.Backfill}.
 */
package dev.preflight.backfill;
