import { pathToFileURL } from 'node:url';
import type {
  APIGatewayProxyEvent,
  APIGatewayProxyResult,
  Context,
  SQSBatchResponse,
  SQSEvent,
} from 'aws-lambda';
import { type FakeAws, startFakeAws } from '../test/support/fake-aws.js';
import {
  BAMBOOHR_CREDENTIALS,
  BAMBOOHR_KEY,
  type FakeBambooHr,
  startFakeBambooHr,
} from '../test/support/fake-bamboohr.js';
import { DEFAULT_SECRET, type FakeHeymarket, startFakeHeymarket } from '../test/support/fake-heymarket.js';
import { type FaultPlan, ROLE_BY_DEPARTMENT, seededRandom } from '../test/support/fault-plan.js';
import { TEST_SECRET } from '../test/support/standard-webhook.js';
import { DUMMY_ENV } from './cold-init.js';
import { bambooHrRecords } from './thin-deliveries.js';

export type Receiver = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;
export type Worker = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;
export type Scheduler = (event: unknown, context: Context) => Promise<unknown>;

/** The scheduler signs with its own Heymarket secret (a team may hold two), so the fake can tell its requests apart. */
export const SCHEDULER_SECRET = { id: 'scheduler-secret-id', key: 'scheduler-secret-key' };
const SCHEDULER_SECRET_ARN =
  'arn:aws:secretsmanager:eu-west-1:000000000000:secret:hr-sync/heymarket-scheduler-AbCdEf';

export interface Scene {
  aws: FakeAws;
  heymarket: FakeHeymarket;
  bamboohr: FakeBambooHr;
  queueUrl: string;
  dlqUrl: string;
  receiver: Receiver;
  workers: Worker[];
  scheduler: Scheduler;
  /** Bundle log lines (stdout and stderr) seen while the scene was up, JSON-parsed where they are JSON. */
  logs: Record<string, unknown>[];
  close(): Promise<void>;
}

/**
 * The fakes and the bundled handlers of one burst, in this process: fake AWS (SQS with the stack's
 * redrive to the DLQ, Secrets Manager, DynamoDB), a fake Heymarket that answers 429 beyond 500
 * requests a minute as Heymarket does and to a seeded share of the rest, and a fake BambooHR the
 * reconcile lists. Each worker is its own module instance of the bundle (`?instance=`), with its own
 * SDK clients, agents and rate limiter, as separate Lambda containers have. Call it after the
 * virtual clock is installed: the bundles read the faked timers from the global scope.
 */
