import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProviderName } from '../../lambda/core/employee-change.js';
import { bamboohrClientFor, EMPLOYEES, startFakeBambooHr } from '../support/fake-bamboohr.js';
import { PEOPLE as HIBOB_PEOPLE, hibobClientFor, startFakeHiBob } from '../support/fake-hibob.js';
import {
  JOHNSON,
  EMPLOYEES as MERGE_EMPLOYEES,
  mergeClientFor,
  startFakeMerge,
} from '../support/fake-merge.js';
import {
  HAMILTON,
  ORG_UNITS,
  PEOPLE as PERSONIO_PEOPLE,
  personioClientFor,
  startFakePersonio,
} from '../support/fake-personio.js';
import { failure, fastCalls, thinChange } from '../support/hr-client-calls.js';
import type { TransportFault } from '../support/injected-faults.js';

/**
 * The rules every HR API client follows because they all call through lambda/net/api-caller.ts: what
 * is retried, how long is waited, when it gives up, what is permanent, and the deadline. Each provider
 * runs the same cases against its own loopback fake; what only one vendor does stays in
 * `<provider>.faults.test.ts`.
 */
const NOW = Date.parse('2026-02-06T10:00:00.000Z');
const now = () => NOW;
const deadline = NOW + 60_000;
const fast = fastCalls(now);

interface Fake {
  requests: { path: string; fault?: string }[];
  close(): Promise<void>;
}

interface Subject {
  provider: ProviderName;
  /** The employee read, whom each fake knows. */
  id: string;
  start(): Promise<Fake>;
  /** Queues a fault on the employee read (for Personio, not on its token call). */
  inject(fake: Fake, fault: TransportFault, times: number): void;
  client(fake: Fake): { fetch(deadline: number): Promise<{ id: string }>; sleeps: number[] };
  /** The requests that read the employee, the ones faults hit. */
  reads(fake: Fake): unknown[];
  /** The message of a refusal of the employee read. */
  refused(status: number): string;
  /** What a 401/403 message tells the operator to check. */
  authHint: string;
}

const changeFor = (provider: ProviderName, id: string) =>
  thinChange(provider, id, { receivedAt: '2026-02-06T09:00:01.000Z' });

// Each fake is typed by its own module; the subjects only use what `Fake` names.
const as = <T>(fake: Fake) => fake as unknown as T;

const SUBJECTS: Subject[] = [
  {
    provider: 'bamboohr',
    id: '67890',
    start: () => startFakeBambooHr({ employees: EMPLOYEES }),
    inject: (fake, fault, times) =>
      as<Awaited<ReturnType<typeof startFakeBambooHr>>>(fake).inject(fault, times),
    client(fake) {
      const { client, sleeps } = bamboohrClientFor(as(fake), fast);
      return {
        fetch: (at) => client.fetchEmployee(changeFor('bamboohr', '67890'), { deadline: at }),
        sleeps,
      };
    },
    reads: (fake) => fake.requests,
    refused: (status) => `BambooHR GET /v1/employees/{id} answered ${status} for employee 67890`,
    authHint: 'check subdomain and apiKey in the HR-system secret (bamboohr)',
  },
  {
    provider: 'hibob',
    id: '3332883884017713238',
    start: () => startFakeHiBob({ people: HIBOB_PEOPLE }),
    inject: (fake, fault, times) => as<Awaited<ReturnType<typeof startFakeHiBob>>>(fake).inject(fault, times),
    client(fake) {
      const { client, sleeps } = hibobClientFor(as(fake), fast);
      const change = changeFor('hibob', '3332883884017713238');
      return { fetch: (at) => client.fetchEmployee(change, { deadline: at }), sleeps };
    },
    reads: (fake) => fake.requests,
    refused: (status) => `HiBob POST /v1/people/{id} answered ${status} for employee 3332883884017713238`,
    authHint: 'check serviceUserId and token in the HR-system secret (hibob)',
  },
  {
    provider: 'merge',
    id: JOHNSON.id,
    start: () => startFakeMerge({ employees: MERGE_EMPLOYEES }),
    inject: (fake, fault, times) => as<Awaited<ReturnType<typeof startFakeMerge>>>(fake).inject(fault, times),
    client(fake) {
      const { client, sleeps } = mergeClientFor(as(fake), fast);
      return {
        fetch: (at) => client.fetchEmployee(changeFor('merge', JOHNSON.id), { deadline: at }),
        sleeps,
      };
    },
    reads: (fake) => fake.requests,
    refused: (status) =>
      `Merge GET /api/hris/v1/employees/{id} answered ${status} for employee ${JOHNSON.id}`,
    authHint: 'check apiKey and accountToken in the HR-system secret (merge)',
  },
  {
    provider: 'personio',
    id: HAMILTON.id,
    start: () => startFakePersonio({ people: PERSONIO_PEOPLE, orgUnits: ORG_UNITS }),
    inject: (fake, fault, times) =>
      as<Awaited<ReturnType<typeof startFakePersonio>>>(fake).inject(fault, {
        times,
        path: `/v2/persons/${HAMILTON.id}`,
      }),
    client(fake) {
      const { client, sleeps } = personioClientFor(as(fake), fast);
      return {
        fetch: (at) => client.fetchEmployee(changeFor('personio', HAMILTON.id), { deadline: at }),
        sleeps,
      };
    },
    reads: (fake) => fake.requests.filter((request) => request.path === `/v2/persons/${HAMILTON.id}`),
    refused: (status) => `Personio GET /v2/persons/{id} answered ${status} for person ${HAMILTON.id}`,
    authHint: 'check clientId and clientSecret in the HR-system secret (personio)',
  },
];

