import { fork } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { startFakeAws } from '../test/support/fake-aws.js';
import { BAMBOOHR_KEY, bamboohrFixture, bamboohrHeaders } from '../test/support/fake-bamboohr.js';
import { HIBOB_SECRET, hibobFixture, hibobHeaders } from '../test/support/fake-hibob.js';
import { MERGE_SIGNATURE_KEY, mergeFixture, mergeHeaders } from '../test/support/fake-merge.js';
import { PERSONIO_TOKEN, personioFixture, personioHeaders } from '../test/support/fake-personio.js';
import { apiGatewayEvent, fixture, signedHeaders, TEST_SECRET } from '../test/support/standard-webhook.js';
import { DUMMY_ENV } from './cold-init.js';
import { quantile } from './stats.js';

const CHILD = fileURLToPath(new URL('./receiver-child.mjs', import.meta.url));
export const WEBHOOK_SECRET_ARN = DUMMY_ENV.WEBHOOK_SECRET_ARN as string;
const MERGE_LINKED_ACCOUNT = '6f1b7a52-3c1e-4f0a-9d2b-7a9e1c4b5d60';

/** Tenant settings the provider fixtures carry (as in test/unit/<provider>.accepted.test.ts). */
export const CONFIG = {
  providers: {
    standard: { enabled: true },
    bamboohr: { enabled: true, companyId: '12345' },
    merge: { enabled: true, linkedAccountId: MERGE_LINKED_ACCOUNT },
    hibob: { enabled: true, companyId: 636192 },
    personio: { enabled: true, companyId: '81725' },
  },
};

export interface Provider {
  name: string;
  body: string;
  event: (body: string, index: number) => APIGatewayProxyEvent;
  /** The bare cost's MAC: the scheme's hash and key (Personio sends a token, not a MAC: see below). */
  bare: { algorithm: 'sha256' | 'sha512'; key: Buffer | string };
}

const DAY_MS = 86_400_000;

export const PROVIDERS: Provider[] = [
  {
    name: 'standard',
    body: recentlyDated(fixture('employee-updated.json')),
    event: (body, index) =>
      apiGatewayEvent({ body, headers: signedHeaders(body, { id: `msg_bench_${index}` }) }),
    bare: { algorithm: 'sha256', key: Buffer.from(TEST_SECRET.replace(/^whsec_/, ''), 'base64') },
  },
  {
    name: 'bamboohr',
    body: recentlyDated(bamboohrFixture('event-employee-updated.json')),
    event: (body) => apiGatewayEvent({ provider: 'bamboohr', body, headers: bamboohrHeaders(body) }),
    bare: { algorithm: 'sha256', key: BAMBOOHR_KEY },
  },
  {
    name: 'merge',
    body: recentlyDated(mergeFixture('employee-changed.json')),
    event: (body) => apiGatewayEvent({ provider: 'merge', body, headers: mergeHeaders(body) }),
    bare: { algorithm: 'sha256', key: MERGE_SIGNATURE_KEY },
  },
  {
    name: 'hibob',
    body: recentlyDated(hibobFixture('employee-updated.json')),
    event: (body) => apiGatewayEvent({ provider: 'hibob', body, headers: hibobHeaders(body) }),
    bare: { algorithm: 'sha512', key: HIBOB_SECRET },
  },
  {
    // Personio authenticates with a static token (two sha256 digests compared); the floor still
    // counts an HMAC-SHA256 of the body, so its ratio reads against the same yardstick.
    name: 'personio',
    body: recentlyDated(personioFixture('person-updated.json')),
    event: (body) => apiGatewayEvent({ provider: 'personio', body, headers: personioHeaders() }),
    bare: { algorithm: 'sha256', key: PERSONIO_TOKEN },
  },
];

/** The webhook secrets JSON every bench receiver reads, one key per provider. */
export const WEBHOOK_SECRETS = JSON.stringify({
  standard: TEST_SECRET,
  bamboohr: BAMBOOHR_KEY,
  merge: MERGE_SIGNATURE_KEY,
  hibob: HIBOB_SECRET,
  personio: PERSONIO_TOKEN,
});

/**
 * The fixture with every `YYYY-MM-DDT` date moved forward by whole days, so its newest is yesterday
 * (any time of that day is past): the fixtures' event times are months old, and the receiver raises
 * one older than 35 days to that floor with a warning and a metric (lambda/core/event-time.ts), which
 * is not the path a live delivery takes. Same length, same format, same order of dates.
 */
