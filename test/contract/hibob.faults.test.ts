import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EmployeeChange } from '../../lambda/core/employee-change.js';
import type { SyncError } from '../../lambda/core/errors.js';
import { type FakeHiBob, type Fault, hibobClientFor, PEOPLE, startFakeHiBob } from '../support/fake-hibob.js';

const MARGARET = '3332883884017713238';
const OCCURRED_AT = '2026-02-01T09:00:00.915Z';
const now = () => Date.parse(OCCURRED_AT) + 3_000;
const deadline = now() + 60_000;

const changeFor = (id: string, occurredAt = OCCURRED_AT) =>
  EmployeeChange.parse({
    v: 1,
    provider: 'hibob',
    eventId: 'evt-hibob-1',
    type: 'employee.updated',
    occurredAt,
    receivedAt: occurredAt,
    employee: { id },
    needsEnrichment: true,
  });

async function failure(promise: Promise<unknown>): Promise<SyncError> {
  try {
    await promise;
  } catch (error) {
    return error as SyncError;
  }
  throw new Error('expected a failure');
}

describe('HiBob people API faults', () => {
  let fake: FakeHiBob;
  beforeEach(async () => {
    fake = await startFakeHiBob({ people: PEOPLE });
  });
  afterEach(() => fake.close());
  const fast = { now, connectTimeoutMs: 200, totalTimeoutMs: 200 };

  it.each<[string, Fault]>([
    ['429', { kind: 'status', status: 429 }],
    ['500', { kind: 'status', status: 500 }],
    ['503', { kind: 'status', status: 503 }],
    ['a connection reset', { kind: 'reset' }],
    ['a hang', { kind: 'hang' }],
  ])('retries after %s with backoff and then succeeds', async (_, fault) => {
    fake.inject(fault, 2);
    const { client, sleeps } = hibobClientFor(fake, fast);
    const employee = await client.fetchEmployee(changeFor(MARGARET), { deadline });
    expect(employee.id).toBe(MARGARET);
    expect(fake.requests).toHaveLength(3);
    expect(sleeps).toEqual([250, 500]);
  });

  it('waits the Retry-After of a 429', async () => {
    fake.inject({ kind: 'status', status: 429, retryAfter: '2' });
    const { client, sleeps } = hibobClientFor(fake, fast);
    await client.fetchEmployee(changeFor(MARGARET), { deadline });
    expect(sleeps).toEqual([2_000]);
  });

  it('gives up after 3 attempts with a transient error that carries the status', async () => {
    fake.inject({ kind: 'status', status: 503 }, 5);
    const { client } = hibobClientFor(fake, fast);
    const error = await failure(client.fetchEmployee(changeFor(MARGARET), { deadline }));
    expect(error).toMatchObject({ kind: 'transient', code: 'hibob-5xx', details: { status: 503 } });
    expect(error.message).toBe(`HiBob POST /v1/people/{id} answered 503 for employee ${MARGARET}`);
    expect(fake.requests).toHaveLength(3);
  });

  it('leaves a long Retry-After to SQS instead of waiting in the invocation', async () => {
    fake.inject({ kind: 'status', status: 429, retryAfter: '120' });
    const { client, sleeps } = hibobClientFor(fake, fast);
    const error = await failure(client.fetchEmployee(changeFor(MARGARET), { deadline }));
    expect(error).toMatchObject({ kind: 'transient', code: 'hibob-429', details: { retryAfterMs: 120_000 } });
    expect(sleeps).toEqual([]);
  });

  it('times out a hang on every attempt as hibob-timeout', async () => {
    fake.inject({ kind: 'hang' }, 3);
    const { client } = hibobClientFor(fake, fast);
    const error = await failure(client.fetchEmployee(changeFor(MARGARET), { deadline }));
    expect(error).toMatchObject({ kind: 'transient', code: 'hibob-timeout' });
  });

  it('refuses wrong credentials once, permanently, as hibob-auth, for an operator to fix', async () => {
    const { client } = hibobClientFor(fake, {
      ...fast,
      credentials: { serviceUserId: 'SERVICE-USER-0001', token: 'revoked-token' },
    });
    const error = await failure(client.fetchEmployee(changeFor(MARGARET), { deadline }));
    expect(error).toMatchObject({ kind: 'permanent', code: 'hibob-auth', details: { status: 401 } });
    expect(error.message).toContain('check serviceUserId and token in the HR-system secret (hibob)');
    expect(error.message).not.toContain('revoked-token');
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]?.authorized).toBe(false);
  });

  it('treats a 403 (no permission) as hibob-auth too', async () => {
    fake.inject({ kind: 'status', status: 403 });
    const { client } = hibobClientFor(fake, fast);
    const error = await failure(client.fetchEmployee(changeFor(MARGARET), { deadline }));
    expect(error).toMatchObject({ kind: 'permanent', code: 'hibob-auth', details: { status: 403 } });
  });

  it('refuses a 400 permanently with a hint', async () => {
    fake.inject({ kind: 'status', status: 400 });
    const { client } = hibobClientFor(fake, fast);
    const error = await failure(client.fetchEmployee(changeFor(MARGARET), { deadline }));
    expect(error).toMatchObject({ kind: 'permanent', code: 'hibob-400' });
    expect(error.message).toContain('check providers.hibob');
  });

  it('reports an employee HiBob no longer has as permanent employee-not-found', async () => {
    const old = '2026-01-01T00:00:00.000Z';
    const { client } = hibobClientFor(fake, fast);
    const error = await failure(client.fetchEmployee(changeFor('404404404', old), { deadline }));
    expect(error).toMatchObject({ kind: 'permanent', code: 'employee-not-found', details: { status: 404 } });
    expect(error.message).toBe('HiBob has no employee 404404404 (404)');
    expect(fake.requests).toHaveLength(1);
  });

  it('retries a 404 just after the event later, since HiBob may not show a new employee yet', async () => {
    const { client } = hibobClientFor(fake, fast);
    const error = await failure(client.fetchEmployee(changeFor('404404404'), { deadline }));
    expect(error).toMatchObject({ kind: 'transient', code: 'hr-stale-read' });
    expect(fake.requests).toHaveLength(1);
  });

  it('does not call at all once the deadline has passed', async () => {
    const { client } = hibobClientFor(fake, fast);
    const error = await failure(client.fetchEmployee(changeFor(MARGARET), { deadline: now() - 1 }));
    expect(error).toMatchObject({ kind: 'transient', code: 'deadline' });
    expect(fake.requests).toEqual([]);
  });
});
