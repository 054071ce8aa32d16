import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EmployeeChange } from '../../lambda/core/employee-change.js';
import type { SyncError } from '../../lambda/core/errors.js';
import {
  BAMBOOHR_CREDENTIALS,
  bamboohrClientFor,
  EMPLOYEES,
  type FakeBambooHr,
  type Fault,
  startFakeBambooHr,
} from '../support/fake-bamboohr.js';

const NOW = Date.parse('2026-01-31T18:42:05.000Z');
const now = () => NOW;
const deadline = NOW + 60_000;

const changeFor = (id: string) =>
  EmployeeChange.parse({
    v: 1,
    provider: 'bamboohr',
    eventId: 'evt-bamboohr-1',
    type: 'employee.updated',
    occurredAt: '2026-01-31T18:42:00.000Z',
    receivedAt: '2026-01-31T18:42:03.000Z',
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

describe('BambooHR API faults', () => {
  let fake: FakeBambooHr;
  beforeEach(async () => {
    fake = await startFakeBambooHr({ employees: EMPLOYEES });
  });
  afterEach(() => fake.close());
  const fast = { now, connectTimeoutMs: 200, totalTimeoutMs: 200 };

  it.each<[string, Fault]>([
    ['429', { kind: 'status', status: 429 }],
    ['500', { kind: 'status', status: 500 }],
    ['503 (its throttling answer before September 2026)', { kind: 'status', status: 503 }],
    ['a connection reset', { kind: 'reset' }],
    ['a hang', { kind: 'hang' }],
  ])('retries after %s with backoff and then succeeds', async (_, fault) => {
    fake.inject(fault, 2);
    const { client, sleeps } = bamboohrClientFor(fake, fast);
    const employee = await client.fetchEmployee(changeFor('67890'), { deadline });
    expect(employee.id).toBe('67890');
    expect(fake.requests).toHaveLength(3);
    expect(sleeps).toEqual([250, 500]);
  });

  it('waits the Retry-After of a 429, in seconds or as an HTTP date', async () => {
    fake.inject({ kind: 'status', status: 429, retryAfter: '2' });
    fake.inject({ kind: 'status', status: 429, retryAfter: new Date(NOW + 3_000).toUTCString() });
    const { client, sleeps } = bamboohrClientFor(fake, fast);
    await client.fetchEmployee(changeFor('67890'), { deadline });
    expect(sleeps).toEqual([2_000, 3_000]);
  });

  it('gives up after 3 attempts with a transient error that carries the status', async () => {
    fake.inject({ kind: 'status', status: 500 }, 5);
    const { client } = bamboohrClientFor(fake, fast);
    const error = await failure(client.fetchEmployee(changeFor('67890'), { deadline }));
    expect(error).toMatchObject({ kind: 'transient', code: 'bamboohr-5xx', details: { status: 500 } });
    expect(error.message).toBe('BambooHR GET /v1/employees/{id} answered 500 for employee 67890');
    expect(fake.requests).toHaveLength(3);
  });

  it('leaves a long Retry-After to SQS instead of waiting in the invocation', async () => {
    fake.inject({ kind: 'status', status: 429, retryAfter: '120' });
    const { client, sleeps } = bamboohrClientFor(fake, fast);
    const error = await failure(client.fetchEmployee(changeFor('67890'), { deadline }));
    expect(error).toMatchObject({
      kind: 'transient',
      code: 'bamboohr-429',
      details: { status: 429, retryAfterMs: 120_000 },
    });
    expect(sleeps).toEqual([]);
  });

  it('times out a hang on every attempt as bamboohr-timeout', async () => {
    fake.inject({ kind: 'hang' }, 3);
    const { client } = bamboohrClientFor(fake, fast);
    const error = await failure(client.fetchEmployee(changeFor('67890'), { deadline }));
    expect(error).toMatchObject({ kind: 'transient', code: 'bamboohr-timeout' });
    expect(fake.requests).toHaveLength(3);
  });

  it('refuses a wrong API key once, permanently, as bamboohr-auth, for an operator to fix', async () => {
    const { client } = bamboohrClientFor(fake, {
      ...fast,
      credentials: { ...BAMBOOHR_CREDENTIALS, apiKey: 'revoked-key' },
    });
    const error = await failure(client.fetchEmployee(changeFor('67890'), { deadline }));
    expect(error).toMatchObject({ kind: 'permanent', code: 'bamboohr-auth', details: { status: 401 } });
    expect(error.message).toContain('check subdomain and apiKey in the HR-system secret (bamboohr)');
    expect(error.message).not.toContain('revoked-key');
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]?.authorized).toBe(false);
  });

  it('treats a 403 (the key user may not read the fields) as bamboohr-auth too', async () => {
    fake.inject({ kind: 'status', status: 403 });
    const { client } = bamboohrClientFor(fake, fast);
    const error = await failure(client.fetchEmployee(changeFor('67890'), { deadline }));
    expect(error).toMatchObject({ kind: 'permanent', code: 'bamboohr-auth', details: { status: 403 } });
  });

  it('reports an employee BambooHR no longer has as permanent employee-not-found, asked once', async () => {
    const { client } = bamboohrClientFor(fake, fast);
    const error = await failure(client.fetchEmployee(changeFor('404404'), { deadline }));
    expect(error).toMatchObject({ kind: 'permanent', code: 'employee-not-found', details: { status: 404 } });
    expect(error.message).toBe('BambooHR has no employee 404404 (404)');
    expect(fake.requests).toHaveLength(1);
  });

  it('retries an answer that is not JSON (XML, when the Accept header was lost) as transient', async () => {
    fake.inject({ kind: 'xml' });
    const { client, sleeps } = bamboohrClientFor(fake, fast);
    expect((await client.fetchEmployee(changeFor('67890'), { deadline })).id).toBe('67890');
    expect(fake.requests.map((request) => request.fault)).toEqual(['xml', undefined]);
    expect(sleeps).toEqual([250]);
  });

  it('gives up on an answer that stays XML with bamboohr-bad-response, without quoting it', async () => {
    fake.inject({ kind: 'xml' }, 3);
    const { client } = bamboohrClientFor(fake, fast);
    const error = await failure(client.fetchEmployee(changeFor('67890'), { deadline }));
    expect(error).toMatchObject({
      kind: 'transient',
      code: 'bamboohr-bad-response',
      details: { status: 200 },
    });
    expect(error.message).toBe(
      'BambooHR GET /v1/employees/{id} answered 200 for employee 67890 with a body that is not JSON',
    );
  });

  it('does not call at all once the deadline has passed', async () => {
    const { client } = bamboohrClientFor(fake, fast);
    const error = await failure(client.fetchEmployee(changeFor('67890'), { deadline: NOW - 1 }));
    expect(error).toMatchObject({ kind: 'transient', code: 'deadline' });
    expect(fake.requests).toEqual([]);
  });
});
