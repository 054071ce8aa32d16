import { countKinds, countOverdueLeavers } from '../core/access-review-counts.js';
import { FINDING_KINDS, type FindingKind } from '../core/access-review-report.js';
import { classify } from '../core/errors.js';
import type { AccessReviewStore, Clock } from '../core/ports.js';
import type { Log } from '../observability/log.js';
import type { CountName, Metrics } from '../observability/metrics.js';
import type { AccessReviewOutcome } from './access-review-run.js';

const LIST_METRIC: Record<FindingKind, CountName> = {
  'leaver-with-seat': 'AccessReviewLeaversWithSeat',
  'hire-without-seat': 'AccessReviewHiresWithoutSeat',
  'seat-without-employee': 'AccessReviewSeatsWithoutEmployee',
};

/**
 * A reconcile run's review as metrics (the alarms of infra/scheduled-reconcile.ts, the dashboard of
 * infra/dashboard.ts): 1 in AccessReviewStale when it could not be renewed (0 when it was), the size of
 * each list when it was, and the overdue leavers of whichever review is now stored.
 */
export function countAccessReview(
  metrics: Metrics,
  outcome: AccessReviewOutcome,
  rule: { graceHours: number; now: number },
): void {
  metrics.count('AccessReviewStale', outcome.status === 'written' ? 0 : 1);
  if (outcome.status === 'written') {
    const counts = countKinds(outcome.review);
    for (const kind of FINDING_KINDS) metrics.count(LIST_METRIC[kind], counts[kind]);
  }
  if (outcome.status !== 'failed') {
    metrics.count(
      'AccessReviewLeaversOverdue',
      countOverdueLeavers(outcome.review, rule.graceHours, rule.now),
    );
  }
}

/** What the hourly redrive reads to count the overdue leavers: the stored review and the grace. */
export interface OverdueLeaversWatch {
  store: Pick<AccessReviewStore, 'read'>;
  /** `accessReview.leaverGraceHours` of the deployed config. */
  graceHours: number;
}

/**
 * AccessReviewLeaversOverdue from the stored review, so the alarm sees a point every hour rather than
 * once a day after the reconcile run: a leaver crosses the grace between two runs. No review yet, or
 * one that cannot be read, counts nothing (the alarm ignores a missing point) and is logged by code.
 * Never throws: the redrive beside it must not fail for it.
 */
export async function countStoredOverdueLeavers(deps: {
  watch: () => OverdueLeaversWatch;
  metrics: Metrics;
  log: Log;
  now: Clock;
}): Promise<void> {
  const { log } = deps;
  let watch: OverdueLeaversWatch;
  try {
    watch = deps.watch();
  } catch (error) {
    // The environment or the config the reconcile job also reads: its message names what is missing.
    const reason = error instanceof Error ? error.message : 'unknown';
    log.warn('access review overdue not counted', { code: 'access-review-unconfigured', reason });
    return;
  }
  try {
    const { store, graceHours } = watch;
    const review = await store.read();
    if (!review) {
      log.info('access review overdue not counted', { code: 'access-review-missing' });
      return;
    }
    deps.metrics.count('AccessReviewLeaversOverdue', countOverdueLeavers(review, graceHours, deps.now()));
  } catch (error) {
    log.warn('access review overdue not counted', { code: classify(error).code });
  }
}
