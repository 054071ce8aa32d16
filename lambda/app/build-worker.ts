import type { Config } from '../config/schema.js';
import type { HeymarketSecret, HrisSecrets } from '../config/secrets.js';
import type {
  AccessReviewUpdater,
  AppliedStore,
  Clock,
  DeadLetterSink,
  HeymarketTeam,
  HeymarketUsers,
  QueueRecord,
} from '../core/ports.js';
import { TtlCache } from '../core/ttl-cache.js';
import { createHeymarketClient } from '../heymarket/client.js';
import type { Log } from '../observability/log.js';
import type { Metrics } from '../observability/metrics.js';
import { createEnricher } from '../providers/enrich.js';
import { listableProviders } from '../providers/index.js';
import { type SyncOptions, type SyncResult, syncBatch } from '../service/sync-batch.js';

/** Where a host's Heymarket is and how it signs in. */
export interface HeymarketAccess {
  /** `https://api.heymarket.com`, the local sandbox's URL, or a test's fake. */
  baseUrl: string;
  /** The API secret; `forceRefresh` after a 401 (rotation). */
  credentials: (options: { forceRefresh: boolean }) => Promise<HeymarketSecret>;
  /** This host's share of Heymarket's 500 requests a minute (lambda/heymarket/rate-budget.ts); unset: none. */
  rateLimit?: { perMinute: number; burst: number } | undefined;
}

/** What a host gives the worker: the Lambda handler (AWS) or the local host (SQLite, sandbox). */
export interface WorkerAdapters {
  config: Config;
  heymarket: HeymarketAccess;
  /**
   * The HR-system secret, for thin events. Without it (a stack from before thin-event providers),
   * thin events are dead-lettered with a reason rather than failing every batch.
   */
  hrisSecrets?: (() => Promise<HrisSecrets>) | undefined;
  deadLetters: DeadLetterSink<QueueRecord>;
  /** Without it (a stack from before the applied table), changes are ordered within a batch only. */
  applied?: AppliedStore | undefined;
  /** The stored access review: a termination the worker processes is a leaver finding at once. */
  accessReview?: AccessReviewUpdater | undefined;
  log: Log;
  metrics?: Metrics | undefined;
  now: Clock;
}

export interface Worker {
  /** Syncs one batch from the queue: what to retry, and after how long. */
  sync(records: readonly QueueRecord[], options: SyncOptions): Promise<SyncResult>;
  /** Its Heymarket client, for a host that runs reconcile in the same process on the same budget. */
  heymarket: HeymarketUsers & HeymarketTeam;
}

/**
 * The worker's graph: the Heymarket client, the thin-event enricher and the user-id cache, built once
 * and kept warm by the host (module scope in Lambda, the process locally).
 */
export function buildWorker(adapters: WorkerAdapters): Worker {
  const { config, hrisSecrets, deadLetters, applied, log, metrics, now } = adapters;
  const { chunkSize } = config.heymarket;
  const heymarket = createHeymarketClient({ ...adapters.heymarket, chunkSize, log, metrics });
  const enrich = hrisSecrets
    ? createEnricher({ config, credentials: hrisSecrets, deps: { now, log } })
    : undefined;
  const userIds = new TtlCache<string, number>(config.heymarket.userCacheTtlSeconds * 1000, now);
  const accessReview = adapters.accessReview && {
    store: adapters.accessReview,
    unlisted: listableProviders(config),
  };
  const deps = {
    config,
    heymarket,
    deadLetters,
    enrich,
    userIds,
    applied,
    accessReview,
    log,
    metrics,
    now,
  };
  return { heymarket, sync: (records, options) => syncBatch(records, deps, options) };
}
