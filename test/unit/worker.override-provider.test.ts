import { afterEach, describe, expect, it } from 'vitest';
import { makeChange } from '../support/changes.js';
import { sampleUsers } from '../support/fake-heymarket.js';
import { workerAgainstFake } from '../support/worker-against-fake.js';

// HR systems number their employees independently: BambooHR's employee 7 and Personio's person 7 are
// different people, and an override names one of them.
describe('an identity override of bamboohr:7', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(() => close?.());

  const setUp = async () => {
    const worker = await workerAgainstFake(
      { users: sampleUsers(9) },
      {
        providers: { bamboohr: { enabled: true }, personio: { enabled: true } },
        identityOverrides: { 'bamboohr:7': 7 },
        roles: { defaultRoleId: 6 },
        termination: { action: 'move-to-role', roleId: 5 },
      },
    );
    close = () => worker.fake.close();
    return worker;
  };
  const deleted = (provider: 'bamboohr' | 'personio') =>
    makeChange({ provider, type: 'employee.deleted', employee: { id: '7', workEmail: undefined } });

  it('does not move user 7 for a Personio person.deleted of person 7', async () => {
    const worker = await setUp();

    const result = await worker.sync([deleted('personio')]);

    expect(worker.fake.users.get(7)?.role_id).toBe(4);
    expect(worker.sentPatches()).toEqual([]);
    expect(result.summary.patched).toBe(0);
    expect(worker.deadLettered.map(({ reason }) => reason.errorClass)).toEqual(['no-work-email']);
  });

  it('moves user 7 for a BambooHR deletion of employee 7, its current role read by work email', async () => {
    const worker = await setUp();

    await worker.sync([
      makeChange({
        provider: 'bamboohr',
        type: 'employee.deleted',
        employee: { id: '7', workEmail: 'user7@example.test' },
      }),
    ]);

    expect(worker.sentPatches()).toEqual([{ id: 7, role_id: 5 }]);
    expect(worker.fake.users.get(7)?.role_id).toBe(5);
  });

  // BambooHR's and Personio's deletions carry the employee id and nothing else.
  it('moves user 7 for a BambooHR deletion with no work email, its role read by the email Heymarket answered with before', async () => {
    const worker = await setUp();
    await worker.sync([
      makeChange({
        provider: 'bamboohr',
        eventId: 'renamed',
        employee: { id: '7', workEmail: 'user7@example.test', firstName: 'Grace', department: 'Sales' },
      }),
    ]);
    expect(worker.fake.users.get(7)?.role_id).toBe(6);

    const result = await worker.sync([deleted('bamboohr')]);

    expect(worker.sentPatches().at(-1)).toEqual({ id: 7, role_id: 5 });
    expect(worker.fake.users.get(7)?.role_id).toBe(5);
    expect(result.summary.skipped).toEqual({});
  });

  it('sets the role of user 7 whose HR email is not its Heymarket email, once a names patch told the email', async () => {
    const worker = await setUp();
    const change = (eventId: string, occurredAt: string, firstName: string) =>
      makeChange({
        provider: 'bamboohr',
        eventId,
        occurredAt,
        employee: { id: '7', workEmail: 'grace@hr.example.test', firstName, department: 'Sales' },
      });
    const first = await worker.sync([change('first', '2026-01-01T10:00:00Z', 'Grace')]);
    expect(first.summary.skipped['role-unverified']).toBe(1);
    expect(worker.fake.users.get(7)?.role_id).toBe(4);

    const second = await worker.sync([change('second', '2026-01-02T10:00:00Z', 'Gracie')]);

    expect(second.summary.skipped).toEqual({});
    expect(worker.fake.users.get(7)?.role_id).toBe(6);
    const reads = worker.fake.requests.filter((request) => request.path === '/v1/users/get');
    expect(reads.at(-1)?.body).toEqual({ email: ['grace@hr.example.test', 'user7@example.test'] });
  });

  it('renames user 7 for a BambooHR change of employee 7 with no work email, and leaves its unread role', async () => {
    const worker = await setUp();

    const result = await worker.sync([
      makeChange({
        provider: 'bamboohr',
        employee: { id: '7', workEmail: undefined, firstName: 'Grace', department: 'Sales' },
      }),
    ]);

    expect(worker.sentPatches()).toEqual([{ id: 7, first_name: 'Grace', last_name: 'Lovelace' }]);
    expect(worker.fake.users.get(7)?.role_id).toBe(4);
    expect(result.summary.skipped['role-unverified']).toBe(1);
  });
});
