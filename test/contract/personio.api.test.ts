import { afterEach, describe, expect, it } from 'vitest';
import {
  API_CREDENTIAL,
  type FakePersonio,
  type FakePersonioOptions,
  HAMILTON,
  ORG_UNITS,
  PEOPLE,
  personioClientFor,
  startFakePersonio,
} from '../support/fake-personio.js';
import { margaret as margaretAs } from '../support/hr-api-subjects/subject.js';
import { EMPTY_BODY_HASH, thinChange } from '../support/hr-client-calls.js';

const OCCURRED_AT = '2026-02-01T09:00:00.915Z';
const now = () => Date.parse(OCCURRED_AT) + 3_000;
const deadline = now() + 30_000;

const changeFor = (id: string) =>
  thinChange('personio', id, { tenant: '81725', eventId: EMPTY_BODY_HASH, occurredAt: OCCURRED_AT });

const margaret = margaretAs(HAMILTON.id);

describe('reading one person from Personio', () => {
  let fake: FakePersonio;
  const start = async (options: FakePersonioOptions = {}) => {
    fake = await startFakePersonio({ people: PEOPLE, orgUnits: ORG_UNITS, ...options });
    return fake;
  };
  afterEach(() => fake?.close());

  it('gets a token with the client credentials in a form body, then reads person, employments and department', async () => {
    await start();
    const { client } = personioClientFor(fake, { now });
    const employee = await client.fetchEmployee(changeFor(HAMILTON.id), { deadline });

    expect(employee).toEqual(margaret);
    expect(fake.requests.map((request) => `${request.method} ${request.path} ${request.status}`)).toEqual([
      'POST /v2/auth/token 200',
      `GET /v2/persons/${HAMILTON.id} 200`,
      `GET /v2/persons/${HAMILTON.id}/employments 200`,
      'GET /v2/org-units/180551 200',
    ]);
    const [token, ...reads] = fake.requests;
    expect(token?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(token?.body))).toEqual({
      grant_type: 'client_credentials',
      client_id: API_CREDENTIAL.clientId,
      client_secret: API_CREDENTIAL.clientSecret,
    });
    expect(token?.headers.authorization).toBeUndefined();
    for (const read of reads) {
      expect(read.headers.authorization).toBe(`Bearer ${fake.tokens[0]}`);
      expect(read.headers.accept).toBe('application/json');
    }
  });

  it('describes the person by the active employment, not an older inactive one', async () => {
    await start();
    const { client } = personioClientFor(fake, { now });
    const employee = await client.fetchEmployee(changeFor(HAMILTON.id), { deadline });
    expect(employee.jobTitle).toBe('Flight Software Lead');
    expect(fake.requests.some((request) => request.path === '/v2/org-units/180552')).toBe(false);
  });

  it('reuses the token and the department name for the next person', async () => {
    await start();
    const { client } = personioClientFor(fake, { now });
    await client.fetchEmployee(changeFor(HAMILTON.id), { deadline });
    const mary = await client.fetchEmployee(changeFor('4471904'), { deadline });
    expect(mary.department).toBe('Engineering');
    expect(fake.tokens).toHaveLength(1);
    expect(fake.requests.filter((request) => request.path === '/v2/org-units/180551')).toHaveLength(1);
  });

  it('reads a department name again once orgUnitCacheTtlSeconds have passed', async () => {
    await start();
    let clock = now();
    const { client } = personioClientFor(fake, {
      now: () => clock,
      settings: { orgUnitCacheTtlSeconds: 60 },
    });
    await client.fetchEmployee(changeFor(HAMILTON.id), { deadline: clock + 30_000 });
    fake.orgUnits.set('180551', { id: '180551', name: 'Software Engineering', type: 'department' });
    clock += 61_000;
    const employee = await client.fetchEmployee(changeFor(HAMILTON.id), { deadline: clock + 30_000 });
    expect(employee.department).toBe('Software Engineering');
  });

  it.each([
    ['4471903', { status: 'active', department: 'Analysis' }, ['preferredName']],
    ['4471904', { status: 'terminated', jobTitle: 'Engineer' }, []],
    ['4471905', { status: 'inactive', jobTitle: 'Mathematician' }, ['department']],
  ])(
    'maps person %s (status ACTIVE, INACTIVE → terminated, LEAVE → inactive)',
    async (id, expected, absent) => {
      await start();
      const { client } = personioClientFor(fake, { now });
      const employee = await client.fetchEmployee(changeFor(id), { deadline });
      expect(employee).toMatchObject({ id, ...expected });
      for (const key of absent) expect(employee).not.toHaveProperty(key);
    },
  );

  it('reads a person answered as {"_data": {...}} too', async () => {
    await start({ wrapSingle: true });
    const { client } = personioClientFor(fake, { now });
    expect(await client.fetchEmployee(changeFor(HAMILTON.id), { deadline })).toEqual(margaret);
  });

  it('leaves the department out, and says so by id, when its org unit is gone', async () => {
    await start({ orgUnits: ORG_UNITS.filter((unit) => unit.id !== '180551') });
    const { client, logs } = personioClientFor(fake, { now });
    const employee = await client.fetchEmployee(changeFor(HAMILTON.id), { deadline });
    expect(employee).toEqual({ ...margaret, department: undefined });
    expect(employee).not.toHaveProperty('department');
    expect(logs).toContainEqual({
      level: 'warn',
      message: 'personio department not found',
      attributes: { personId: HAMILTON.id, orgUnitId: '180551' },
    });
  });
});
