import type { Config } from '../config/schema.js';
import type { ProviderName } from '../core/employee-change.js';
import type { ChangeQueue, Clock, HeymarketUsers, ReconcileStateStore } from '../core/ports.js';
import type { Log } from '../observability/log.js';
import type { Metrics } from '../observability/metrics.js';
import type { ListEmployees } from '../providers/index.js';
import type { AccessReviewDeps } from './access-review-run.js';

/** What one reconcile run (lambda/service/reconcile-run.ts) is given by its host. */
export interface ReconcileDeps {
  config: Config;
  /** The list API of an enabled provider; throws a SyncError when it cannot be built (no credentials). */
  lister: (provider: ProviderName) => Promise<ListEmployees>;
  heymarket: Pick<HeymarketUsers, 'findUsersByEmail'>;
  /** The main queue: reconcile enqueues, the worker applies; it never calls `users/update` itself. */
  queue: ChangeQueue;
  /** Where a run that runs out of time is saved; without it such a run enqueues nothing. */
  state?: ReconcileStateStore | undefined;
  log: Log;
  metrics?: Metrics | undefined;
  now: Clock;
  newRunId?: () => string;
  /** Where a complete run (not a dry one) writes the access review; without it, none is written. */
  accessReview?: AccessReviewDeps | undefined;
}

export interface ReconcileOptions {
  /** Compare and report; enqueue nothing, save nothing, count no metric. */
  dryRun?: boolean;
  /** Epoch ms by which the invocation must be done (the Lambda's remaining time). */
  deadline?: number | undefined;
  /** Kept free before the deadline to save the run; no call starts inside it. */
  reserveMs?: number;
  /** This run's cap instead of `reconcile.maxChanges`. */
  maxChanges?: number | undefined;
}