export function recentlyDated(body: string, now = Date.now()): string {
  const dates = [...body.matchAll(/(\d{4}-\d{2}-\d{2})T/g)].map((match) =>
    Date.parse(`${match[1]}T00:00:00Z`),
  );
  if (dates.length === 0) return body;
  const days = Math.max(0, Math.floor((now - Math.max(...dates)) / DAY_MS) - 1);
  return body.replace(
    /(\d{4}-\d{2}-\d{2})T/g,
    (_, date: string) =>
      `${new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10)}T`,
  );
}

/**
 * The body with eight characters of trailing JSON whitespace spelling `index` in base 4, so no two
 * deliveries carry the same bytes: the receiver answers a repeat of accepted bytes `duplicate`
 * (lambda/core/deliveries.ts) without queueing it, which is not the path measured here.
 */
export function distinct(body: string, index: number): string {
  const digits = [' ', '\t', '\n', '\r'];
  let suffix = '';
  for (let rest = index, n = 0; n < 8; n += 1, rest = Math.floor(rest / 4)) suffix += digits[rest % 4];
  return `${body}${suffix}`;
}

export interface ReceiverFigures {
  provider: string;
  bodyBytes: number;
  deliveries: number;
  statuses: Record<string, number>;
  /** One delivery at a time, as one Lambda environment takes them. */
  deliveriesPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  cpuUsPerDelivery: number;
  /** What one fully busy core could take: 1 s ÷ CPU time per delivery. */
  cpuBoundDeliveriesPerSecond: number;
  bareCpuUsPerDelivery: number;
  /** Our CPU time per delivery ÷ the bare HMAC + JSON.parse of the same body. */
  overheadRatio: number;
}

/**
 * The bundled receiver in a child process of its own (one core), against the loopback SQS and
 * Secrets Manager (fake-aws) in this process: verified, parsed and enqueued deliveries, every one
 * answered 202 (checked), one at a time.
 */
export async function receiverThroughput(
  bundle: string,
  options: { deliveries: number; warmup: number },
): Promise<ReceiverFigures[]> {
  const aws = await startFakeAws();
  try {
    aws.putSecret(WEBHOOK_SECRET_ARN, WEBHOOK_SECRETS);
    const total = options.deliveries + options.warmup;
    const providers = PROVIDERS.map((provider) => ({
      provider: provider.name,
      events: Array.from({ length: total }, (_, index) =>
        provider.event(distinct(provider.body, index), index),
      ),
      bare: {
        algorithm: provider.bare.algorithm,
        key: typeof provider.bare.key === 'string' ? provider.bare.key : provider.bare.key.toString('latin1'),
        body: provider.body,
      },
    }));
    // The standard key is binary: handed over as latin1 text, turned back into the same bytes below.
    const standard = providers[0];
    if (standard) standard.bare.key = Buffer.from(standard.bare.key, 'latin1').toString('latin1');

    const child = fork(CHILD, [], {
      env: {
        PATH: process.env.PATH ?? '',
        ...DUMMY_ENV,
        AWS_ENDPOINT_URL: aws.url,
        QUEUE_URL: aws.queueUrl('changes'),
        HR_SYNC_CONFIG: JSON.stringify(CONFIG),
        POWERTOOLS_LOG_LEVEL: 'INFO',
      },
      execArgv: ['--no-warnings'],
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    const answer = new Promise<{ results: ChildResult[] }>((resolve, reject) => {
      child.once('message', (message) => resolve(message as { results: ChildResult[] }));
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`receiver child exited with ${code}`)));
    });
    child.send({ bundle: pathToFileURL(bundle).href, providers, warmup: options.warmup });
    const { results } = await answer;

    return results.map((result) => {
      const accepted = result.statuses['202'] ?? 0;
      if (accepted !== result.deliveries) {
        throw new Error(`bench: ${result.provider} deliveries answered ${JSON.stringify(result.statuses)}`);
      }
      const provider = PROVIDERS.find((p) => p.name === result.provider) as Provider;
      return {
        provider: result.provider,
        bodyBytes: Buffer.byteLength(provider.body),
        deliveries: result.deliveries,
        statuses: result.statuses,
        deliveriesPerSecond: (result.deliveries * 1000) / result.wallMs,
        p50Ms: quantile(result.latencies, 0.5),
        p99Ms: quantile(result.latencies, 0.99),
        cpuUsPerDelivery: result.cpuUsPerDelivery,
        cpuBoundDeliveriesPerSecond: 1_000_000 / result.cpuUsPerDelivery,
        bareCpuUsPerDelivery: result.bareCpuUsPerDelivery,
        overheadRatio: result.cpuUsPerDelivery / result.bareCpuUsPerDelivery,
      };
    });
  } finally {
    await aws.close();
  }
}

interface ChildResult {
  provider: string;
  deliveries: number;
  statuses: Record<string, number>;
  wallMs: number;
  cpuUsPerDelivery: number;
  bareCpuUsPerDelivery: number;
  latencies: number[];
}