describe.each(SUBJECTS)('the $provider API client, when the API misbehaves', (subject) => {
  const { provider } = subject;
  let fake: Fake;
  beforeEach(async () => {
    fake = await subject.start();
  });
  afterEach(() => fake.close());

  it.each<[string, TransportFault]>([
    ['429', { kind: 'status', status: 429 }],
    ['500', { kind: 'status', status: 500 }],
    ['503', { kind: 'status', status: 503 }],
    ['a connection reset', { kind: 'reset' }],
    ['a hang', { kind: 'hang' }],
  ])('retries after %s with backoff and then reads the employee', async (_, fault) => {
    subject.inject(fake, fault, 2);
    const { fetch, sleeps } = subject.client(fake);
    expect((await fetch(deadline)).id).toBe(subject.id);
    expect(subject.reads(fake)).toHaveLength(3);
    // Full jitter with random() = 0.5 over the 500 ms base: half of 500, then half of 1000.
    expect(sleeps).toEqual([250, 500]);
  });

  it('waits the Retry-After of a 429, in seconds or as an HTTP date', async () => {
    subject.inject(fake, { kind: 'status', status: 429, retryAfter: '2' }, 1);
    subject.inject(fake, { kind: 'status', status: 429, retryAfter: new Date(NOW + 3_000).toUTCString() }, 1);
    const { fetch, sleeps } = subject.client(fake);
    expect((await fetch(deadline)).id).toBe(subject.id);
    expect(sleeps).toEqual([2_000, 3_000]);
  });

  it('gives up after 3 attempts with a transient error that carries the status', async () => {
    subject.inject(fake, { kind: 'status', status: 500 }, 5);
    const { fetch } = subject.client(fake);
    const error = await failure(fetch(deadline));
    expect(error).toMatchObject({ kind: 'transient', code: `${provider}-5xx`, details: { status: 500 } });
    expect(error.message).toBe(subject.refused(500));
    expect(subject.reads(fake)).toHaveLength(3);
  });

  it('leaves a long Retry-After to SQS instead of waiting in the invocation', async () => {
    subject.inject(fake, { kind: 'status', status: 429, retryAfter: '120' }, 1);
    const { fetch, sleeps } = subject.client(fake);
    const error = await failure(fetch(deadline));
    expect(error).toMatchObject({
      kind: 'transient',
      code: `${provider}-429`,
      details: { status: 429, retryAfterMs: 120_000 },
    });
    expect(sleeps).toEqual([]);
    expect(subject.reads(fake)).toHaveLength(1);
  });

  it(`times out a hang on every attempt as <provider>-timeout`, async () => {
    subject.inject(fake, { kind: 'hang' }, 3);
    const { fetch } = subject.client(fake);
    const error = await failure(fetch(deadline));
    expect(error).toMatchObject({ kind: 'transient', code: `${provider}-timeout` });
    expect(subject.reads(fake)).toHaveLength(3);
  });

  it.each([401, 403])(
    'refuses a %i permanently as <provider>-auth, naming the secret keys to check',
    async (status) => {
      // A 401 to Personio's bearer token is first answered with a new token: both calls are refused here.
      subject.inject(fake, { kind: 'status', status }, 2);
      const { fetch, sleeps } = subject.client(fake);
      const error = await failure(fetch(deadline));
      expect(error).toMatchObject({ kind: 'permanent', code: `${provider}-auth`, details: { status } });
      expect(error.message).toContain(subject.authHint);
      expect(sleeps).toEqual([]);
      expect(subject.reads(fake)).toHaveLength(provider === 'personio' && status === 401 ? 2 : 1);
    },
  );

  it('refuses any other 4xx permanently, by status, without retrying', async () => {
    subject.inject(fake, { kind: 'status', status: 422 }, 1);
    const { fetch, sleeps } = subject.client(fake);
    const error = await failure(fetch(deadline));
    expect(error).toMatchObject({ kind: 'permanent', code: `${provider}-422`, details: { status: 422 } });
    expect(error.message).toBe(subject.refused(422));
    expect(sleeps).toEqual([]);
  });

  it('does not call at all once the deadline has passed', async () => {
    const { fetch } = subject.client(fake);
    const error = await failure(fetch(NOW - 1));
    expect(error).toMatchObject({ kind: 'transient', code: 'deadline' });
    expect(fake.requests).toEqual([]);
  });
});
