import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mergeFixture } from '../support/fake-merge.js';
import { deliverTo } from '../support/provider-cases/index.js';
import { merge } from '../support/provider-cases/merge.js';

// The day of the inactive fixture's termination date, so "today" and "past" can both be tried.
const NOW = Date.parse('2026-02-05T18:00:00.000Z');
const KATHERINE = '2b7e9c1d-4f3a-4e8b-9a6c-1d2e3f4a5b6c';
const sha256 = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');

async function deliver(body: string) {
  const { response, messages } = await deliverTo(merge, body);
  expect(response.statusCode).toBe(202);
  const [message, ...rest] = messages;
  expect(rest).toEqual([]);
  return message?.body;
}

/** The changed fixture with these Employee fields replaced. */
const changed = (data: Record<string, unknown>, event = 'Employee.changed') => {
  const json = JSON.parse(mergeFixture('employee-changed.json'));
  return JSON.stringify({ ...json, hook: { ...json.hook, event }, data: { ...json.data, ...data } });
};

describe('a Merge delivery about a leaver', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
  });
  afterEach(() => vi.useRealTimers());

  it('turns employment_status INACTIVE into employee.terminated, carrying the work email to find the user', async () => {
    const body = mergeFixture('employee-changed-inactive.json');
    expect(await deliver(body)).toEqual({
      v: 1,
      provider: 'merge',
      tenant: '6f1b7a52-3c1e-4f0a-9d2b-7a9e1c4b5d60',
      eventId: sha256(body),
      type: 'employee.terminated',
      occurredAt: '2026-02-05T17:00:00.000Z',
      receivedAt: new Date(NOW).toISOString(),
      employee: {
        id: KATHERINE,
        workEmail: 'katherine.johnson@example.test',
        firstName: 'Katherine',
        lastName: 'Johnson',
        jobTitle: 'Research Mathematician',
        department: 'Engineering',
        status: 'terminated',
      },
      needsEnrichment: false,
    });
  });

  it('turns Employee.removed into employee.deleted, never to be read again', async () => {
    // Removed the next morning: received just after it (a time ahead of the clock is refused).
    vi.setSystemTime(Date.parse('2026-02-06T07:45:02.000Z'));
    const change = await deliver(mergeFixture('employee-removed.json'));
    expect(change).toMatchObject({
      type: 'employee.deleted',
      occurredAt: '2026-02-06T07:45:00.000Z',
      employee: { id: KATHERINE, workEmail: 'katherine.johnson@example.test', status: 'terminated' },
      needsEnrichment: false,
    });
  });

  it('takes an Employee.removed that carries the id only, without enrichment', async () => {
    const json = JSON.parse(mergeFixture('employee-removed.json'));
    const change = await deliver(JSON.stringify({ ...json, data: { id: KATHERINE } }));
    expect(change).toMatchObject({
      type: 'employee.deleted',
      employee: { id: KATHERINE, status: 'terminated' },
      needsEnrichment: false,
    });
  });

  it('turns remote_was_deleted on an Employee.changed into employee.terminated', async () => {
    const change = await deliver(changed({ remote_was_deleted: true }));
    expect(change).toMatchObject({ type: 'employee.terminated', employee: { status: 'terminated' } });
  });

  it.each([
    ['today', '2026-02-05T00:00:00Z'],
    ['in the past', '2026-02-03T00:00:00Z'],
    ['today, as a bare date', '2026-02-05'],
  ])('treats a termination date %s as terminated, even while still ACTIVE', async (_, date) => {
    const change = await deliver(changed({ employment_status: 'ACTIVE', termination_date: date }));
    expect(change).toMatchObject({ type: 'employee.terminated', employee: { status: 'terminated' } });
  });

  it('leaves an employee with a termination date tomorrow active', async () => {
    const change = await deliver(changed({ termination_date: '2026-02-06T00:00:00Z' }));
    expect(change).toMatchObject({ type: 'employee.updated', employee: { status: 'active' } });
  });

  it('leaves a rehire active: ACTIVE with a start date after the old termination date', async () => {
    const change = await deliver(
      changed({
        employment_status: 'ACTIVE',
        termination_date: '2025-06-30T00:00:00Z',
        start_date: '2026-01-05T00:00:00Z',
      }),
    );
    expect(change).toMatchObject({ type: 'employee.updated', employee: { status: 'active' } });
  });

  it('reads PENDING (hired, not started) as inactive, not terminated', async () => {
    const change = await deliver(changed({ employment_status: 'PENDING' }, 'Employee.added'));
    expect(change).toMatchObject({ type: 'employee.created', employee: { status: 'inactive' } });
  });

  it('reads the status whatever its case, and leaves an unknown one out', async () => {
    expect(await deliver(changed({ employment_status: 'inactive' }))).toMatchObject({
      type: 'employee.terminated',
    });
    const unknown = await deliver(changed({ employment_status: 'ON_LEAVE' }));
    expect(unknown.type).toBe('employee.updated');
    expect(unknown.employee).not.toHaveProperty('status');
  });

  it('does not read a leaver again because its employments came as ids: the title does not matter any more', async () => {
    const change = await deliver(
      changed({ employment_status: 'INACTIVE', employments: ['c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f'] }),
    );
    expect(change).toMatchObject({ type: 'employee.terminated', needsEnrichment: false });
  });

  it('reads a leaver the delivery names by id only, keeping it a termination', async () => {
    const json = JSON.parse(mergeFixture('employee-changed.json'));
    const body = JSON.stringify({ ...json, data: { id: KATHERINE, employment_status: 'INACTIVE' } });
    expect(await deliver(body)).toMatchObject({
      type: 'employee.terminated',
      employee: { id: KATHERINE, status: 'terminated' },
      needsEnrichment: true,
    });
  });
});
