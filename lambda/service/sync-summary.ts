import { addCount } from '../core/own-property.js';
import type { Metrics } from '../observability/metrics.js';

/** What one batch did, logged as `batch synced` and counted as metrics (see `countOutcomes`). */
export interface SyncSummary {
  received: number;
  enriched: number;
  patched: number;
  /**
   * Why things were not sent, by reason. Per message, except `stale`: one per *field* dropped because
   * a newer (or this same) change was already applied; a message with nothing fresh left is done and
   * counted once more under `stale-change`. The safety rules count per message whose role (or, for
   * `protected-user`, whole patch) was withheld: `protected-user`, `protected-role`, `role-unverified`,
   * `leaver`.
   */
  skipped: Record<string, number>;
  /** Explicit returns after a termination (see lambda/core/leaver.ts), honoured. */
  rehired: number;
  deadLettered: Record<string, number>;
  retried: Record<string, number>;
  dryRun: boolean;
}

export const newSummary = (received: number, dryRun: boolean): SyncSummary => ({
  received,
  enriched: 0,
  patched: 0,
  skipped: {},
  rehired: 0,
  deadLettered: {},
  retried: {},
  dryRun,
});

/** Own properties only: a reason can come from outside (a SyncError code of an HR answer). */
export const count = (tally: Record<string, number>, key: string) => addCount(tally, key);

/** The skip reasons of the safety rules (lambda/core/role-guard.ts, lambda/core/leaver.ts). */
const WITHHELD_REASONS = ['protected-user', 'protected-role', 'role-unverified', 'leaver'] as const;

/**
 * The summary as metrics: users patched (none in a dry run), fields dropped as stale, messages retried
 * by reason and dead-lettered by error class (SyncError codes, a bounded set), changes withheld by a
 * safety rule by reason (the fixed set above), rehires.
 */
export function countOutcomes(summary: SyncSummary, metrics: Metrics) {
  if (!summary.dryRun) metrics.count('PatchesApplied', summary.patched);
  metrics.count('StaleDropped', summary.skipped.stale ?? 0);
  for (const [reason, n] of Object.entries(summary.retried)) {
    metrics.count('ChangesRetried', n, { name: 'reason', value: reason });
  }
  for (const [errorClass, n] of Object.entries(summary.deadLettered)) {
    metrics.count('DeadLettered', n, { name: 'errorClass', value: errorClass });
  }
  for (const reason of WITHHELD_REASONS) {
    const n = summary.skipped[reason];
    if (n) metrics.count('ChangesWithheld', n, { name: 'reason', value: reason });
  }
  if (summary.rehired > 0) metrics.count('Rehires', summary.rehired);
}
