import type { Context } from 'aws-lambda';
import { createChangeQueue, newSqsClient } from '../aws/queue.js';
import { createReconcileState } from '../aws/reconcile-state.js';
import { redriveSelected } from '../aws/redrive.js';
import { createSecretReader } from '../aws/secret-reader.js';
import { configFromEnv } from '../config/load.js';
import { HeymarketSecret, HrisSecrets } from '../config/secrets.js';
import { parseSchedulerJob } from '../core/scheduler-job.js';
import { BUCKET_BURST, SCHEDULER_SHARE_PER_MINUTE } from '../heymarket/rate-budget.js';
import { logger } from '../observability/logger.js';
import { createPowertoolsMetrics } from '../observability/powertools-metrics.js';
import { reconcileDeps } from '../service/reconcile-deps.js';
import type { ReconcileDeps } from '../service/reconcile-run.js';
import { reconcile } from '../service/reconcile-run.js';
import { requiredEnv } from './env.js';

const client = newSqsClient();
// Leaves time to release the messages it holds before Lambda stops the invocation.
const SAFETY_MS = 15_000;
// Built on the first reconcile job only: a redrive needs none of it (nor its environment variables).
let reconcileWiring: ReconcileDeps | undefined;
const metrics = createPowertoolsMetrics({ log: logger });

/**
 * EventBridge Scheduler's jobs (the schedule's input, see `parseSchedulerJob`):
 * - redrive (the default): moves back from the DLQ only what is safe to retry (transient classes,
 *   replayed fewer than MAX_REPLAYS times), at most REDRIVE_LIMIT messages a run;
 * - reconcile: compares every listed HR employee with their Heymarket user and enqueues what differs
 *   (lambda/service/reconcile-run.ts); a run that runs out of time is saved and continued by the next.
 */
export const handler = async (event: unknown, context: Context) => {
  logger.addContext(context);
  const job = parseSchedulerJob(event);
  const remainingMs = context.getRemainingTimeInMillis();
  if (job.job === 'reconcile') {
    reconcileWiring ??= wireReconcile();
    return reconcile(reconcileWiring, {
      dryRun: job.dryRun,
      deadline: Date.now() + remainingMs,
    }).finally(() => metrics.publish());
  }
  const result = await redriveSelected({
    client,
    dlqUrl: requiredEnv('DLQ_URL'),
    queueUrl: requiredEnv('QUEUE_URL'),
    filter: { transientOnly: true, maxReplays: Number(requiredEnv('MAX_REPLAYS')) },
    limit: Number(requiredEnv('REDRIVE_LIMIT')),
    deadline: Date.now() + remainingMs - SAFETY_MS,
    holdSeconds: Math.ceil(remainingMs / 1000) + 30,
  });
  logger.info('redrive done', { ...result });
  return result;
};

function wireReconcile(): ReconcileDeps {
  const config = configFromEnv();
  const secrets = createSecretReader({ ttlMs: config.secretCacheTtlSeconds * 1000 });
  const heymarketSecretId = requiredEnv('HEYMARKET_SECRET_ARN');
  const hrisSecretId = requiredEnv('HRIS_SECRET_ARN');
  return reconcileDeps({
    config,
    heymarketBaseUrl: process.env.HEYMARKET_BASE_URL ?? 'https://api.heymarket.com',
    heymarketSecret: ({ forceRefresh }) => secrets.read(heymarketSecretId, HeymarketSecret, { forceRefresh }),
    hrisSecrets: () => secrets.read(hrisSecretId, HrisSecrets),
    queue: createChangeQueue({ client, queueUrl: requiredEnv('QUEUE_URL') }),
    state: createReconcileState({ tableName: requiredEnv('APPLIED_TABLE') }),
    // Beside the workers' shares: the scheduler's (infra/concurrency.ts checks the sum).
    rateLimit: { perMinute: SCHEDULER_SHARE_PER_MINUTE, burst: BUCKET_BURST },
    log: logger,
    metrics,
  });
}
