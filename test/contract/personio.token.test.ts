import { afterEach, describe, expect, it } from 'vitest';
import {
  type FakePersonio,
  HAMILTON,
  ORG_UNITS,
  PEOPLE,
  personioClientFor,
  startFakePersonio,
} from '../support/fake-personio.js';
import { failure, thinChange } from '../support/hr-client-calls.js';

const OCCURRED_AT = '2026-02-01T09:00:00.915Z';
const change = thinChange('personio', HAMILTON.id, { occurredAt: OCCURRED_AT, eventId: 'evt-1' });

const tokenRequests = (fake: FakePersonio) =>
  fake.requests.filter((request) => request.path === '/v2/auth/token').length;

describe('the Personio access token', () => {
  let fake: FakePersonio;
  let clock = Date.parse(OCCURRED_AT);
  const now = () => clock;
  afterEach(() => fake?.close());

  it('is kept until a minute before expires_in, then fetched again', async () => {
    fake = await startFakePersonio({ people: PEOPLE, orgUnits: ORG_UNITS, tokenLifetimeSeconds: 3_600 });
    clock = Date.parse(OCCURRED_AT);
    const { client, logs } = personioClientFor(fake, { now });
    await client.fetchEmployee(change, { deadline: clock + 30_000 });
    clock += 3_600_000 - 61_000;
    await client.fetchEmployee(change, { deadline: clock + 30_000 });
    expect(tokenRequests(fake)).toBe(1);
    clock += 2_000;
    await client.fetchEmployee(change, { deadline: clock + 30_000 });
    expect(tokenRequests(fake)).toBe(2);
    expect(logs).toContainEqual({
      level: 'info',
      message: 'personio token',
      attributes: { expiresInS: 3_600 },
    });
  });

  it('lives 15 minutes when the answer does not say', async () => {
    fake = await startFakePersonio({ people: PEOPLE, orgUnits: ORG_UNITS, tokenLifetimeSeconds: null });
    clock = Date.parse(OCCURRED_AT);
    const { client } = personioClientFor(fake, { now });
    await client.fetchEmployee(change, { deadline: clock + 30_000 });
    clock += 14 * 60_000;
    await client.fetchEmployee(change, { deadline: clock + 30_000 });
    expect(tokenRequests(fake)).toBe(2);
  });

  it('is fetched again once when a call is refused with 401, and the call is repeated', async () => {
    fake = await startFakePersonio({ people: PEOPLE, orgUnits: ORG_UNITS });
    clock = Date.parse(OCCURRED_AT);
    const { client, sleeps } = personioClientFor(fake, { now });
    await client.fetchEmployee(change, { deadline: clock + 30_000 });
    fake.revokeTokens();
    const employee = await client.fetchEmployee(change, { deadline: clock + 30_000 });
    expect(employee.firstName).toBe('Margaret');
    expect(fake.tokens).toHaveLength(2);
    const second = fake.requests.slice(4).map((request) => `${request.path} ${request.status}`);
    expect(second).toEqual([
      `/v2/persons/${HAMILTON.id} 401`,
      '/v2/auth/token 200',
      `/v2/persons/${HAMILTON.id} 200`,
      `/v2/persons/${HAMILTON.id}/employments 200`,
    ]);
    expect(sleeps).toEqual([]);
  });

  it('is shared by concurrent calls: one token request for all', async () => {
    fake = await startFakePersonio({ people: PEOPLE, orgUnits: ORG_UNITS });
    clock = Date.parse(OCCURRED_AT);
    const { client } = personioClientFor(fake, { now });
    const ids = ['4471902', '4471903', '4471904', '4471905'];
    await Promise.all(
      ids.map((id) => client.fetchEmployee({ ...change, employee: { id } }, { deadline: clock + 30_000 })),
    );
    expect(tokenRequests(fake)).toBe(1);
  });

  it('that is refused twice in a row means the credential is wrong: permanent personio-auth', async () => {
    fake = await startFakePersonio({ people: PEOPLE, orgUnits: ORG_UNITS });
    clock = Date.parse(OCCURRED_AT);
    const { client } = personioClientFor(fake, { now });
    fake.inject({ kind: 'status', status: 401 }, { times: 2, path: '/v2/persons' });
    const error = await failure(client.fetchEmployee(change, { deadline: clock + 30_000 }));
    expect(error).toMatchObject({ kind: 'permanent', code: 'personio-auth', details: { status: 401 } });
    expect(error.message).toContain('check clientId and clientSecret in the HR-system secret (personio)');
    expect(tokenRequests(fake)).toBe(2);
  });

  it('is refused for wrong client credentials: permanent personio-auth, asked for only once', async () => {
    fake = await startFakePersonio({
      people: PEOPLE,
      credentials: { clientId: 'papi-client-0001', clientSecret: 'rotated-secret' },
    });
    clock = Date.parse(OCCURRED_AT);
    const { client, sleeps } = personioClientFor(fake, { now });
    const error = await failure(client.fetchEmployee(change, { deadline: clock + 30_000 }));
    expect(error).toMatchObject({ kind: 'permanent', code: 'personio-auth', details: { status: 401 } });
    expect(error.message).toBe(
      'Personio POST /v2/auth/token answered 401: check clientId and clientSecret in the HR-system secret (personio)',
    );
    expect(fake.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
    expect(error.message).not.toContain('papi-secret');
  });

  it('is asked for again after a 503 of the token endpoint, with backoff', async () => {
    fake = await startFakePersonio({ people: PEOPLE, orgUnits: ORG_UNITS });
    clock = Date.parse(OCCURRED_AT);
    const { client, sleeps } = personioClientFor(fake, { now });
    fake.inject({ kind: 'status', status: 503 }, { path: '/v2/auth/token' });
    await client.fetchEmployee(change, { deadline: clock + 30_000 });
    expect(tokenRequests(fake)).toBe(2);
    expect(sleeps).toEqual([250]);
  });
});
