import type { ReconcileSummary } from '../core/reconcile-progress.js';
import type { Metrics } from '../observability/metrics.js';

/**
 * A finished real run's figures as metrics (the dashboard's reconcile row, infra/dashboard.ts, and the
 * ReconcileFailures and ReconcileCapExceeded alarms, infra/scheduled-reconcile.ts). A dry run counts nothing.
 */
export function countReconcile(metrics: Metrics, summary: ReconcileSummary): void {
  metrics.count('ReconcileListed', summary.listed);
  metrics.count('ReconcileMatched', summary.matched);
  metrics.count('ReconcileDiffering', summary.differing);
  metrics.count('ReconcileEnqueued', summary.enqueued);
  metrics.count('ReconcileUnmatched', summary.unmatched);
  metrics.count('ReconcileSkippedByCap', summary.skippedByCap);
  if (summary.capExceeded) metrics.count('ReconcileCapExceeded');
  // Not split by reason: an alarm cannot watch a SEARCH over dimensions; the log names the codes.
  const failed = Object.keys(summary.failures).length;
  if (failed > 0) metrics.count('ReconcileFailures', failed);
}
