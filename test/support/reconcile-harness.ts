import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { reconcileWiring } from '../../lambda/app/build-scheduler.js';
import { createAppliedStore } from '../../lambda/aws/applied-store.js';
import { createChangeQueue } from '../../lambda/aws/queue.js';
import { createReconcileState } from '../../lambda/aws/reconcile-state.js';
import { parseConfig } from '../../lambda/config/load.js';
import type { ConfigInput } from '../../lambda/config/schema.js';
import type { HrisSecrets } from '../../lambda/config/secrets.js';
import type { DeadLetterReason } from '../../lambda/core/dead-letter.js';
import type { AccessReviewStore, QueueRecord } from '../../lambda/core/ports.js';
import { TtlCache } from '../../lambda/core/ttl-cache.js';
import { createHeymarketClient } from '../../lambda/heymarket/client.js';
import type { ReconcileDeps, ReconcileOptions } from '../../lambda/service/reconcile-deps.js';
import { reconcile } from '../../lambda/service/reconcile-run.js';
import { syncBatch } from '../../lambda/service/sync-batch.js';
import { startFakeAws } from './fake-aws.js';
import { DEFAULT_SECRET, type FakeUserInput, startFakeHeymarket } from './fake-heymarket.js';
import { recordingDeps } from './recording.js';
import { recordingMetrics } from './recording-metrics.js';

export const TABLE = 'hr-sync-applied';

/**
 * The reconcile job wired as the scheduler function wires it, against loopback fakes: a real Heymarket
 * client on the fake Heymarket, real SQS and DynamoDB clients on the fake AWS (main queue, applied
 * table), the real list APIs on whichever fake HR systems the config points at. Nothing sleeps.
 * `work()` then runs the worker (`syncBatch`) over what reconcile queued, as the event source would.
 */
export async function startReconcileHarness(options: {
  config: ConfigInput;
  users: FakeUserInput[];
  hris: HrisSecrets;
  /** Where the run writes the access review, with the remembered ids it reads; none when absent. */
  accessReview?: { store: AccessReviewStore; remembered?: ReadonlyMap<string, number> };
}) {
  const heymarket = await startFakeHeymarket({ users: options.users });
  const aws = await startFakeAws();
  const endpoint = {
    region: 'eu-west-1',
    endpoint: aws.url,
    credentials: { accessKeyId: 't', secretAccessKey: 't' },
  };
  const sqs = new SQSClient(endpoint);
  const dynamodb = new DynamoDBClient(endpoint);
  const queueUrl = aws.queueUrl('changes');
  const config = parseConfig(options.config, 'test');
  const recorded = recordingDeps();
  const { metrics, counts } = recordingMetrics();
  const sleep = async (ms: number) => {
    recorded.sleeps.push(ms);
  };
  const credentials = async () => ({ apiSecretId: DEFAULT_SECRET.id, apiSecretKey: DEFAULT_SECRET.key });

  const deps = (overrides: Partial<ReconcileDeps> = {}): ReconcileDeps => ({
    ...reconcileWiring({
      config,
      heymarket: { baseUrl: heymarket.url, credentials },
      hrisSecrets: async () => options.hris,
      queue: createChangeQueue({ client: sqs, queueUrl, sleep }),
      state: createReconcileState({ tableName: TABLE, client: dynamodb }),
      accessReview: options.accessReview && {
        store: options.accessReview.store,
        remembered: async () => options.accessReview?.remembered ?? new Map(),
      },
      log: recorded.deps.log,
      metrics,
      sleep,
    }),
    ...overrides,
  });

  const deadLettered: { record: QueueRecord; reason: DeadLetterReason }[] = [];
  const worker = {
    config,
    heymarket: createHeymarketClient({
      baseUrl: heymarket.url,
      credentials,
      chunkSize: config.heymarket.chunkSize,
      log: recorded.deps.log,
      sleep,
    }),
    deadLetters: {
      async send(record: QueueRecord, reason: DeadLetterReason) {
        deadLettered.push({ record, reason });
      },
    },
    userIds: new TtlCache<string, number>(300_000, Date.now),
    applied: createAppliedStore({ tableName: TABLE, client: dynamodb }),
    log: recorded.deps.log,
    metrics,
    now: Date.now,
  };

  return {
    heymarket,
    aws,
    queueUrl,
    config,
    logs: recorded.logs,
    log: recorded.deps.log,
    counts,
    deadLettered,
    deps,
    run: (options: ReconcileOptions = {}, overrides: Partial<ReconcileDeps> = {}) =>
      reconcile(deps(overrides), options),
    /** The worker over every queued message, 50 at a time; returns how many messages it took. */
    async work(): Promise<number> {
      let taken = 0;
      for (;;) {
        const event = aws.receive(queueUrl, 50);
        if (event.Records.length === 0) return taken;
        taken += event.Records.length;
        const records: QueueRecord[] = event.Records.map((record) => ({
          messageId: record.messageId,
          body: record.body,
          attributes: Object.fromEntries(
            Object.entries(record.messageAttributes).map(([name, value]) => [name, value.stringValue ?? '']),
          ),
          receiveCount: 1,
        }));
        const { retry } = await syncBatch(records, worker, { deadline: Date.now() + 60_000 });
        if (retry.length > 0) throw new Error(`worker asked to retry ${retry.length} message(s)`);
      }
    },
    async close() {
      sqs.destroy();
      dynamodb.destroy();
      await heymarket.close();
      await aws.close();
    },
  };
}

export type ReconcileHarness = Awaited<ReturnType<typeof startReconcileHarness>>;
