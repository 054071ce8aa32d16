import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { buildWorker } from '../app/build-worker.js';
import { DEFAULT_HEYMARKET_BASE_URL, readEnvironment, WorkerEnv } from '../app/environment.js';
import { createDynamoAccessReviewStore } from '../aws/access-review-store.js';
import { createAppliedStore } from '../aws/applied-store.js';
import { createDeadLetterWriter } from '../aws/dlq.js';
import { createSecretReader } from '../aws/secret-reader.js';
import { createVisibilityDelayer } from '../aws/visibility.js';
import { configFromEnv } from '../config/load.js';
import { HeymarketSecret, HrisSecrets } from '../config/secrets.js';
import type { QueueRecord } from '../core/ports.js';
import { BUCKET_BURST, WORKER_SHARE_PER_MINUTE } from '../heymarket/rate-budget.js';
import { logger } from '../observability/logger.js';
import { createPowertoolsMetrics } from '../observability/powertools-metrics.js';

// Module scope is what stays warm: the parsed config, SDK clients, the secret and user-id caches.
const config = configFromEnv();
const env = readEnvironment(WorkerEnv);
const metrics = createPowertoolsMetrics({ log: logger });
const secrets = createSecretReader({ ttlMs: config.secretCacheTtlSeconds * 1000 });
const { HRIS_SECRET_ARN: hrisSecretId, QUEUE_URL: queueUrl, APPLIED_TABLE: appliedTable } = env;
const worker = buildWorker({
  config,
  heymarket: {
    baseUrl: env.HEYMARKET_BASE_URL ?? DEFAULT_HEYMARKET_BASE_URL,
    credentials: ({ forceRefresh }) =>
      secrets.read(env.HEYMARKET_SECRET_ARN, HeymarketSecret, { forceRefresh }),
    rateLimit: { perMinute: WORKER_SHARE_PER_MINUTE, burst: BUCKET_BURST },
  },
  hrisSecrets: hrisSecretId ? () => secrets.read(hrisSecretId, HrisSecrets) : undefined,
  deadLetters: createDeadLetterWriter({ dlqUrl: env.DLQ_URL }),
  applied: appliedTable ? createAppliedStore({ tableName: appliedTable }) : undefined,
  // The latest access review is an item of the same table (lambda/aws/access-review-store.ts).
  accessReview: appliedTable ? createDynamoAccessReviewStore({ tableName: appliedTable }) : undefined,
  log: logger,
  metrics,
  now: Date.now,
});
const delay = queueUrl ? createVisibilityDelayer({ queueUrl, log: logger }) : undefined;

export const handler = async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
  logger.addContext(context);
  const records: QueueRecord[] = event.Records.map((record) => ({
    messageId: record.messageId,
    body: record.body,
    attributes: Object.fromEntries(
      Object.entries(record.messageAttributes ?? {}).flatMap(([name, value]) =>
        value.stringValue === undefined ? [] : [[name, value.stringValue]],
      ),
    ),
    receiveCount: Number(record.attributes.ApproximateReceiveCount) || 1,
    firstSeenAt: toIso(record.attributes.ApproximateFirstReceiveTimestamp),
  }));
  // Published once per invocation, even when the batch throws.
  const { retry, delays } = await worker
    .sync(records, { deadline: Date.now() + context.getRemainingTimeInMillis() })
    .finally(() => metrics.publish());
  const receipts = new Map(event.Records.map((record) => [record.messageId, record.receiptHandle]));
  await delay?.(
    retry.flatMap((id) => {
      const receiptHandle = receipts.get(id);
      return receiptHandle ? [{ receiptHandle, seconds: delays.get(id) ?? 0 }] : [];
    }),
  );
  return { batchItemFailures: retry.map((itemIdentifier) => ({ itemIdentifier })) };
};

function toIso(epochMs: string | undefined): string | undefined {
  const ms = Number(epochMs);
  return Number.isFinite(ms) && ms > 0 ? new Date(ms).toISOString() : undefined;
}
