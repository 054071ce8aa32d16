import { afterEach, describe, expect, it } from 'vitest';
import { TtlCache } from '../../lambda/core/ttl-cache.js';
import { makeChange } from '../support/changes.js';
import { workerAgainstFake } from '../support/worker-against-fake.js';

/**
 * A batch reads (`users/get`) only the users whose current state it needs: an employee whose
 * Heymarket id the applied store does not remember, and a user whose role it is about to change (the
 * protected-role rule decides on the role read in the same batch). Through the worker with the real
 * Heymarket client against the loopback fake; each batch runs in a fresh container (no warm email
 * cache), so only the applied store remembers.
 */
const ADA = { id: 301, email: 'ada@example.test', first_name: 'Ada', last_name: 'Lovelace', role_id: 4 };
const ADMIN_ROLE = 1;
const SUPPORT_ROLE = 12;
const config = {
  roles: { rules: [{ match: { department: 'Support' }, roleId: SUPPORT_ROLE }] },
};
const HOUR_MS = 3_600_000;
const at = (minutes: number) => new Date(Date.now() - HOUR_MS + minutes * 60_000).toISOString();
let harness: Awaited<ReturnType<typeof workerAgainstFake>> | undefined;
afterEach(async () => {
  await harness?.fake.close();
  harness = undefined;
});

const change = (eventId: string, minutes: number, employee: { firstName?: string; department?: string }) =>
  makeChange({ eventId, occurredAt: at(minutes), receivedAt: at(minutes), employee });

/** One batch in a new container: the applied store is shared, the email cache is not. */
async function batch(...changes: ReturnType<typeof makeChange>[]) {
  if (!harness) throw new Error('no harness');
  harness.deps.userIds = new TtlCache<string, number>(300_000, Date.now);
  const before = harness.fake.requests.length;
  const result = await harness.sync(changes);
  expect(result.retry).toEqual([]);
  return harness.fake.requests.slice(before).map((request) => request.path);
}

describe('which users a batch looks up', () => {
  it('an employee never resolved is read once, by email, and then remembered', async () => {
    harness = await workerAgainstFake({ users: [ADA] }, config);
    expect(
      await batch(change('evt-1', 1, { firstName: 'Ada' }), change('evt-2', 2, { firstName: 'Augusta' })),
    ).toEqual(['/v1/users/get', '/v1/users/update']);
  });

  it('a names-only change for a remembered employee makes no users/get', async () => {
    harness = await workerAgainstFake({ users: [ADA] }, config);
    await batch(change('evt-1', 1, { firstName: 'Ada' }));

    expect(await batch(change('evt-2', 2, { firstName: 'Augusta' }))).toEqual(['/v1/users/update']);
    expect(harness.fake.users.get(ADA.id)?.first_name).toBe('Augusta');
  });

  it("a role change still reads the user's role in the same batch, for a remembered employee too", async () => {
    harness = await workerAgainstFake({ users: [ADA] }, config);
    await batch(change('evt-1', 1, { firstName: 'Ada' }));

    expect(await batch(change('evt-2', 2, { department: 'Support' }))).toEqual([
      '/v1/users/get',
      '/v1/users/update',
    ]);
    expect(harness.fake.users.get(ADA.id)?.role_id).toBe(SUPPORT_ROLE);
  });

  it('a role change for a remembered user who became an admin is read and withheld', async () => {
    harness = await workerAgainstFake({ users: [ADA] }, config);
    await batch(change('evt-1', 1, { firstName: 'Ada' }));
    // Someone made Ada an admin in Heymarket since: the stored state cannot know it, the read does.
    (harness.fake.users.get(ADA.id) as { role_id: number }).role_id = ADMIN_ROLE;

    expect(await batch(change('evt-2', 2, { department: 'Support' }))).toEqual([
      '/v1/users/get',
      '/v1/users/update',
    ]);
    // The names go out; the role does not (protected-role).
    expect(harness.sentPatches().at(-1)).not.toHaveProperty('role_id');
    expect(harness.fake.users.get(ADA.id)?.role_id).toBe(ADMIN_ROLE);
  });

  it('a role change older than the role already applied makes no users/get and sends nothing', async () => {
    harness = await workerAgainstFake({ users: [ADA] }, config);
    await batch(change('evt-2', 2, { department: 'Support' }));

    // An older event, delivered late: its role is stale, so the role Ada holds is not worth a read.
    const result = await batch(change('evt-1', 1, { department: 'Support' }));
    expect(result).toEqual([]);
    expect(harness.fake.users.get(ADA.id)?.role_id).toBe(SUPPORT_ROLE);
  });
});
