import { describe, expect, it, vi } from 'vitest';
import { EmployeeChange } from '../../lambda/core/employee-change.js';
import { bamboohrFixture } from '../support/fake-bamboohr.js';
import { bamboohr } from '../support/provider-cases/bamboohr.js';
import { deliverTo } from '../support/provider-cases/index.js';
import { frozenAt, sha256 } from '../support/provider-cases/queued.js';

const NOW = Date.parse('2026-01-31T18:42:09.000Z');
const RECEIVED_AT = new Date(NOW).toISOString();

async function deliver(body: string, settings: Record<string, unknown> = {}) {
  const { response, messages } = await deliverTo(bamboohr, body, settings);
  return { response, changes: messages.map((message) => message.body) };
}

describe('a valid BambooHR field-based delivery', () => {
  frozenAt(NOW);

  it('puts one fat change per employee on the queue, event ids = body hash #index', async () => {
    const body = bamboohrFixture('fields-updated.json');
    const { response, changes } = await deliver(body);
    const hash = sha256(body);

    expect(response.statusCode).toBe(202);
    expect(JSON.parse(response.body)).toEqual({
      accepted: 2,
      duplicates: 0,
      eventIds: [`${hash}#0`, `${hash}#1`],
    });
    expect(changes).toEqual([
      {
        v: 1,
        provider: 'bamboohr',
        eventId: `${hash}#0`,
        type: 'employee.updated',
        occurredAt: '2026-01-31T18:42:00.000Z',
        receivedAt: RECEIVED_AT,
        // An empty preferred name and a `0000-00-00` termination date say nothing.
        employee: {
          id: '12345',
          workEmail: 'bryony.okafor@example.test',
          firstName: 'Bryony',
          lastName: 'Okafor',
          jobTitle: 'Support Lead',
          department: 'Customer Success',
          status: 'active',
        },
        needsEnrichment: false,
      },
      {
        v: 1,
        provider: 'bamboohr',
        eventId: `${hash}#1`,
        type: 'employee.updated',
        occurredAt: '2026-01-31T18:42:05.000Z',
        receivedAt: RECEIVED_AT,
        // Values wrapped as {"value": ...} are read the same.
        employee: {
          id: '12346',
          workEmail: 'tomasz.lindqvist@example.test',
          firstName: 'Tomasz',
          lastName: 'Lindqvist',
          preferredName: 'Tom',
          jobTitle: 'Account Executive',
          department: 'Sales',
          status: 'active',
        },
        needsEnrichment: false,
      },
    ]);
    for (const change of changes) expect(EmployeeChange.safeParse(change).success).toBe(true);
  });

  it('gives a one-employee delivery the plain body hash as its event id', async () => {
    const body = bamboohrFixture('fields-terminated.json');
    const { changes } = await deliver(body);
    expect(changes.map((change) => change.eventId)).toEqual([sha256(body)]);
  });

  it('queues Created to be enriched (no fields yet) and Deleted by id only', async () => {
    // Its events are the next morning: received just after them (a later time would be refused).
    vi.setSystemTime(Date.parse('2026-02-01T08:02:00.000Z'));
    const body = bamboohrFixture('fields-created-deleted.json');
    const { response, changes } = await deliver(body);
    const hash = sha256(body);
    expect(response.statusCode).toBe(202);
    expect(changes).toEqual([
      {
        v: 1,
        provider: 'bamboohr',
        eventId: `${hash}#0`,
        type: 'employee.created',
        occurredAt: '2026-02-01T08:00:00.000Z',
        receivedAt: '2026-02-01T08:02:00.000Z',
        employee: { id: '12348' },
        needsEnrichment: true,
      },
      {
        v: 1,
        provider: 'bamboohr',
        eventId: `${hash}#1`,
        type: 'employee.deleted',
        occurredAt: '2026-02-01T08:01:30.000Z',
        receivedAt: '2026-02-01T08:02:00.000Z',
        employee: { id: '12349' },
        needsEnrichment: false,
      },
    ]);
  });

  it('reads the fields under the names providers.bamboohr.fieldMap gives, case-insensitively', async () => {
    const body = JSON.stringify({
      employees: [
        {
          action: 'Updated',
          changedFields: ['Title'],
          fields: { 'e-mail': 'bryony.okafor@example.test', TITLE: 'Head of Support', Team: 'Support' },
          id: '12345',
          timestamp: '2026-01-31T18:42:00+0000',
        },
      ],
    });
    const { changes } = await deliver(body, {
      fieldMap: { workEmail: 'E-Mail', jobTitle: 'Title', department: 'Team' },
    });
    expect(changes[0]?.employee).toEqual({
      id: '12345',
      workEmail: 'bryony.okafor@example.test',
      jobTitle: 'Head of Support',
      department: 'Support',
    });
  });

  it('finds a field aliased to its API name (firstName) without any fieldMap', async () => {
    const body = JSON.stringify({
      employees: [
        {
          action: 'Updated',
          fields: { firstName: 'Bryony', lastName: 'Okafor', workEmail: 'bryony.okafor@example.test' },
          id: '12345',
        },
      ],
    });
    const { changes } = await deliver(body);
    expect(changes[0]?.employee).toEqual({
      id: '12345',
      workEmail: 'bryony.okafor@example.test',
      firstName: 'Bryony',
      lastName: 'Okafor',
    });
    // No timestamp on the employee: the time received.
    expect(changes[0]?.occurredAt).toBe(RECEIVED_AT);
  });

  it('asks the worker to fetch an employee whose delivery has no usable work email', async () => {
    const body = JSON.stringify({
      employees: [
        { action: 'Updated', fields: { 'Job Title': 'Designer' }, id: '12350' },
        { action: 'Updated', fields: { 'Work Email': 'not an address', 'First Name': 'Ada' }, id: '12351' },
      ],
    });
    const { response, changes } = await deliver(body);
    expect(response.statusCode).toBe(202);
    expect(changes.map((change) => [change.employee, change.needsEnrichment])).toEqual([
      [{ id: '12350', jobTitle: 'Designer' }, true],
      [{ id: '12351', firstName: 'Ada' }, true],
    ]);
  });

  it('takes the tenant from providers.bamboohr.companyId, since the payload names no company', async () => {
    const { changes } = await deliver(bamboohrFixture('fields-terminated.json'), { companyId: 12345 });
    expect(changes[0]?.tenant).toBe('12345');
  });

  it('skips an employee with an action it does not know and queues the rest', async () => {
    const json = JSON.parse(bamboohrFixture('fields-updated.json'));
    json.employees[0].action = 'Rehired';
    const body = JSON.stringify(json);
    const { response, changes } = await deliver(body);
    expect(response.statusCode).toBe(202);
    expect(changes.map((change) => [change.eventId, change.employee.id])).toEqual([
      [`${sha256(body)}#1`, '12346'],
    ]);
  });

  it('also reads a field-based envelope that carries a type, and a list keyed by employee id', async () => {
    const body = JSON.stringify({
      type: 'employee_with_fields.updated',
      employees: {
        12345: { action: 'Updated', fields: { 'Work Email': 'bryony.okafor@example.test' } },
      },
    });
    const { changes } = await deliver(body);
    expect(changes.map((change) => change.employee)).toEqual([
      { id: '12345', workEmail: 'bryony.okafor@example.test' },
    ]);
  });
});
