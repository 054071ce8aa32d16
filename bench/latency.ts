import type { APIGatewayProxyEvent, APIGatewayProxyResult, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { type FakeAws, type Item, startFakeAws } from '../test/support/fake-aws.js';
import { DEFAULT_SECRET, startFakeHeymarket } from '../test/support/fake-heymarket.js';
import { LambdaContainer } from '../test/support/lambda-container.js';
import { apiGatewayEvent, signedHeaders, TEST_SECRET } from '../test/support/standard-webhook.js';
import { DUMMY_ENV } from './cold-init.js';
import type { MeasuredUsage } from './cost.js';
import { type EventSourceCounts, startEventSource } from './event-source.js';
import { itemBytes } from './item-size.js';
import type { StackSettings } from './stack-settings.js';
import { quantile } from './stats.js';

/** Concurrent receiver environments: enough that 100 deliveries/s never queue behind one another. */
const RECEIVERS = 4;
const WARMUP_DELIVERIES = 30;
const USER_ID_BASE = 90_000;
const WARMUP_USER_ID_BASE = 80_000;

export interface RatePhase {
  changesPerSecond: number;
  seconds: number;
}

export interface LatencyAtRate {
  changesPerSecond: number;
  /** The rate the deliveries actually left at (the schedule slips on a loaded machine). */
  achievedPerSecond: number;
  changes: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Records per worker invocation: the batching window decides it at low rates. */
  meanBatch: number;
  usage: MeasuredUsage;
}

/**
 * Changes arriving one per delivery at each rate in turn, signed and sent through the bundled
 * receiver, drained by the bundled worker through `startEventSource` (the stack's batch size,
 * batching window and concurrency), against fake Heymarket (answering in `heymarketLatencyMs`) and
 * fake AWS on the real clock. Per change: from the receiver's 202 to the moment the fake Heymarket
 * applied the `users/update` carrying it (the request's arrival plus the fake's answer time). Every
 * change is for an employee seen for the first time, so each batch also looks its users up: the
 * slower case. Also counts what each phase cost in AWS requests, durations and logs.
 */
export async function latencyAtRates(
  bundles: { receiver: string; worker: string },
  settings: StackSettings,
  options: { phases: readonly RatePhase[]; heymarketLatencyMs: number },
): Promise<LatencyAtRate[]> {
  const nowMs = () => performance.timeOrigin + performance.now();
  const total = options.phases.reduce((sum, p) => sum + p.changesPerSecond * p.seconds, 0);
  const user = (i: number, email: string) => ({
    id: i,
    email,
    first_name: 'Init',
    last_name: 'Orig',
    role_id: 4,
  });
  const users = [
    ...Array.from({ length: total }, (_, i) => user(USER_ID_BASE + i, `latency${i}@example.test`)),
    ...Array.from({ length: WARMUP_DELIVERIES * RECEIVERS }, (_, i) =>
      user(WARMUP_USER_ID_BASE + i, `warm${i}@example.test`),
    ),
  ];
  const aws = await startFakeAws();
  const heymarket = await startFakeHeymarket({ users, latencyMs: options.heymarketLatencyMs, now: nowMs });
  const queueUrl = aws.queueUrl('changes');
  aws.putSecret(DUMMY_ENV.WEBHOOK_SECRET_ARN as string, JSON.stringify({ standard: TEST_SECRET }));
  aws.putSecret(
    DUMMY_ENV.HEYMARKET_SECRET_ARN as string,
    JSON.stringify({ apiSecretId: DEFAULT_SECRET.id, apiSecretKey: DEFAULT_SECRET.key }),
  );
  const env = {
    ...DUMMY_ENV,
    AWS_ENDPOINT_URL: aws.url,
    QUEUE_URL: queueUrl,
    DLQ_URL: aws.queueUrl('changes-dlq'),
    HEYMARKET_BASE_URL: heymarket.url,
  };
  let logBytes = 0;
  const onLog = (line: string) => {
    logBytes += Buffer.byteLength(line) + 1;
  };
  const receivers = Array.from(
    { length: RECEIVERS },
    (_, i) =>
      new LambdaContainer<APIGatewayProxyEvent, APIGatewayProxyResult>({
        bundle: bundles.receiver,
        functionName: `receiver-${i}`,
        env,
        onLog,
      }),
  );
  const workers = Array.from(
    { length: settings.maxConcurrency },
    (_, i) =>
      new LambdaContainer<SQSEvent, SQSBatchResponse>({
        bundle: bundles.worker,
        functionName: `worker-${i}`,
        env,
        onLog,
      }),
  );
  const source = startEventSource({
    aws,
    queueUrl,
    workers,
    batchSize: settings.batchSize,
    batchingWindowMs: settings.batchingWindowSeconds * 1000,
    visibilityTimeoutSeconds: settings.visibilityTimeoutSeconds,
    invocationMs: settings.workerTimeoutSeconds * 1000,
  });

  try {
    // Cold starts, a cold JIT and empty secret caches are Lambda's too, but rare at a steady rate:
    // warm every environment first on deliveries of other employees, taken off the queue and handed
    // to the workers directly, so no phase pays for them.
    for (let i = 0; i < WARMUP_DELIVERIES * RECEIVERS; i += 1) {
      const body = changeBody(`warm-${i}`, `W${i}`, `warm${i}@example.test`, `Warm${i}`, nowMs());
      await (receivers[i % RECEIVERS] as (typeof receivers)[number]).invoke(
        apiGatewayEvent({ body, headers: signedHeaders(body, { id: `msg_warm_${i}` }) }),
        10_000,
      );
    }
    const warm = aws.receive(queueUrl, WARMUP_DELIVERIES * RECEIVERS).Records;
    await Promise.all(
      workers.map((worker, i) =>
        worker.invoke(
          { Records: warm.filter((_, n) => n % workers.length === i) },
          settings.workerTimeoutSeconds * 1000,
        ),
      ),
    );
    let next = 0;
    const results: LatencyAtRate[] = [];
    for (const phase of options.phases) {
      const count = phase.changesPerSecond * phase.seconds;
      const accepted = new Map<number, number>();
      const before = snapshot(aws, source.counts, logBytes);
      let receiverBilledMs = 0;
      const lanes = receivers.map(() => Promise.resolve());
      let sent = 0;
      let lastAccepted = 0;
      const started = performance.now();
      const sending = (async () => {
        for (let i = 0; i < count; i += 1) {
          const due = started + (i * 1000) / phase.changesPerSecond;
          const wait = due - performance.now();
          if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
          const n = next++;
          const lane = i % RECEIVERS;
          lanes[lane] = (lanes[lane] as Promise<void>).then(async () => {
            const body = changeBody(`lat-${n}`, `L${n}`, `latency${n}@example.test`, `Fn${n}`, nowMs());
            const start = performance.now();
            const answer = await (receivers[lane] as (typeof receivers)[number]).invoke(
              apiGatewayEvent({ body, headers: signedHeaders(body, { id: `msg_lat_${n}` }) }),
              10_000,
            );
            receiverBilledMs += Math.ceil(performance.now() - start);
            if (answer.kind !== 'result' || answer.result.statusCode !== 202)
              throw new Error('bench: delivery refused');
            accepted.set(USER_ID_BASE + n, nowMs());
            lastAccepted = performance.now();
            sent += 1;
          });
        }
        await Promise.all(lanes);
      })();
      await Promise.all([sending, source.run(() => sent === count)]);

      const applied = new Map<number, number>();
      for (const request of heymarket.requests) {
        if (request.path !== '/v1/users/update' || request.status !== 200) continue;
        for (const entry of (request.body as { users: { id: number }[] }).users) {
          const at = accepted.get(entry.id);
          if (at !== undefined && !applied.has(entry.id) && request.at >= at)
            applied.set(entry.id, request.at + options.heymarketLatencyMs - at);
        }
      }
      if (applied.size !== count)
        throw new Error(`bench: ${count - applied.size} of ${count} changes never reached Heymarket`);
      const after = snapshot(aws, source.counts, logBytes);
      const latencies = [...applied.values()];
      const invocations = after.invocations - before.invocations;
      results.push({
        changesPerSecond: phase.changesPerSecond,
        achievedPerSecond: ((count - 1) * 1000) / Math.max(lastAccepted - started, 1),
        changes: count,
        p50Ms: quantile(latencies, 0.5),
        p99Ms: quantile(latencies, 0.99),
        maxMs: Math.max(...latencies),
        meanBatch: (after.records - before.records) / invocations,
        usage: {
          changes: count,
          deliveries: count,
          receiverBilledMs,
          workerInvocations: invocations,
          workerBilledMs: after.billedMs - before.billedMs,
          sqsRequests:
            after.sqsHttp -
            before.sqsHttp +
            after.receives -
            before.receives +
            after.deletes -
            before.deletes,
          dynamodbWrites: after.dynamodbWrites - before.dynamodbWrites,
          dynamodbReads: after.dynamodbReads - before.dynamodbReads,
          writeUnitsPerWrite: Math.ceil(largestItem(aws.items(DUMMY_ENV.APPLIED_TABLE as string)) / 1024),
          readUnitsPerRead: Math.ceil(largestItem(aws.items(DUMMY_ENV.APPLIED_TABLE as string)) / 4096),
          secretsManagerCalls: after.secrets - before.secrets,
          logBytes: after.logBytes - before.logBytes,
        },
      });
    }
    return results;
  } finally {
    for (const container of [...receivers, ...workers]) await container.close();
    await heymarket.close();
    await aws.close();
  }
}

const SQS = new Set([
  'SendMessage',
  'SendMessageBatch',
  'ReceiveMessage',
  'DeleteMessage',
  'DeleteMessageBatch',
  'ChangeMessageVisibility',
  'ChangeMessageVisibilityBatch',
]);
const DYNAMODB_WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem']);
const DYNAMODB_READS = new Set(['GetItem']);

function snapshot(aws: FakeAws, counts: EventSourceCounts, logBytes: number) {
  const tally = (set: Set<string>) => aws.calls.filter((call) => set.has(call.action)).length;
  return {
    ...counts,
    sqsHttp: tally(SQS),
    dynamodbWrites: tally(DYNAMODB_WRITES),
    dynamodbReads: tally(DYNAMODB_READS),
    secrets: aws.calls.filter((call) => call.action === 'GetSecretValue').length,
    logBytes,
  };
}

/** One Standard change (this project's generic employee JSON) that renames an employee. */
function changeBody(id: string, employee: string, workEmail: string, firstName: string, nowMs: number) {
  const occurredAt = new Date(nowMs - 1_000).toISOString();
  return JSON.stringify([
    { id, type: 'employee.updated', occurredAt, employee: { id: employee, workEmail, firstName } },
  ]);
}

function largestItem(items: Map<string, Item>): number {
  let largest = 0;
  for (const item of items.values()) largest = Math.max(largest, itemBytes(item));
  return largest;
}
