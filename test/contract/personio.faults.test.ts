import { describe, expect, it } from 'vitest';
import {
  HAMILTON,
  ORG_UNITS,
  PEOPLE,
  personioClientFor,
  startFakePersonio,
} from '../support/fake-personio.js';
import { failure, fastCalls, freshFake, thinChange } from '../support/hr-client-calls.js';

const OCCURRED_AT = '2026-02-01T09:00:00.915Z';
const now = () => Date.parse(OCCURRED_AT) + 3_000;
const deadline = now() + 30_000;
const change = thinChange('personio', HAMILTON.id, { occurredAt: OCCURRED_AT, eventId: 'evt-1' });

describe('a Personio API that misbehaves', () => {
  const fake = freshFake(() => startFakePersonio({ people: PEOPLE, orgUnits: ORG_UNITS }));
  const fast = fastCalls(now);

  it('waits the Retry-After of a 429', async () => {
    fake().inject({ kind: 'status', status: 429, retryAfter: '7' }, { path: '/v2/persons' });
    const { client, sleeps, logs } = personioClientFor(fake(), fast);
    await client.fetchEmployee(change, { deadline });
    expect(sleeps).toEqual([7_000]);
    expect(logs).toContainEqual({
      level: 'warn',
      message: 'personio retry',
      attributes: {
        method: 'GET',
        path: '/v2/persons/{id}',
        code: 'personio-429',
        status: 429,
        requestId: expect.stringMatching(/^trace-/),
        attempt: 1,
        delayMs: 7_000,
      },
    });
  });

  it('gives up after 3 attempts with a transient error that carries the status and the trace id', async () => {
    fake().inject({ kind: 'status', status: 503 }, { times: 3, path: '/v2/persons' });
    const { client } = personioClientFor(fake(), fast);
    const error = await failure(client.fetchEmployee(change, { deadline }));
    expect(error).toMatchObject({
      kind: 'transient',
      code: 'personio-5xx',
      message: `Personio GET /v2/persons/{id} answered 503 for person ${HAMILTON.id}`,
      details: { status: 503, requestId: expect.stringMatching(/^trace-503-/) },
    });
  });

  it('treats a 403 (a scope the credential lacks) as permanent personio-auth, without retrying', async () => {
    fake().inject({ kind: 'status', status: 403 }, { path: '/v2/org-units' });
    const { client, sleeps } = personioClientFor(fake(), fast);
    const error = await failure(client.fetchEmployee(change, { deadline }));
    expect(error).toMatchObject({ kind: 'permanent', code: 'personio-auth', details: { status: 403 } });
    expect(error.message).toContain('may read persons, employments and org units');
    expect(sleeps).toEqual([]);
  });

  it('fails an org-unit read for a reason other than 404 rather than drop the department', async () => {
    fake().inject({ kind: 'status', status: 500 }, { times: 3, path: '/v2/org-units' });
    const { client } = personioClientFor(fake(), fast);
    const error = await failure(client.fetchEmployee(change, { deadline }));
    expect(error).toMatchObject({ kind: 'transient', code: 'personio-5xx' });
  });

  it('never puts a response body, a token or a secret in an error or a log', async () => {
    fake().inject({ kind: 'status', status: 500 }, { times: 3, path: '/v2/persons' });
    const { client, logs } = personioClientFor(fake(), fast);
    const error = await failure(client.fetchEmployee(change, { deadline }));
    const text = `${error.message} ${JSON.stringify(error.details)} ${JSON.stringify(logs)}`;
    expect(text).not.toMatch(/Injected|papi-|example\.test/);
  });
});
