import { rmSync } from 'node:fs';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redriveSelected } from '../../lambda/aws/redrive.js';
import { type FakeAws, startFakeAws } from '../support/fake-aws.js';
import {
  DEFAULT_SECRET,
  type FakeHeymarket,
  type Fault,
  startFakeHeymarket,
} from '../support/fake-heymarket.js';
import {
  type Delivery,
  deliveryBody,
  type FaultPlan,
  faultPlan,
  ROLE_BY_DEPARTMENT,
  seededRandom,
} from '../support/fault-plan.js';
import { LambdaContainer } from '../support/lambda-container.js';
import { apiGatewayEvent, signedHeaders, TEST_SECRET } from '../support/standard-webhook.js';
import { type Bundles, synthBundles } from '../support/synth-bundles.js';

const SEED = Number(process.env.FAULT_SEED ?? 20_261_129);
const HEYMARKET_SECRET_ARN = 'arn:aws:secretsmanager:eu-west-1:000000000000:secret:hr-sync/heymarket-AbCdEf';
const WEBHOOK_SECRET_ARN = 'arn:aws:secretsmanager:eu-west-1:000000000000:secret:hr-sync/webhooks-AbCdEf';
const ROTATED_SECRET = { id: 'rotated-secret-id', key: 'rotated-secret-key-0f9e8d' };
const APPLIED_TABLE = 'hr-sync-applied';
// As deployed (infra/queues.ts, infra/concurrency.ts): batch 50, visibility 365 s, redrive after 5.
const BATCH_SIZE = 50;
const VISIBILITY_SECONDS = 365;
const MAX_RECEIVE_COUNT = 5;
const MAX_CONCURRENCY = 2;
const WORKER_TIME_MS = 20_000;
const TIMED_OUT_WORKER_TIME_MS = 7_000;

type Worker = LambdaContainer<SQSEvent, SQSBatchResponse>;

const ROTATING_FAULTS: Fault[] = [
  { kind: 'status', status: 429, retryAfter: '1' },
  { kind: 'status', status: 500 },
  { kind: 'status', status: 503 },
  { kind: 'status', status: 429 },
  { kind: 'reset' },
];

interface RunCounts {
  deliveries: number;
  duplicateDeliveries: number;
  /** Answered 200 duplicate by the receiver: a repeat of bytes it had accepted, queued no more. */
  refusedAsDuplicate: number;
  lateRetries: number;
  receiver503: number;
  workerInvocations: number;
  workerTimeouts: number;
  workerColdStarts: number;
  movedToDlqBySqs: number;
  replayed: number;
}

/**
 * The promise of the tool, tested under faults: 2,000+ changes for 200 employees go through the
 * bundled receiver and worker (each in its own execution environment, a worker thread), driven as
 * API Gateway and the SQS event source drive them: batches of 50, at most 2 at once, visibility
 * timeouts on a virtual clock, redrive to the DLQ after 5 receives, and a replay at the end. Heymarket
 * answers 429 (with and without Retry-After), 500 and 503, hangs and resets; it is down for a while;
 * its API secret is rotated; SQS refuses the receiver for a moment; two worker invocations time out.
 */
