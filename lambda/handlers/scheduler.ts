import type { Context } from 'aws-lambda';
import { newSqsClient } from '../aws/queue.js';
import { redriveSelected } from '../aws/redrive.js';
import { logger } from '../observability/logger.js';
import { requiredEnv } from './env.js';

const client = newSqsClient();
// Leaves time to release the messages it holds before Lambda stops the invocation.
const SAFETY_MS = 15_000;

/**
 * EventBridge Scheduler's redrive: moves back from the DLQ only what is safe to retry (transient
 * classes, replayed fewer than MAX_REPLAYS times), at most REDRIVE_LIMIT messages a run. Permanent
 * ones stay for a person (`hr-sync dlq list`).
 */
export const handler = async (_event: unknown, context: Context) => {
  logger.addContext(context);
  const remainingMs = context.getRemainingTimeInMillis();
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
