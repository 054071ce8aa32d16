import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { createAppliedStore } from '../aws/applied-store.js';
import { createDeadLetterWriter } from '../aws/dlq.js';
import { createSecretReader } from '../aws/secret-reader.js';
import { createVisibilityDelayer } from '../aws/visibility.js';
import { configFromEnv } from '../config/load.js';
import { HeymarketSecret, HrisSecrets } from '../config/secrets.js';
import { TtlCache } from '../core/ttl-cache.js';
import { createHeymarketClient } from '../heymarket/client.js';
import { BUCKET_BURST, WORKER_SHARE_PER_MINUTE } from '../heymarket/rate-budget.js';
import { logger } from '../observability/logger.js';
import { createPowertoolsMetrics } from '../observability/powertools-metrics.js';
import { createEnricher } from '../providers/enrich.js';
import { type QueueRecord, syncBatch } from '../service/sync-batch.js';
import { requiredEnv } from './env.js';

// Module scope is what stays warm: the parsed config, SDK clients, the secret and user-id caches.
const config = configFromEnv();
const metrics = createPowertoolsMetrics({ log: logger });
const secrets = createSecretReader({ ttlMs: config.secretCacheTtlSeconds * 1000 });
const heymarketSecretId = requiredEnv('HEYMARKET_SECRET_ARN');
const heymarket = createHeymarketClient({
  baseUrl: process.env.HEYMARKET_BASE_URL ?? 'https://api.heymarket.com',
  credentials: ({ forceRefresh }) => secrets.read(heymarketSecretId, HeymarketSecret, { forceRefresh }),
  chunkSize: config.heymarket.chunkSize,
  rateLimit: { perMinute: WORKER_SHARE_PER_MINUTE, burst: BUCKET_BURST },
  log: logger,
  metrics,
});
const deadLetters = createDeadLetterWriter({ dlqUrl: requiredEnv('DLQ_URL') });
// Without the queue's URL (a stack from before backoff), retries come back after the visibility timeout.
const queueUrl = process.env.QUEUE_URL;
const delay = queueUrl ? createVisibilityDelayer({ queueUrl, log: logger }) : undefined;
const userIds = new TtlCache<string, number>(config.heymarket.userCacheTtlSeconds * 1000, Date.now);
// Without an HR API secret (a stack from before thin-event providers), thin events are dead-lettered
// with a reason rather than failing every batch.
const hrisSecretId = process.env.HRIS_SECRET_ARN;
const enrich = hrisSecretId
  ? createEnricher({
      config,
      credentials: () => secrets.read(hrisSecretId, HrisSecrets),
      deps: { now: Date.now, log: logger },
    })
  : undefined;
// Without a table (a stack from before it), changes are ordered within a batch only, as before.
const appliedTable = process.env.APPLIED_TABLE;
const applied = appliedTable ? createAppliedStore({ tableName: appliedTable }) : undefined;

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
  const { retry, delays } = await syncBatch(
    records,
    { config, heymarket, deadLetters, enrich, userIds, applied, log: logger, metrics, now: Date.now },
    { deadline: Date.now() + context.getRemainingTimeInMillis() },
  ).finally(() => metrics.publish());
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