export async function startScene(
  bundles: { receiver: string; worker: string; scheduler: string },
  options: {
    plan: FaultPlan;
    workers: number;
    maxReceiveCount: number;
    rateLimitPerMinute: number;
    /** Share of requests (0..1) answered 429 besides the rate limit; every other one with `Retry-After: 1`. */
    share429: number;
    chunkSize: number;
    seed: number;
    instance: string;
  },
): Promise<Scene> {
  const { plan } = options;
  const aws = await startFakeAws();
  const heymarket = await startFakeHeymarket({
    users: plan.users,
    roleIds: [4, ...Object.values(ROLE_BY_DEPARTMENT)],
    rateLimitPerMinute: options.rateLimitPerMinute,
  });
  heymarket.addSecret(SCHEDULER_SECRET.id, SCHEDULER_SECRET.key);
  // Heymarket documents no Retry-After on its 429 (https://developers.heymarket.com/rate-limits): half
  // of these carry one (the client honours it), half none (the client backs off with jitter).
  const random = seededRandom(options.seed);
  let answered429 = 0;
  heymarket.inject(() => {
    if (random() >= options.share429) return undefined;
    answered429 += 1;
    return { kind: 'status', status: 429, ...(answered429 % 2 === 0 ? { retryAfter: '1' } : {}) };
  });
  const bamboohr = await startFakeBambooHr({ employees: [...bambooHrRecords(plan).values()] });
  const queueUrl = aws.queueUrl('changes');
  const dlqUrl = aws.queueUrl('changes-dlq');
  aws.setRedrive(queueUrl, { deadLetterQueueUrl: dlqUrl, maxReceiveCount: options.maxReceiveCount });
  const secret = (value: object) => JSON.stringify(value);
  aws.putSecret(
    DUMMY_ENV.WEBHOOK_SECRET_ARN as string,
    secret({ standard: TEST_SECRET, bamboohr: BAMBOOHR_KEY }),
  );
  aws.putSecret(DUMMY_ENV.HRIS_SECRET_ARN as string, secret({ bamboohr: BAMBOOHR_CREDENTIALS }));
  aws.putSecret(
    DUMMY_ENV.HEYMARKET_SECRET_ARN as string,
    secret({ apiSecretId: DEFAULT_SECRET.id, apiSecretKey: DEFAULT_SECRET.key }),
  );
  aws.putSecret(
    SCHEDULER_SECRET_ARN,
    secret({ apiSecretId: SCHEDULER_SECRET.id, apiSecretKey: SCHEDULER_SECRET.key }),
  );
  const config = {
    heymarket: { chunkSize: options.chunkSize },
    providers: { standard: { enabled: true }, bamboohr: { enabled: true, apiBaseUrl: bamboohr.url } },
    roles: {
      rules: Object.entries(ROLE_BY_DEPARTMENT).map(([department, roleId]) => ({
        match: { department },
        roleId,
      })),
    },
  };
  const env: Record<string, string> = {
    ...DUMMY_ENV,
    AWS_ENDPOINT_URL: aws.url,
    QUEUE_URL: queueUrl,
    DLQ_URL: dlqUrl,
    HEYMARKET_BASE_URL: heymarket.url,
    HR_SYNC_CONFIG: JSON.stringify(config),
    POWERTOOLS_LOG_LEVEL: 'INFO',
    POWERTOOLS_METRICS_NAMESPACE: 'bench',
  };
  const saved = new Map(Object.keys(env).map((key) => [key, process.env[key]]));
  const restoreEnv = () => {
    for (const [key, value] of saved) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
  // Every line a bundle writes goes through here while the scene is up: thousands of log lines and
  // metric documents, kept for the counts and not printed.
  const logs: Record<string, unknown>[] = [];
  const write = process.stdout.write.bind(process.stdout);
  const writeError = process.stderr.write.bind(process.stderr);
  const capture = ((chunk: string | Uint8Array) => {
    for (const line of String(chunk).split('\n')) {
      if (!line.startsWith('{')) continue;
      try {
        logs.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        // not a log line of ours
      }
    }
    return true;
  }) as typeof process.stdout.write;
  process.stdout.write = capture;
  process.stderr.write = capture;
  const release = () => {
    process.stdout.write = write;
    process.stderr.write = writeError;
    restoreEnv();
  };
  const load = async <T>(bundle: string, name: string, extra: Record<string, string> = {}): Promise<T> => {
    Object.assign(process.env, env, extra);
    const module = (await import(`${pathToFileURL(bundle).href}?instance=${options.instance}-${name}`)) as {
      handler: T;
    };
    return module.handler;
  };
  try {
    const receiver = await load<Receiver>(bundles.receiver, 'receiver');
    const workers: Worker[] = [];
    for (let i = 0; i < options.workers; i += 1)
      workers.push(await load<Worker>(bundles.worker, `worker-${i}`));
    // The scheduler reads HEYMARKET_SECRET_ARN as its first reconcile starts, synchronously (the
    // workers read theirs at import): set for it alone while the invocation starts.
    const schedulerHandler = await load<Scheduler>(bundles.scheduler, 'scheduler');
    const scheduler: Scheduler = (event, context) => {
      process.env.HEYMARKET_SECRET_ARN = SCHEDULER_SECRET_ARN;
      try {
        return schedulerHandler(event, context);
      } finally {
        process.env.HEYMARKET_SECRET_ARN = env.HEYMARKET_SECRET_ARN;
      }
    };
    Object.assign(process.env, env);
    return {
      aws,
      heymarket,
      bamboohr,
      queueUrl,
      dlqUrl,
      receiver,
      workers,
      scheduler,
      logs,
      async close() {
        release();
        await heymarket.close();
        await bamboohr.close();
        await aws.close();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}
