import { afterEach, describe, expect, it } from 'vitest';
import { makeChange } from '../support/changes.js';
import { sampleUsers } from '../support/fake-heymarket.js';
import { workerAgainstFake } from '../support/worker-against-fake.js';

// A Personio `person.deleted` or a BambooHR `employee.deleted` names the employee by id only: the
// user is the one the applied store remembers, and its current role is read by the email Heymarket
// answered with for that user, since `users/get` finds users by email only.
describe('a deletion that carries no work email', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(() => close?.());

  const setUp = async () => {
    const worker = await workerAgainstFake(
      { users: sampleUsers(3) },
      {
        providers: { personio: { enabled: true } },
        roles: { defaultRoleId: 6 },
        termination: { action: 'move-to-role', roleId: 5 },
      },
    );
    close = () => worker.fake.close();
    return worker;
  };
  const renamed = makeChange({
    provider: 'personio',
    eventId: 'renamed',
    occurredAt: '2026-01-01T10:00:00Z',
    employee: { id: '3', workEmail: 'USER3@example.test', firstName: 'Grace' },
  });
  const deleted = makeChange({
    provider: 'personio',
    eventId: 'deleted',
    type: 'employee.deleted',
    occurredAt: '2026-01-02T10:00:00Z',
    employee: { id: '3', workEmail: undefined },
  });

  it('moves the user an earlier change resolved to the termination role', async () => {
    const worker = await setUp();
    await worker.sync([renamed]);

    const result = await worker.sync([deleted]);

    expect(worker.sentPatches().at(-1)).toEqual({ id: 3, role_id: 5 });
    expect(worker.fake.users.get(3)?.role_id).toBe(5);
    expect(result.summary.skipped).toEqual({});
  });

  it('keeps the role when the email now finds another user: only a read of the same id counts', async () => {
    const worker = await setUp();
    await worker.sync([renamed]);
    const user3 = worker.fake.users.get(3);
    const user2 = worker.fake.users.get(2);
    if (!user3 || !user2) throw new Error('sample users missing');
    [user3.email, user2.email] = [user2.email, user3.email];

    const result = await worker.sync([deleted]);

    expect(worker.fake.users.get(3)?.role_id).toBe(4);
    expect(worker.fake.users.get(2)?.role_id).toBe(4);
    expect(result.summary.skipped['role-unverified']).toBe(1);
  });

  it('never writes the remembered email to a log', async () => {
    const worker = await setUp();
    await worker.sync([renamed]);
    await worker.sync([deleted]);

    expect(JSON.stringify(worker.logs)).not.toMatch(/user3@/i);
  });
});
