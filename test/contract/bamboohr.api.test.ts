import { afterEach, describe, expect, it } from 'vitest';
import { API_FIELDS, subdomainOf } from '../../lambda/providers/bamboohr/api.js';
import {
  BAMBOOHR_CREDENTIALS,
  BRYONY,
  bamboohrClientFor,
  EMPLOYEES,
  type FakeBambooHr,
  type FakeEmployee,
  startFakeBambooHr,
} from '../support/fake-bamboohr.js';
import { BAMBOOHR_SUBJECT } from '../support/hr-api-subjects/bamboohr.js';
import { EMPTY_BODY_HASH, thinChange } from '../support/hr-client-calls.js';

const NOW = Date.parse('2026-01-31T18:42:05.000Z');
const now = () => NOW;
const deadline = NOW + 30_000;

const changeFor = (id: string) =>
  thinChange('bamboohr', id, {
    tenant: '12345',
    eventId: EMPTY_BODY_HASH,
    occurredAt: '2026-01-31T18:42:00.000Z',
    receivedAt: '2026-01-31T18:42:03.000Z',
  });

describe('reading one employee from BambooHR', () => {
  let fake: FakeBambooHr;
  const start = async (employees: FakeEmployee[] = EMPLOYEES) => {
    fake = await startFakeBambooHr({ employees });
    return fake;
  };
  afterEach(() => fake?.close());

  it('GETs the employee with the fields, HTTP Basic and Accept JSON, and maps the answer', async () => {
    await start();
    const { client } = bamboohrClientFor(fake, { now });
    expect(await client.fetchEmployee(changeFor('67890'), { deadline })).toEqual(BAMBOOHR_SUBJECT.employee);

    const [request, ...rest] = fake.requests;
    expect(rest).toEqual([]);
    expect(request).toMatchObject({
      method: 'GET',
      path: '/api/gateway.php/acme/v1/employees/67890',
      authorized: true,
    });
    expect(request?.query.get('fields')).toBe(API_FIELDS.join(','));
    expect(API_FIELDS).toEqual([
      'firstName',
      'lastName',
      'preferredName',
      'workEmail',
      'jobTitle',
      'department',
      'division',
      'location',
      'status',
      'employmentHistoryStatus',
      'terminationDate',
    ]);
    expect(request?.headers.accept).toBe('application/json');
    const basic = Buffer.from(String(request?.headers.authorization).replace(/^Basic /, ''), 'base64');
    expect(basic.toString()).toBe(`${BAMBOOHR_CREDENTIALS.apiKey}:x`);
  });

  it('reads a termination dated today as terminated, and one still to come as active', async () => {
    await start([
      { ...BRYONY, id: '1', terminationDate: '2026-01-31', employmentHistoryStatus: null },
      { ...BRYONY, id: '2', terminationDate: '2026-02-15', employmentHistoryStatus: null },
    ]);
    const { client } = bamboohrClientFor(fake, { now });
    expect((await client.fetchEmployee(changeFor('1'), { deadline })).status).toBe('terminated');
    expect((await client.fetchEmployee(changeFor('2'), { deadline })).status).toBe('active');
  });

  it('reads a rehire (Active, Full-Time, an old termination date) as active', async () => {
    await start([{ ...BRYONY, terminationDate: '2025-06-30' }]);
    const { client } = bamboohrClientFor(fake, { now });
    expect((await client.fetchEmployee(changeFor('67890'), { deadline })).status).toBe('active');
  });

  it('leaves out what BambooHR answers null or empty, and never asks twice', async () => {
    await start([{ id: '67895', firstName: 'Noor', lastName: 'Haddad' }]);
    const { client } = bamboohrClientFor(fake, { now });
    expect(await client.fetchEmployee(changeFor('67895'), { deadline })).toEqual({
      id: '67895',
      firstName: 'Noor',
      lastName: 'Haddad',
      status: 'active',
    });
    expect(fake.requests).toHaveLength(1);
  });

  it('takes the subdomain as acme, acme.bamboohr.com or the whole address', async () => {
    expect(subdomainOf('acme')).toBe('acme');
    expect(subdomainOf(' acme.bamboohr.com ')).toBe('acme');
    expect(subdomainOf('https://acme.bamboohr.com/home')).toBe('acme');
    await start();
    const { client } = bamboohrClientFor(fake, {
      now,
      credentials: { ...BAMBOOHR_CREDENTIALS, subdomain: 'https://acme.bamboohr.com' },
    });
    expect((await client.fetchEmployee(changeFor('67890'), { deadline })).id).toBe('67890');
  });
});
