import type { Context } from 'aws-lambda';
import { MAX_RECEIVE_COUNT } from '../infra/queues.js';
import { DEFAULT_SECRET } from '../test/support/fake-heymarket.js';
import { deliveryBody, faultPlan, ROLE_BY_DEPARTMENT } from '../test/support/fault-plan.js';
import { apiGatewayEvent, signedHeaders } from '../test/support/standard-webhook.js';
import { retriedAfter429, type Span } from './burst-retries.js';
import { SCHEDULER_SECRET, startScene } from './burst-scene.js';
import type { StackSettings } from './stack-settings.js';
import { installVirtualClock } from './virtual-time.js';

export interface BurstOptions {
  employees: number;
  changesPerEmployee: number;
  /**
   * As synthesised (bench/stack-settings.ts): the event source's MaximumConcurrency and BatchSize, the
   * queue's visibility timeout and the worker's timeout.
   */
  settings: StackSettings;
  /** Share of Heymarket requests answered 429 on top of its rate limit. */
  share429: number;
  budgetPerMinute: number;
  /** `heymarket.chunkSize` (default 50, the example config's): smaller means more requests per batch. */
  chunkSize?: number;
  seed?: number;
}

export interface BurstFigures {
  changes: number;
  chunkSize: number;
  workers: number;
  share429: number;
  /** Most requests the fake Heymarket received in any sliding 60 s, 429-answered ones included. */
  peakRequestsPerMinute: number;
  budgetPerMinute: number;
  requests: { total: number; scheduler: number; lookups: number; updates: number; team: number };
  /** 429s answered: the injected share, and any for passing the fake's 500/min limit (should be 0). */
  answered429: { injected: number; overLimit: number };
  /** 429-answered requests the client sent again rather than dropped (bench/burst-retries.ts). */
  retriedAfter429: number;
  /** Distinct changes sent whose message the worker completed; `lost` = changes − applied. */
  changesApplied: number;
  lost: number;
  /** Changes the worker completed more than once (SQS delivers at least once; here it should not). */
  completedAgain: number;
  deadLetters: number;
  /** Messages the worker handed back for a later try, by reason (from its `batch synced` logs). */
  retriedByReason: Record<string, number>;
  invocations: { worker: number; reconcile: number; redrive: number };
  /** Heymarket users whose end state differs from the plan's newest values. */
  wrongUsers: number;
  virtualDrainSeconds: number;
  wallSeconds: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
// The scheduler's timeout.
const SCHEDULER_TIMEOUT_MS = 5 * MINUTE;
// Redrive runs hourly (infra/scheduled-redrive.ts); its first run falls at an arbitrary point of the
// burst. The reconcile is daily (infra/scheduled-reconcile.ts): here it starts a few minutes into
// the burst, the worst moment for the rate, its lookups beside the workers'.
const REDRIVE_EVERY_MS = HOUR;
const FIRST_REDRIVE_MS = 2 * MINUTE;
const RECONCILE_AT_MS = 3 * MINUTE;
const POLL_IDLE_MS = 1_000;
// Up to 500 per Standard delivery (lambda/providers/standard/standard-delivery.ts), 256 KB a body.
const CHANGES_PER_DELIVERY = 100;
const GIVE_UP_MS = 24 * HOUR;

const context = (timeoutMs: number, name: string): Context => {
  const end = Date.now() + timeoutMs;
  return {
    functionName: name,
    awsRequestId: `bench-${name}`,
    getRemainingTimeInMillis: () => end - Date.now(),
  } as Context;
};
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * A burst of `employees × changesPerEmployee` changes, signed and sent through the bundled receiver,
 * then drained by `maxConcurrency` bundled workers polling the queue as the SQS event source does
 * (batches of `batchSize`, the queue's visibility timeout and redrive to the DLQ after
 * MAX_RECEIVE_COUNT receives), while the bundled scheduler runs its reconcile and its hourly redrive,
 * all against a fake Heymarket answering a share of requests 429. Virtual time (bench/virtual-time.ts):
 * Heymarket's pace costs no wall time, and the peak is counted by the fake, by its (virtual) clock.
 */
export async function burst(
  bundles: { receiver: string; worker: string; scheduler: string },
  options: BurstOptions,
): Promise<BurstFigures> {
  const wallStart = performance.now();
  const clock = installVirtualClock(Date.now());
  const plan = faultPlan({
    seed: options.seed ?? 11,
    employees: options.employees,
    changesPerEmployee: options.changesPerEmployee,
    unknownEmployees: 0,
    now: Date.now(),
  });
  try {
    const scene = await startScene(bundles, {
      plan,
      workers: options.settings.maxConcurrency,
      maxReceiveCount: MAX_RECEIVE_COUNT,
      rateLimitPerMinute: options.budgetPerMinute,
      share429: options.share429,
      chunkSize: options.chunkSize ?? 50,
      seed: options.seed ?? 11,
      instance: `burst-${Date.now()}`,
    });
    const { aws, heymarket, queueUrl, dlqUrl } = scene;
    try {
      const sent = new Map<string, number>();
      const applied = new Set<string>();
      const completedIn = new Map<string, Span>();
      const counts = { worker: 0, reconcile: 0, redrive: 0 };
      let busy = 0;
      let completedAgain = 0;
      let reconciled = false;
      let drainedAt = 0;
      const drained = () =>
        reconciled && busy === 0 && aws.messages(queueUrl).length === 0 && aws.messages(dlqUrl).length === 0;

      const receive = async () => {
        // The plan's changes in its shuffled order, many to a delivery (an HR system's bulk export):
        // the burst is the worker's and the scheduler's; the receiver only has to queue it.
        const all = plan.deliveries.flatMap((delivery) => delivery.changes);
        for (let at = 0; at < all.length; at += CHANGES_PER_DELIVERY) {
          const body = deliveryBody({ webhookId: '', changes: all.slice(at, at + CHANGES_PER_DELIVERY) });
          const event = apiGatewayEvent({ body, headers: signedHeaders(body, { id: `msg_burst_${at}` }) });
          const answer = await scene.receiver(event, context(10_000, 'receiver'));
          if (answer.statusCode !== 202) throw new Error(`bench: the receiver answered ${answer.statusCode}`);
        }
        for (const message of aws.messages(queueUrl))
          sent.set(message.body, (sent.get(message.body) ?? 0) + 1);
      };

      const poller = async (index: number, startedAt: number) => {
        const worker = scene.workers[index];
        if (!worker) throw new Error(`bench: no worker ${index}`);
        while (!drained() && Date.now() - startedAt < GIVE_UP_MS) {
          const event = aws.poll(queueUrl, {
            max: options.settings.batchSize,
            visibilityTimeoutSeconds: options.settings.visibilityTimeoutSeconds,
          });
          if (event.Records.length === 0) {
            await sleep(POLL_IDLE_MS);
            continue;
          }
          busy += 1;
          const from = heymarket.requests.length;
          counts.worker += 1;
          const result = await worker(
            event,
            context(options.settings.workerTimeoutSeconds * 1000, `worker-${index}`),
          ).finally(() => {
            busy -= 1;
          });
          const failed = new Set(result.batchItemFailures.map((failure) => failure.itemIdentifier));
          const done = event.Records.filter((record) => !failed.has(record.messageId));
          aws.ack(
            queueUrl,
            done.map((record) => record.receiptHandle),
          );
          for (const record of done) {
            completedIn.set(record.body, { from, to: heymarket.requests.length });
            if (!sent.has(record.body)) continue; // one the reconcile queued
            if (applied.has(record.body)) completedAgain += 1;
            applied.add(record.body);
          }
        }
        drainedAt = Math.max(drainedAt, Date.now());
      };

      // Two schedules of one function: each invocation its own, as EventBridge Scheduler runs them.
      const reconcile = async () => {
        await sleep(RECONCILE_AT_MS);
        counts.reconcile += 1;
        await scene.scheduler({ job: 'reconcile' }, context(SCHEDULER_TIMEOUT_MS, 'scheduler'));
        reconciled = true;
      };
      const redrive = async (startedAt: number) => {
        for (let next = FIRST_REDRIVE_MS; Date.now() - startedAt < GIVE_UP_MS; next += REDRIVE_EVERY_MS) {
          await sleep(Math.max(0, startedAt + next - Date.now()));
          if (drained()) return;
          counts.redrive += 1;
          await scene.scheduler({ job: 'redrive' }, context(SCHEDULER_TIMEOUT_MS, 'scheduler'));
        }
      };

      const startedAt = await clock.run(
        (async () => {
          await receive();
          return Date.now();
        })(),
      );
      await clock.run(
        Promise.all([
          ...scene.workers.map((_, index) => poller(index, startedAt)),
          reconcile(),
          redrive(startedAt),
        ]),
      );

      const requests = heymarket.requests;
      const injected = requests.filter((r) => r.status === 429 && r.fault === 'status').length;
      const overLimit = requests.filter((r) => r.fault === 'rate-limit').length;
      const retriedByReason: Record<string, number> = {};
      for (const line of scene.logs) {
        if (line.message !== 'batch synced') continue;
        for (const [reason, n] of Object.entries((line.retried ?? {}) as Record<string, number>))
          retriedByReason[reason] = (retriedByReason[reason] ?? 0) + n;
      }
      const wrongUsers = [...plan.expected].filter(([id, expected]) => {
        const user = heymarket.users.get(id);
        return (
          user?.first_name !== expected.first_name ||
          user?.last_name !== expected.last_name ||
          user?.role_id !== expected.role_id
        );
      }).length;
      const peak = heymarket.peakRequestsPerMinute();
      const changes = [...sent.values()].reduce((a, b) => a + b, 0);
      return {
        changes,
        chunkSize: options.chunkSize ?? 50,
        workers: options.settings.maxConcurrency,
        share429: options.share429,
        peakRequestsPerMinute: peak,
        budgetPerMinute: options.budgetPerMinute,
        requests: {
          total: requests.length,
          scheduler: requests.filter((r) => r.auth.ok && r.auth.iss === SCHEDULER_SECRET.id).length,
          lookups: requests.filter((r) => r.path === '/v1/users/get').length,
          updates: requests.filter((r) => r.path === '/v1/users/update').length,
          team: requests.filter((r) => r.path === '/v1/team').length,
        },
        answered429: { injected, overLimit },
        retriedAfter429: retriedAfter429(requests, completedIn, {
          workerSecretId: DEFAULT_SECRET.id,
          userIdByEmail: new Map(plan.users.map((user) => [user.email.toLowerCase(), user.id])),
          roleByDepartment: new Map(Object.entries(ROLE_BY_DEPARTMENT)),
        }),
        changesApplied: applied.size,
        lost: sent.size - applied.size,
        completedAgain,
        deadLetters: aws.messages(dlqUrl).length,
        retriedByReason,
        invocations: counts,
        wrongUsers,
        virtualDrainSeconds: (drainedAt - startedAt) / 1000,
        wallSeconds: (performance.now() - wallStart) / 1000,
      };
    } finally {
      await scene.close();
    }
  } finally {
    clock.uninstall();
  }
}
