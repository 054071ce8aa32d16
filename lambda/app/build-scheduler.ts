import type { Config } from '../config/schema.js';
import type { HrisSecrets } from '../config/secrets.js';
import type { RedriveResult } from '../core/dead-letter-counts.js';
import { permanent } from '../core/errors.js';
import type {
  AccessReviewStore,
  ChangeQueue,
  HeymarketTeam,
  HeymarketUsers,
  ReconcileStateStore,
} from '../core/ports.js';
import { createHeymarketClient } from '../heymarket/client.js';
import type { Log } from '../observability/log.js';
import type { Metrics } from '../observability/metrics.js';
import { hrApiBuilder } from '../providers/hr-api.js';
import { countStoredOverdueLeavers, type OverdueLeaversWatch } from '../service/access-review-metrics.js';
import type { ReconcileDeps, ReconcileOptions } from '../service/reconcile-deps.js';
import { type ReconcileSummary, reconcile } from '../service/reconcile-run.js';
import type { HeymarketAccess } from './build-worker.js';

/** What a host gives the reconcile job: the scheduler function, `hr-sync reconcile`, the local host. */
export interface ReconcileAdapters {
  config: Config;
  /** How to reach Heymarket, or a client the host already has (local: one process, one budget share). */
  heymarket: HeymarketAccess | { client: HeymarketUsers & HeymarketTeam };
  hrisSecrets: () => Promise<HrisSecrets>;
  queue: ChangeQueue;
  state?: ReconcileStateStore | undefined;
  /**
   * Where a complete run writes the access review, and the HR id → Heymarket user ids the applied store
   * remembers; without it, no review is written (`hr-sync reconcile` from a laptop). Leaver notices
   * follow the stored review, not this job: lambda/handlers/leaver-notifier.ts on a stack,
   * lambda/service/notifying-review-store.ts locally.
   */
  accessReview?:
    | {
        store: AccessReviewStore;
        remembered: () => Promise<ReadonlyMap<string, number>>;
      }
    | undefined;
  log: Log;
  metrics?: Metrics | undefined;
  now?: () => number;
  /** Waits between retries and for the rate budget; tests pass one that returns at once. */
  sleep?: (ms: number) => Promise<void>;
}

/**
 * The reconcile job's graph: the Heymarket client (users/get, and GET /v1/team for the access review)
 * and each provider's list API, built from the HR-system secret when the run reaches that provider.
 */
export function reconcileWiring(adapters: ReconcileAdapters): ReconcileDeps {
  const { config, log, metrics } = adapters;
  const now = adapters.now ?? Date.now;
  const sleep = adapters.sleep;
  const timing = sleep ? { now, sleep } : { now };
  const heymarket =
    'client' in adapters.heymarket
      ? adapters.heymarket.client
      : createHeymarketClient({
          ...adapters.heymarket,
          chunkSize: config.heymarket.chunkSize,
          log,
          metrics,
          ...timing,
        });
  return {
    config,
    heymarket,
    queue: adapters.queue,
    state: adapters.state,
    accessReview: adapters.accessReview && { ...adapters.accessReview, team: heymarket },
    log,
    metrics,
    now,
    lister: hrApiBuilder({
      config,
      credentials: adapters.hrisSecrets,
      deps: { ...timing, log },
      piece: (api) => api.lister,
      unavailable: (provider) =>
        permanent('list-unavailable', `provider ${provider} has no API to list employees from`),
    }),
  };
}

export type Reconcile = (options: ReconcileOptions) => Promise<ReconcileSummary>;

/** The reconcile job, ready to run (lambda/service/reconcile-run.ts). */
export function buildReconcile(adapters: ReconcileAdapters): Reconcile {
  const deps = reconcileWiring(adapters);
  return (options) => reconcile(deps, options);
}

/** What the scheduler function's host gives it: the Lambda handler, with AWS adapters. */
export interface SchedulerAdapters {
  /** Read on the first reconcile job only: a redrive needs none of it (nor its environment variables). */
  reconcile: () => ReconcileAdapters;
  /** Moves back from the DLQ what is safe to retry, within the window it is given. */
  redrive: (window: { deadline: number; holdSeconds: number }) => Promise<RedriveResult>;
  /**
   * Read on the first redrive: the stored access review and the grace, whose overdue leavers each
   * redrive counts; without it (or without `metrics`), none are counted.
   */
  overdueLeavers?: (() => OverdueLeaversWatch) | undefined;
  metrics?: Metrics | undefined;
  log: Log;
  now: () => number;
}

export interface Scheduler {
  reconcile(options: { dryRun: boolean; remainingMs: number }): Promise<ReconcileSummary>;
  redrive(options: { remainingMs: number }): Promise<RedriveResult>;
}

// Leaves time to release the messages a redrive holds before Lambda stops the invocation.
const SAFETY_MS = 15_000;

/**
 * The scheduler function's two jobs (lambda/core/scheduler-job.ts): the redrive, and the reconcile
 * (lambda/service/reconcile-run.ts), wired on its first run and kept warm.
 */
export function buildScheduler(adapters: SchedulerAdapters): Scheduler {
  const { log, metrics, now } = adapters;
  let reconcileJob: Reconcile | undefined;
  let watch: OverdueLeaversWatch | undefined;
  const overdueLeavers = adapters.overdueLeavers;
  return {
    reconcile({ dryRun, remainingMs }) {
      reconcileJob ??= buildReconcile(adapters.reconcile());
      return reconcileJob({ dryRun, deadline: now() + remainingMs });
    },
    async redrive({ remainingMs }) {
      const window = {
        deadline: now() + remainingMs - SAFETY_MS,
        holdSeconds: Math.ceil(remainingMs / 1000) + 30,
      };
      // Beside the redrive, not before it: one GetItem that never throws and never delays it.
      const counted =
        overdueLeavers && metrics
          ? countStoredOverdueLeavers({ watch: () => (watch ??= overdueLeavers()), metrics, log, now })
          : Promise.resolve();
      try {
        const result = await adapters.redrive(window);
        log.info('redrive done', { ...result });
        return result;
      } finally {
        await counted;
      }
    },
  };
}
