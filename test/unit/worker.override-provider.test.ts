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
