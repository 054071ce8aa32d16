import type { APIGatewayProxyEvent, APIGatewayProxyResult, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import {
  type CallFloors,
  callFloors,
  type DeliveredChange,
  type FloorField,
} from '../test/support/call-floors.js';
import { startFakeAws } from '../test/support/fake-aws.js';
import { BAMBOOHR_CREDENTIALS, BAMBOOHR_KEY, startFakeBambooHr } from '../test/support/fake-bamboohr.js';
import { DEFAULT_SECRET, startFakeHeymarket } from '../test/support/fake-heymarket.js';
import { deliveryBody, faultPlan, ROLE_BY_DEPARTMENT } from '../test/support/fault-plan.js';
import { LambdaContainer } from '../test/support/lambda-container.js';
import { apiGatewayEvent, signedHeaders, TEST_SECRET } from '../test/support/standard-webhook.js';
import { DUMMY_ENV } from './cold-init.js';
import type { StackSettings } from './stack-settings.js';
import { median } from './stats.js';
import { bambooHrRecords, thinDelivery } from './thin-deliveries.js';

export interface Invocation {
  container: number;
  records: number;
  durationMs: number;
  /** Latency of each Heymarket call it made, in order (from the worker's `heymarket call` log). */
  heymarketMs: number[];
}

export interface WorkerOptions {
  employees: number;
  changesPerEmployee: number;
  /**
   * As synthesised (bench/stack-settings.ts): containers = the event source's MaximumConcurrency,
   * batches of its BatchSize, the queue's visibility timeout and the worker's timeout.
   */
  settings: StackSettings;
  heymarketLatencyMs: number;
  /** `heymarket.chunkSize`: users per users/get and users/update call. */
  chunkSize: number;
  /** Thin BambooHR events (one per change, enriched from a fake BambooHR API) instead of Standard ones. */
  thin?: boolean;
}

export interface WorkerFigures {
  changes: number;
  employees: number;
  containers: number;
  heymarketLatencyMs: number;
  chunkSize: number;
  batchSize: number;
  provider: 'standard' | 'bamboohr';
  invocations: number;
  heymarketCalls: { lookups: number; updates: number; total: number };
  /** The floor of each call, from the batches actually delivered (test/support/call-floors.ts). */
  minimumCalls: { lookups: number; updates: number; total: number };
  callsRatio: number;
  ratios: { lookups: number; updates: number; hrReads: number | null };
  /** BambooHR employee reads, and their floor: distinct thin employees per delivered batch. */
  hrReads: { reads: number; floor: number };
  secretFetches: number;
  minimumSecretFetches: number;
  retriedByReason: Record<string, number>;
  skippedByReason: Record<string, number>;
  drainSeconds: number;
  changesAppliedPerSecond: number;
  medianInvocationMs: number;
  invocationLog: Invocation[];
}

/**
 * `changes` changes over `employees` employees, signed and sent through the bundled receiver, then
 * drained by the event source's MaximumConcurrency of bundled workers (each its own execution
 * environment, a worker thread) the way the event source drives them: batches of its BatchSize, each
 * container one invocation at a time, against fake Heymarket (with added latency) and fake-aws (SQS, Secrets Manager, DynamoDB: the
 * applied table is on). SQS time is the real clock plus an offset that jumps when only messages
 * hidden for a retry are left.
 */
export async function workerEfficiency(
  bundles: { receiver: string; worker: string },
  options: WorkerOptions,
): Promise<WorkerFigures> {
  const { chunkSize, thin = false } = options;
  const plan = faultPlan({
    seed: 7,
    employees: options.employees,
    changesPerEmployee: options.changesPerEmployee,
    unknownEmployees: 0,
    now: Date.now(),
  });
  let offset = 0;
  const aws = await startFakeAws({ now: () => Date.now() + offset });
  const heymarket = await startFakeHeymarket({
    users: plan.users,
    roleIds: [4, ...Object.values(ROLE_BY_DEPARTMENT)],
    latencyMs: options.heymarketLatencyMs,
  });
  const records = bambooHrRecords(plan);
  const bamboohr = thin ? await startFakeBambooHr({ employees: [...records.values()] }) : undefined;
  const queueUrl = aws.queueUrl('changes');
  const dlqUrl = aws.queueUrl('changes-dlq');
  const heymarketSecretArn = DUMMY_ENV.HEYMARKET_SECRET_ARN as string;
  const webhookSecretArn = DUMMY_ENV.WEBHOOK_SECRET_ARN as string;
  aws.putSecret(webhookSecretArn, JSON.stringify({ standard: TEST_SECRET, bamboohr: BAMBOOHR_KEY }));
  aws.putSecret(DUMMY_ENV.HRIS_SECRET_ARN as string, JSON.stringify({ bamboohr: BAMBOOHR_CREDENTIALS }));
  aws.putSecret(
    heymarketSecretArn,
    JSON.stringify({ apiSecretId: DEFAULT_SECRET.id, apiSecretKey: DEFAULT_SECRET.key }),
  );
  const env = {
    ...DUMMY_ENV,
    AWS_ENDPOINT_URL: aws.url,
    QUEUE_URL: queueUrl,
    DLQ_URL: dlqUrl,
    HEYMARKET_BASE_URL: heymarket.url,
    HR_SYNC_CONFIG: JSON.stringify({
      heymarket: { chunkSize },
      ...(bamboohr ? { providers: { bamboohr: { enabled: true, apiBaseUrl: bamboohr.url } } } : {}),
      roles: {
        rules: Object.entries(ROLE_BY_DEPARTMENT).map(([department, roleId]) => ({
          match: { department },
          roleId,
        })),
      },
    }),
    POWERTOOLS_LOG_LEVEL: 'INFO',
  };
  const receiver = new LambdaContainer<APIGatewayProxyEvent, APIGatewayProxyResult>({
    bundle: bundles.receiver,
    functionName: 'receiver',
    env,
    onLog: () => {},
  });
  const logs: string[][] = Array.from({ length: options.settings.maxConcurrency }, () => []);
  const workers = logs.map(
    (lines, index) =>
      new LambdaContainer<SQSEvent, SQSBatchResponse>({
        bundle: bundles.worker,
        functionName: `worker-${index}`,
        env,
        onLog: (line) => lines.push(line),
      }),
  );

  try {
    const events = thin
      ? plan.deliveries.flatMap((delivery) => delivery.changes.map(thinDelivery))
      : plan.deliveries.map((delivery) => {
          const body = deliveryBody(delivery);
          return apiGatewayEvent({ body, headers: signedHeaders(body, { id: delivery.webhookId }) });
        });
    for (const event of events) {
      const answer = await receiver.invoke(event, 10_000);
      if (answer.kind !== 'result' || answer.result.statusCode !== 202)
        throw new Error('bench: delivery refused');
    }
    const receiverSecretFetches = secretFetches(aws.calls);
    const queued = aws.messages(queueUrl).length;
    /** A queue message as the floors count it: what it changes, once enriched. */
    const delivered = (body: string, claimed: boolean): DeliveredChange => {
      const change = JSON.parse(body);
      const employee = change.needsEnrichment ? records.get(change.employee.id) : change.employee;
      const fields: FloorField[] = [];
      if (employee?.firstName !== undefined) fields.push('first_name');
      if (employee?.lastName !== undefined) fields.push('last_name');
      // Every department of the plan has a role rule: a change that carries one sets a role.
      if (employee?.department !== undefined) fields.push('role_id');
      const at = Date.parse(change.occurredAt);
      return { employee: change.employee.id, at, fields, thin: change.needsEnrichment, claimed };
    };
    const batches: DeliveredChange[][] = [];

    const invocations: Invocation[] = [];
    let busy = 0;
    const started = performance.now();
    const run = async (container: number) => {
      const worker = workers[container] as LambdaContainer<SQSEvent, SQSBatchResponse>;
      for (;;) {
        const event = aws.poll(queueUrl, {
          max: options.settings.batchSize,
          visibilityTimeoutSeconds: options.settings.visibilityTimeoutSeconds,
        });
        if (event.Records.length === 0) {
          if (aws.visibleCount(queueUrl) + aws.inFlightCount(queueUrl) === 0 && busy === 0) return;
          // Only hidden messages (a retry's backoff) or another container still at work.
          if (busy === 0 && aws.visibleCount(queueUrl) === 0) offset += 30_000;
          await new Promise((resolve) => setTimeout(resolve, 2));
          continue;
        }
        busy += 1;
        const batchIndex = batches.length;
        batches.push([]);
        const logStart = (logs[container] as string[]).length;
        const start = performance.now();
        const outcome = await worker.invoke(event, options.settings.workerTimeoutSeconds * 1000);
        const durationMs = performance.now() - start;
        busy -= 1;
        if (outcome.kind !== 'result') throw new Error(`bench: worker ${outcome.kind}`);
        const failed = new Set(outcome.result.batchItemFailures.map((failure) => failure.itemIdentifier));
        // In start order; a retried message (employee-busy: another batch held the employee) was not claimed.
        batches[batchIndex] = event.Records.map((record) =>
          delivered(record.body, !failed.has(record.messageId)),
        );
        aws.ack(
          queueUrl,
          event.Records.filter((record) => !failed.has(record.messageId)).map(
            (record) => record.receiptHandle,
          ),
        );
        const heymarketMs = (logs[container] as string[]).slice(logStart).flatMap((line) => {
          const entry = parse(line);
          return entry?.message === 'heymarket call' ? [Number(entry.latencyMs)] : [];
        });
        invocations.push({ container, records: event.Records.length, durationMs, heymarketMs });
      }
    };
    await Promise.all(workers.map((_, index) => run(index)));
    const drainSeconds = (performance.now() - started) / 1000;

    const lookups = heymarket.requests.filter((r) => r.path === '/v1/users/get').length;
    const updates = heymarket.requests.filter((r) => r.path === '/v1/users/update').length;
    const summaries = logs.flat().flatMap((line) => {
      const entry = parse(line);
      return entry?.message === 'batch synced'
        ? [entry as { retried: Record<string, number>; skipped: Record<string, number> }]
        : [];
    });
    const tally = (pick: (s: (typeof summaries)[number]) => Record<string, number>) => {
      const sum: Record<string, number> = {};
      for (const summary of summaries) {
        for (const [key, n] of Object.entries(pick(summary) ?? {})) sum[key] = (sum[key] ?? 0) + n;
      }
      return sum;
    };
    const wrong = [...plan.expected].filter(([id, expected]) => {
      const user = heymarket.users.get(id);
      return (
        user?.first_name !== expected.first_name ||
        user?.last_name !== expected.last_name ||
        user?.role_id !== expected.role_id
      );
    });
    if (wrong.length > 0 || aws.messages(dlqUrl).length > 0) {
      throw new Error(`bench: ${wrong.length} users wrong, ${aws.messages(dlqUrl).length} dead letters`);
    }
    const total = lookups + updates;
    const floors: CallFloors = callFloors(batches, chunkSize);
    const hrReads = bamboohr ? bamboohr.requests.filter((r) => r.path.includes('/v1/employees/')).length : 0;
    return {
      changes: queued,
      employees: options.employees,
      containers: options.settings.maxConcurrency,
      heymarketLatencyMs: options.heymarketLatencyMs,
      chunkSize,
      batchSize: options.settings.batchSize,
      provider: thin ? 'bamboohr' : 'standard',
      invocations: invocations.length,
      heymarketCalls: { lookups, updates, total },
      minimumCalls: {
        lookups: floors.lookups,
        updates: floors.updates,
        total: floors.lookups + floors.updates,
      },
      callsRatio: total / (floors.lookups + floors.updates),
      ratios: {
        lookups: lookups / floors.lookups,
        updates: updates / floors.updates,
        hrReads: floors.hrReads > 0 ? hrReads / floors.hrReads : null,
      },
      hrReads: { reads: hrReads, floor: floors.hrReads },
      secretFetches: secretFetches(aws.calls) - receiverSecretFetches,
      // One per container per TTL for each secret it reads: Heymarket's, and the HR system's for thin events.
      minimumSecretFetches: options.settings.maxConcurrency * (thin ? 2 : 1),
      retriedByReason: tally((s) => s.retried),
      skippedByReason: tally((s) => s.skipped),
      drainSeconds,
      changesAppliedPerSecond: queued / drainSeconds,
      medianInvocationMs: median(invocations.map((i) => i.durationMs)),
      invocationLog: invocations,
    };
  } finally {
    await receiver.close();
    for (const worker of workers) await worker.close();
    await heymarket.close();
    await bamboohr?.close();
    await aws.close();
  }
}

const secretFetches = (calls: { action: string }[]) =>
  calls.filter((call) => call.action === 'GetSecretValue').length;

function parse(line: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(line) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}
