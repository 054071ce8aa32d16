import type { SQSClient } from '@aws-sdk/client-sqs';
import type { Context } from 'aws-lambda';
import { buildScheduler } from '../app/build-scheduler.js';
import {
  AccessReviewEnv,
  DEFAULT_HEYMARKET_BASE_URL,
  ReconcileEnv,
  RedriveEnv,
  readEnvironment,
} from '../app/environment.js';
import { createDynamoAccessReviewStore } from '../aws/access-review-store.js';
import { createChangeQueue, newSqsClient } from '../aws/queue.js';
import { createReconcileState } from '../aws/reconcile-state.js';
import { redriveSelected } from '../aws/redrive.js';
import { createRememberedUsers } from '../aws/remembered-users.js';
import { createSecretReader } from '../aws/secret-reader.js';
import { configFromEnv } from '../config/load.js';
import { HeymarketSecret, HrisSecrets } from '../config/secrets.js';
import { parseSchedulerJob } from '../core/scheduler-job.js';
import { BUCKET_BURST, SCHEDULER_SHARE_PER_MINUTE } from '../heymarket/rate-budget.js';
import { logger } from '../observability/logger.js';
import { createPowertoolsMetrics } from '../observability/powertools-metrics.js';

// Built on first use, as every other client of ours: nothing of it is needed to import the handler.
let client: SQSClient | undefined;
const sqs = () => {
  client ??= newSqsClient();
  return client;
};
const metrics = createPowertoolsMetrics({ log: logger });

const scheduler = buildScheduler({
  redrive: (window) => {
    const env = readEnvironment(RedriveEnv);
    return redriveSelected({
      client: sqs(),
      dlqUrl: env.DLQ_URL,
      queueUrl: env.QUEUE_URL,
      filter: { transientOnly: true, maxReplays: Number(env.MAX_REPLAYS) },
      limit: Number(env.REDRIVE_LIMIT),
      ...window,
    });
  },
  reconcile: () => {
    const config = configFromEnv();
    const env = readEnvironment(ReconcileEnv);
    const secrets = createSecretReader({ ttlMs: config.secretCacheTtlSeconds * 1000 });
    return {
      config,
      heymarket: {
        baseUrl: env.HEYMARKET_BASE_URL ?? DEFAULT_HEYMARKET_BASE_URL,
        credentials: ({ forceRefresh }) =>
          secrets.read(env.HEYMARKET_SECRET_ARN, HeymarketSecret, { forceRefresh }),
        // Beside the workers' shares: the scheduler's (infra/concurrency.ts checks the sum).
        rateLimit: { perMinute: SCHEDULER_SHARE_PER_MINUTE, burst: BUCKET_BURST },
      },
      hrisSecrets: () => secrets.read(env.HRIS_SECRET_ARN, HrisSecrets),
      queue: createChangeQueue({ client: sqs(), queueUrl: env.QUEUE_URL }),
      state: createReconcileState({ tableName: env.APPLIED_TABLE }),
      accessReview: {
        store: createDynamoAccessReviewStore({ tableName: env.APPLIED_TABLE }),
        remembered: createRememberedUsers({ tableName: env.APPLIED_TABLE }),
        // No notifier: on a stack the leaver notifier function sends the notice, fed by the table's
        // stream (lambda/handlers/leaver-notifier.ts), so this function carries no SNS client.
      },
      log: logger,
      metrics,
    };
  },
  overdueLeavers: () => ({
    store: createDynamoAccessReviewStore({ tableName: readEnvironment(AccessReviewEnv).APPLIED_TABLE }),
    graceHours: configFromEnv().accessReview.leaverGraceHours,
  }),
  metrics,
  log: logger,
  now: Date.now,
});

/**
 * EventBridge Scheduler's jobs (the schedule's input, see `parseSchedulerJob`):
 * - redrive (the default): moves back from the DLQ only what is safe to retry (transient classes,
 *   replayed fewer than MAX_REPLAYS times), at most REDRIVE_LIMIT messages a run; beside it, the
 *   leavers of the stored access review past their grace are counted (AccessReviewLeaversOverdue);
 * - reconcile: compares every listed HR employee with their Heymarket user and enqueues what differs
 *   (lambda/service/reconcile-run.ts); a run that runs out of time is saved and continued by the next.
 */
export const handler = async (event: unknown, context: Context) => {
  logger.addContext(context);
  const job = parseSchedulerJob(event);
  const remainingMs = context.getRemainingTimeInMillis();
  if (job.job === 'reconcile') {
    return scheduler.reconcile({ dryRun: job.dryRun, remainingMs }).finally(() => metrics.publish());
  }
  return scheduler.redrive({ remainingMs }).finally(() => metrics.publish());
};
