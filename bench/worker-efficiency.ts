import type { APIGatewayProxyEvent, APIGatewayProxyResult, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { startFakeAws } from '../test/support/fake-aws.js';
import { DEFAULT_SECRET, startFakeHeymarket } from '../test/support/fake-heymarket.js';
import { deliveryBody, faultPlan, ROLE_BY_DEPARTMENT } from '../test/support/fault-plan.js';
import { LambdaContainer } from '../test/support/lambda-container.js';
import { apiGatewayEvent, signedHeaders, TEST_SECRET } from '../test/support/standard-webhook.js';
import { DUMMY_ENV } from './cold-init.js';
import { median } from './stats.js';

const BATCH_SIZE = 50;
const CHUNK_SIZE = 50;
const VISIBILITY_SECONDS = 365;
const INVOCATION_MS = 60_000;

export interface Invocation {
  container: number;
  records: number;
  durationMs: number;
  /** Latency of each Heymarket call it made, in order (from the worker's `heymarket call` log). */
  heymarketMs: number[];
}

export interface WorkerFigures {
  changes: number;
  employees: number;
  containers: number;
  heymarketLatencyMs: number;
  invocations: number;
  heymarketCalls: { lookups: number; updates: number; total: number };
  minimumCalls: { lookups: number; updates: number; total: number };
  callsRatio: number;
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
 * drained by `containers` bundled workers (each its own execution environment, a worker thread) the
 * way the SQS event source drives them: batches of 50, each container one invocation at a time,
 * against fake Heymarket (with added latency) and fake-aws (SQS, Secrets Manager, DynamoDB: the
 * applied table is on). SQS time is the real clock plus an offset that jumps when only messages
 * hidden for a retry are left.
 */
export async function workerEfficiency(
  bundles: { receiver: string; worker: string },
  options: { employees: number; changesPerEmployee: number; containers: number; heymarketLatencyMs: number },
): Promise<WorkerFigures> {
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
  const queueUrl = aws.queueUrl('changes');
  const dlqUrl = aws.queueUrl('changes-dlq');
  const heymarketSecretArn = DUMMY_ENV.HEYMARKET_SECRET_ARN as string;
  const webhookSecretArn = DUMMY_ENV.WEBHOOK_SECRET_ARN as string;
  aws.putSecret(webhookSecretArn, JSON.stringify({ standard: TEST_SECRET }));
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
      heymarket: { chunkSize: CHUNK_SIZE },
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
  const logs: string[][] = Array.from({ length: options.containers }, () => []);
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
    for (const delivery of plan.deliveries) {
      const body = deliveryBody(delivery);
      const answer = await receiver.invoke(
        apiGatewayEvent({ body, headers: signedHeaders(body, { id: delivery.webhookId }) }),
        10_000,
      );
      if (answer.kind !== 'result' || answer.result.statusCode !== 202)
        throw new Error('bench: delivery refused');
    }
    const receiverSecretFetches = secretFetches(aws.calls);
    const queued = aws.messages(queueUrl).length;
    const minimum = minimumCalls(
      aws.messages(queueUrl).map((message) => {
        const { employee } = JSON.parse(message.body);
        // Every department of the plan has a role rule: a change that carries one sets a role.
        return { email: employee.workEmail as string, setsRole: employee.department !== undefined };
      }),
    );

    const invocations: Invocation[] = [];
    let busy = 0;
    const started = performance.now();
    const run = async (container: number) => {
      const worker = workers[container] as LambdaContainer<SQSEvent, SQSBatchResponse>;
      for (;;) {
        const event = aws.poll(queueUrl, { max: BATCH_SIZE, visibilityTimeoutSeconds: VISIBILITY_SECONDS });
        if (event.Records.length === 0) {
          if (aws.visibleCount(queueUrl) + aws.inFlightCount(queueUrl) === 0 && busy === 0) return;
          // Only hidden messages (a retry's backoff) or another container still at work.
          if (busy === 0 && aws.visibleCount(queueUrl) === 0) offset += 30_000;
          await new Promise((resolve) => setTimeout(resolve, 2));
          continue;
        }
        busy += 1;
        const logStart = (logs[container] as string[]).length;
        const start = performance.now();
        const outcome = await worker.invoke(event, INVOCATION_MS);
        const durationMs = performance.now() - start;
        busy -= 1;
        if (outcome.kind !== 'result') throw new Error(`bench: worker ${outcome.kind}`);
        const failed = new Set(outcome.result.batchItemFailures.map((failure) => failure.itemIdentifier));
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
    return {
      changes: queued,
      employees: options.employees,
      containers: options.containers,
      heymarketLatencyMs: options.heymarketLatencyMs,
      invocations: invocations.length,
      heymarketCalls: { lookups, updates, total },
      minimumCalls: minimum,
      callsRatio: total / minimum.total,
      secretFetches: secretFetches(aws.calls) - receiverSecretFetches,
      minimumSecretFetches: options.containers,
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
    await aws.close();
  }
}

/**
 * The fewest Heymarket calls the queue allows: batches of 50 in queue order; per batch, `users/get`
 * for the emails of employees never resolved before (the applied table keeps each employee's user id
 * for every container) and of those whose change sets a role (a role is decided on the role the user
 * holds now, read in the batch), and `users/update` for its distinct users, each in chunks of
 * `CHUNK_SIZE`. A batch whose changes are all stale needs no update, so the actual count can fall
 * below this.
 */
export function minimumCalls(changesInQueueOrder: readonly { email: string; setsRole: boolean }[]) {
  const known = new Set<string>();
  let lookups = 0;
  let updates = 0;
  for (let start = 0; start < changesInQueueOrder.length; start += BATCH_SIZE) {
    const batch = changesInQueueOrder.slice(start, start + BATCH_SIZE);
    const emails = new Set(batch.map(({ email }) => email));
    const settingRoles = new Set(batch.flatMap(({ email, setsRole }) => (setsRole ? [email] : [])));
    const read = [...emails].filter((email) => !known.has(email) || settingRoles.has(email));
    for (const email of read) known.add(email);
    lookups += Math.ceil(read.length / CHUNK_SIZE);
    updates += Math.ceil(emails.size / CHUNK_SIZE);
  }
  return { lookups, updates, total: lookups + updates };
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