describe('the fault run', () => {
  let bundles: Bundles;
  let aws: FakeAws;
  let heymarket: FakeHeymarket;
  let plan: FaultPlan;
  let virtualNow = Date.now();
  const logs: string[] = [];
  const counts: RunCounts = {
    deliveries: 0,
    duplicateDeliveries: 0,
    refusedAsDuplicate: 0,
    lateRetries: 0,
    receiver503: 0,
    workerInvocations: 0,
    workerTimeouts: 0,
    workerColdStarts: 0,
    movedToDlqBySqs: 0,
    replayed: 0,
  };

  beforeAll(async () => {
    plan = faultPlan({
      seed: SEED,
      employees: 200,
      changesPerEmployee: 10,
      unknownEmployees: 10,
      now: Date.now(),
    });
    bundles = synthBundles();
    aws = await startFakeAws({ now: () => virtualNow });
    heymarket = await startFakeHeymarket({
      users: plan.users,
      rateLimitPerMinute: 500,
      roleIds: [4, ...Object.values(ROLE_BY_DEPARTMENT)],
    });
    const queueUrl = aws.queueUrl('changes');
    const dlqUrl = aws.queueUrl('changes-dlq');
    aws.setRedrive(queueUrl, { deadLetterQueueUrl: dlqUrl, maxReceiveCount: MAX_RECEIVE_COUNT });
    aws.putSecret(WEBHOOK_SECRET_ARN, JSON.stringify({ standard: TEST_SECRET }));
    aws.putSecret(
      HEYMARKET_SECRET_ARN,
      JSON.stringify({ apiSecretId: DEFAULT_SECRET.id, apiSecretKey: DEFAULT_SECRET.key }),
    );
    const common = {
      AWS_ENDPOINT_URL: aws.url,
      AWS_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'not-a-real-secret',
      HR_SYNC_CONFIG: JSON.stringify({
        roles: {
          rules: Object.entries(ROLE_BY_DEPARTMENT).map(([department, roleId]) => ({
            match: { department },
            roleId,
          })),
        },
      }),
      POWERTOOLS_LOG_LEVEL: 'INFO',
      POWERTOOLS_SERVICE_NAME: 'heymarket-hr-sync',
    };
    const onLog = (line: string) => logs.push(line);
    const receiver = new LambdaContainer<APIGatewayProxyEvent, APIGatewayProxyResult>({
      bundle: bundles.receiver,
      functionName: 'receiver',
      env: { ...common, QUEUE_URL: queueUrl, WEBHOOK_SECRET_ARN, APPLIED_TABLE },
      onLog,
    });
    const workerEnv = {
      ...common,
      QUEUE_URL: queueUrl,
      DLQ_URL: dlqUrl,
      HEYMARKET_SECRET_ARN,
      HEYMARKET_BASE_URL: heymarket.url,
      APPLIED_TABLE,
    };
    const workers: Worker[] = Array.from(
      { length: MAX_CONCURRENCY },
      (_, index) =>
        new LambdaContainer({
          bundle: bundles.worker,
          functionName: `worker-${index}`,
          env: workerEnv,
          onLog,
        }),
    );

    const random = seededRandom(SEED + 1);
    // Faults on a share of Heymarket calls, an outage for a while, and hangs aimed at the users of
    // the batches chosen to time out.
    let outage = false;
    let rotation = -1;
    let outageEnds = 0;
    const hangFor = new Set<number>();
    heymarket.inject((call): Fault | undefined => {
      const ids = ((call.body as { users?: { id?: number }[] } | undefined)?.users ?? []).map((u) => u.id);
      if (call.path === '/v1/users/update' && ids.some((id) => id !== undefined && hangFor.has(id))) {
        hangFor.clear();
        return { kind: 'hang' };
      }
      if (outage) return { kind: 'status', status: 503 };
      // Every fifth call outside the outage fails, in turn with each of these.
      if (call.index % 5 !== 4) return undefined;
      rotation += 1;
      return ROTATING_FAULTS[rotation % ROTATING_FAULTS.length];
    });

    const deliver = async (delivery: Delivery): Promise<number> => {
      const body = deliveryBody(delivery);
      const answer = await receiver.invoke(
        apiGatewayEvent({ body, headers: signedHeaders(body, { id: delivery.webhookId }) }),
        10_000,
      );
      counts.deliveries += 1;
      if (answer.kind !== 'result') throw new Error(`receiver ${answer.kind}`);
      if (answer.result.statusCode === 503) counts.receiver503 += 1;
      if (answer.result.statusCode === 200) counts.refusedAsDuplicate += 1;
      return answer.result.statusCode;
    };

    /** One poll of the event source and one invocation, as Lambda runs them. */
    const invoke = async (worker: Worker, remainingMs: number, beforeInvoke?: (event: SQSEvent) => void) => {
      const event = aws.poll(queueUrl, { max: BATCH_SIZE, visibilityTimeoutSeconds: VISIBILITY_SECONDS });
      if (event.Records.length === 0) return;
      beforeInvoke?.(event);
      counts.workerInvocations += 1;
      const outcome = await worker.invoke(event, remainingMs);
      if (outcome.kind === 'timeout') timedOut = true;
      // The event source deletes what the function did not hand back; on an error or a timeout it
      // deletes nothing, and the whole batch comes back after its visibility timeout.
      if (outcome.kind === 'result') {
        const failed = new Set(outcome.result.batchItemFailures.map((failure) => failure.itemIdentifier));
        aws.ack(
          queueUrl,
          event.Records.filter((record) => !failed.has(record.messageId)).map(
            (record) => record.receiptHandle,
          ),
        );
      }
    };
    const timeOutBatch = (event: SQSEvent) => {
      for (const record of event.Records) {
        const email = JSON.parse(record.body).employee?.workEmail as string | undefined;
        const user = plan.users.find((u) => u.email === email);
        if (user) hangFor.add(user.id);
      }
    };

    /**
     * A timed-out invocation holds its employees until 10 s past its deadline, in real time. SQS time
     * is virtual here and would race past that, bouncing those employees' messages as busy far more
     * often than in a real minute; so after a timeout both clocks move together until the leases end.
     */
    let timedOut = false;
    const waitOutLeases = async () => {
      const until = Math.max(
        0,
        ...[...aws.items(APPLIED_TABLE).values()].map((item) => Number(item.leaseUntil?.N ?? 0)),
      );
      const wait = Math.min(Math.max(0, until - Date.now() + 50), 30_000);
      await new Promise((resolve) => setTimeout(resolve, wait));
      virtualNow += wait;
    };

    /** Runs the workers until the queue is empty, moving the virtual clock as SQS time passes. */
    let tick = 0;
    /** `answer`: what a delivery gets once no 5xx is left (a repeat of accepted bytes gets 200). */
    const drain = async (pending: Delivery[] = [], answer = 202) => {
      let idleSteps = 0;
      while (pending.length > 0 || aws.visibleCount(queueUrl) + aws.inFlightCount(queueUrl) > 0) {
        tick += 1;
        // Down for three hours of queue time: longer than the backoff rides out (1 h 40 min), so
        // what was in flight reaches the DLQ through SQS's redrive and comes back with the replay.
        if (tick === 27) {
          outage = true;
          outageEnds = virtualNow + 3 * 3_600_000;
        }
        if (outage && virtualNow >= outageEnds) outage = false;
        if (tick === 25) {
          heymarket.rotateSecret(ROTATED_SECRET.id, ROTATED_SECRET.key);
          aws.putSecret(
            HEYMARKET_SECRET_ARN,
            JSON.stringify({ apiSecretId: ROTATED_SECRET.id, apiSecretKey: ROTATED_SECRET.key }),
          );
        }
        if (tick === 8) aws.failNext('SendMessageBatch', 3, 503);
        for (const delivery of pending.splice(0, 25)) {
          let status = await deliver(delivery);
          // A sender retries a 5xx (BambooHR, Merge, Personio, HiBob, Svix all do); a few resend a 2xx,
          // which the receiver recognises by its bytes and answers 200 duplicate, queueing nothing.
          while (status >= 500) status = await deliver(delivery);
          expect(status).toBe(answer);
          if (random() < 0.1) {
            counts.duplicateDeliveries += 1;
            expect(await deliver(delivery)).toBe(200);
          }
        }
        if (aws.visibleCount(queueUrl) === 0) {
          // Nothing to receive yet: let SQS time pass until hidden messages come back.
          virtualNow += 30_000;
          idleSteps += 1;
          if (idleSteps > 2_000) throw new Error('the queue never drained');
          continue;
        }
        // Until one has really timed out (the hang must land in its update call), every fourth tick.
        const timeout = tick % 4 === 2 && tick < 26 && (workers[0]?.timeouts ?? 1) === 0;
        await Promise.all(
          workers.map((worker, index) =>
            index === 0 && timeout
              ? invoke(worker, TIMED_OUT_WORKER_TIME_MS, timeOutBatch)
              : invoke(worker, WORKER_TIME_MS),
          ),
        );
        virtualNow += 5_000;
        if (timedOut) await waitOutLeases();
        timedOut = false;
      }
    };

    const dlqBefore = () => aws.messages(dlqUrl).length;
    await drain([...plan.deliveries]);

    // Late retries: a sender repeats deliveries long after they were applied, byte for byte; the
    // receiver answers each 200 duplicate and queues none of it.
    const late = plan.deliveries.filter(() => random() < 0.05);
    counts.lateRetries = late.length;
    await drain(late, 200);
    counts.movedToDlqBySqs = aws.messages(dlqUrl).filter((m) => !m.attributes.errorClass).length;

    // The replay an operator (or the hourly scheduled redrive) runs: every transient class back to
    // the queue.
    const sqs = new SQSClient({
      endpoint: aws.url,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'not-a-real-secret' },
    });
    for (let round = 0; round < 3 && dlqBefore() > plan.unknown.length; round += 1) {
      const replay = await redriveSelected({
        client: sqs,
        dlqUrl,
        queueUrl,
        filter: { transientOnly: true },
        limit: 10_000,
        holdSeconds: 600,
      });
      counts.replayed += replay.moved;
      await drain();
    }
    counts.workerTimeouts = workers.reduce((sum, worker) => sum + worker.timeouts, 0);
    counts.workerColdStarts = workers.reduce((sum, worker) => sum + worker.coldStarts, 0);
    await receiver.close();
    for (const worker of workers) await worker.close();
    printCounts();
  }, 900_000);

  afterAll(async () => {
    await heymarket?.close();
    await aws?.close();
    if (bundles) rmSync(bundles.outdir, { recursive: true, force: true });
  });

  const summaries = () =>
    logs.flatMap((line) => {
      try {
        const entry = JSON.parse(line) as Record<string, unknown>;
        return entry.message === 'batch synced' ? [entry as unknown as BatchSummary] : [];
      } catch {
        return [];
      }
    });
  const total = (pick: (summary: BatchSummary) => Record<string, number>) => {
    const sum: Record<string, number> = {};
    for (const summary of summaries()) {
      for (const [key, value] of Object.entries(pick(summary) ?? {})) sum[key] = (sum[key] ?? 0) + value;
    }
    return sum;
  };
  const dlq = () => aws.messages(aws.queueUrl('changes-dlq'));
  const updates = () =>
    heymarket.requests.filter((request) => request.path === '/v1/users/update' && request.status === 200);

  function printCounts() {
    const byStatus: Record<string, number> = {};
    for (const request of heymarket.requests) {
      const key = request.fault
        ? `${request.fault}${request.status ? ` ${request.status}` : ''}`
        : String(request.status);
      byStatus[key] = (byStatus[key] ?? 0) + 1;
    }
    const rows: [string, unknown][] = [
      ['changes planned', plan.changes.length + plan.unknown.length],
      ['employees (with a Heymarket user / without)', `${plan.expected.size} / 10`],
      ['deliveries sent (with duplicates, 503 retries, late)', counts.deliveries],
      ['duplicate deliveries', counts.duplicateDeliveries],
      ['answered 200 duplicate', counts.refusedAsDuplicate],
      ['late retries', counts.lateRetries],
      ['receiver 503 (queue refused)', counts.receiver503],
      ['worker invocations', counts.workerInvocations],
      ['worker timeouts', counts.workerTimeouts],
      ['worker cold starts', counts.workerColdStarts],
      ['patches applied (per user, summed over batches)', summaries().reduce((n, s) => n + s.patched, 0)],
      ['skipped', JSON.stringify(total((s) => s.skipped))],
      ['retried by reason', JSON.stringify(total((s) => s.retried))],
      ['dead-lettered by the worker', JSON.stringify(total((s) => s.deadLettered))],
      ['moved to the DLQ by SQS after 5 receives', counts.movedToDlqBySqs],
      ['replayed from the DLQ', counts.replayed],
      ['left in the DLQ', dlq().length],
      ['Heymarket requests', heymarket.requests.length],
      ['Heymarket answers', JSON.stringify(byStatus)],
      ['Heymarket peak requests per minute', heymarket.peakRequestsPerMinute()],
      ['Secrets Manager calls', aws.calls.filter((call) => call.action === 'GetSecretValue').length],
    ];
    console.log(
      `fault run (seed ${SEED}):\n${rows.map(([name, value]) => `  ${name.padEnd(52)} ${value}`).join('\n')}`,
    );
  }

  it('ends with every employee holding exactly the newest value of each field', () => {
    const wrong = [...plan.expected].filter(([id, expected]) => {
      const user = heymarket.users.get(id);
      return (
        user?.first_name !== expected.first_name ||
        user?.last_name !== expected.last_name ||
        user?.role_id !== expected.role_id
      );
    });
    expect(wrong.map(([id]) => id)).toEqual([]);
  });

  it('leaves every change it could not apply in the DLQ with its reason, and nothing else', () => {
    const dead = dlq().map((message) => ({
      id: JSON.parse(message.body).eventId as string,
      errorClass: message.attributes.errorClass?.StringValue,
    }));
    // A change delivered twice is two messages: both end in the DLQ.
    expect([...new Set(dead.map((message) => message.id))].sort()).toEqual(
      plan.unknown.map((change) => change.id).sort(),
    );
    expect(new Set(dead.map((message) => message.errorClass))).toEqual(new Set(['unknown-email']));
  });

  it('never moves a name back to an older value, whatever arrived late, twice or out of order', () => {
    const newest = new Map<string, number>();
    const backwards: string[] = [];
    for (const request of updates()) {
      for (const user of (request.body as { users: Record<string, unknown>[] }).users) {
        for (const field of ['first_name', 'last_name']) {
          const version = Number(String(user[field] ?? '').match(/x(\d+)$/)?.[1]);
          if (!Number.isInteger(version)) continue;
          const key = `${user.id}.${field}`;
          if (version < (newest.get(key) ?? -1)) backwards.push(key);
          newest.set(key, Math.max(version, newest.get(key) ?? -1));
        }
      }
    }
    expect(updates().length).toBeGreaterThan(0);
    // The order checked is the HR system's only while the receiver keeps every event time as sent:
    // one raised to its 35-day floor (lambda/core/event-time.ts) is ordered by when it arrived.
    expect(logs.filter((line) => line.includes('raised to that floor'))).toEqual([]);
    expect(backwards).toEqual([]);
  });

  it('refuses repeated and late deliveries at the receiver, and drops changes that arrive out of order as stale', () => {
    expect(counts.lateRetries).toBeGreaterThan(0);
    expect(counts.refusedAsDuplicate).toBe(counts.duplicateDeliveries + counts.lateRetries);
    expect(total((s) => s.skipped)['stale-change'] ?? 0).toBeGreaterThan(0);
  });

  it('stays within 500 Heymarket requests in every minute, and is never rate-limited', () => {
    expect(heymarket.peakRequestsPerMinute()).toBeLessThanOrEqual(500);
    expect(heymarket.requests.filter((request) => request.fault === 'rate-limit')).toEqual([]);
  });

  it('went through every fault it was meant to', () => {
    const answers = new Set(
      heymarket.requests.map((request) => `${request.fault ?? ''} ${request.status ?? ''}`),
    );
    for (const answer of ['status 429', 'status 500', 'status 503', 'hang ', 'reset ', ' 401', ' 200']) {
      expect(answers).toContain(answer);
    }
    expect(heymarket.requests.some((request) => request.auth.ok === false)).toBe(true);
    expect(counts.receiver503).toBeGreaterThan(0);
    expect(counts.workerTimeouts).toBeGreaterThan(0);
    expect(counts.movedToDlqBySqs + counts.replayed).toBeGreaterThan(0);
  });

  it('logs no name, email or secret of anyone, in any of these runs', () => {
    const text = logs.join('\n');
    const secrets = [DEFAULT_SECRET.key, ROTATED_SECRET.key, TEST_SECRET, 'not-a-real-secret'];
    const leaked = [...plan.personalData, ...secrets].filter((value) => text.includes(value));
    expect(logs.length).toBeGreaterThan(100);
    expect(leaked).toEqual([]);
  });
});

interface BatchSummary {
  patched: number;
  skipped: Record<string, number>;
  deadLettered: Record<string, number>;
  retried: Record<string, number>;
}
