import { afterEach, describe, expect, it } from 'vitest';
import { API_FIELDS } from '../../lambda/providers/bamboohr/api.js';
import {
  bamboohrClientFor,
  EMPLOYEES,
  type FakeBambooHr,
  startFakeBambooHr,
} from '../support/fake-bamboohr.js';

const now = () => Date.parse('2026-01-31T18:42:05.000Z');

describe('listing every BambooHR employee for the reconcile job', () => {
  let fake: FakeBambooHr;
  afterEach(() => fake.close());

  it('POSTs one custom report with the id and the fields, and maps every row', async () => {
    fake = await startFakeBambooHr({ employees: EMPLOYEES });
    const { client, logs } = bamboohrClientFor(fake, { now });
    const employees = await client.listEmployees({ onlyCurrent: false });

    expect(employees.map((employee) => [employee.id, employee.workEmail, employee.status])).toEqual([
      ['67890', 'bryony.okafor@example.test', 'active'],
      ['67891', 'tomasz.lindqvist@example.test', 'active'],
      ['67893', 'aiyana.brightwater@example.test', 'terminated'],
    ]);
    const [request] = fake.requests;
    expect(request).toMatchObject({ method: 'POST', path: '/api/gateway.php/acme/v1/reports/custom' });
    expect(Object.fromEntries(request?.query ?? [])).toEqual({ format: 'JSON', onlyCurrent: 'false' });
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.body).toEqual({ title: 'heymarket-hr-sync', fields: ['id', ...API_FIELDS] });
    expect(logs).toContainEqual({
      level: 'info',
      message: 'bamboohr employee report',
      attributes: { employees: 3, skippedWithoutId: 0 },
    });
  });

  it('asks for current employees only unless told otherwise', async () => {
    fake = await startFakeBambooHr({ employees: EMPLOYEES });
    const { client } = bamboohrClientFor(fake, { now });
    expect(await client.listEmployees()).toHaveLength(2);
    expect(fake.requests[0]?.query.get('onlyCurrent')).toBe('true');
  });

  it('waits the Retry-After of a throttled report (503) and asks again', async () => {
    fake = await startFakeBambooHr({ employees: EMPLOYEES });
    fake.inject({ kind: 'status', status: 503, retryAfter: '1' });
    const { client, sleeps } = bamboohrClientFor(fake, { now });
    expect(await client.listEmployees()).toHaveLength(2);
    expect(sleeps).toEqual([1_000]);
  });
});
