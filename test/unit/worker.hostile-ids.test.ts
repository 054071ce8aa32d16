import { afterEach, describe, expect, it } from 'vitest';
import { makeChange } from '../support/changes.js';
import { sampleUsers } from '../support/fake-heymarket.js';
import { workerAgainstFake } from '../support/worker-against-fake.js';

const HOSTILE = ['__proto__', 'constructor', 'toString', 'hasOwnProperty'];

// An HR employee id is outside data: named like a built-in property, it must still resolve to the
// user its work email (or its own override) names, and never to what every object inherits.
describe('employee ids named like built-in properties, through the worker and the real client', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(() => close?.());

  it('patch the user of their work email, with an id, and take no one else down', async () => {
    const users = sampleUsers(8);
    const worker = await workerAgainstFake({ users }, { identityOverrides: { 'standard:E-other': 8 } });
    close = () => worker.fake.close();
    const changes = users.slice(0, 6).map((user, index) =>
      makeChange({
        eventId: `evt-${index}`,
        employee: { id: HOSTILE[index] ?? `E${user.id}`, workEmail: user.email, lastName: `Byron${user.id}` },
      }),
    );

    const result = await worker.sync(changes);

    expect(worker.deadLettered).toEqual([]);
    expect(result.retry).toEqual([]);
    expect(result.summary.patched).toBe(6);
    expect(worker.sentPatches().map((patch) => patch.id)).toEqual([1, 2, 3, 4, 5, 6]);
    for (const user of users) {
      expect(worker.fake.users.get(user.id)?.last_name).toBe(user.id <= 6 ? `Byron${user.id}` : 'Lovelace');
    }
  });

  it.each(HOSTILE)('dead-letter %s without a work email, and send nothing for it', async (id) => {
    const worker = await workerAgainstFake({ users: sampleUsers(2) });
    close = () => worker.fake.close();
    const hostile = makeChange({ eventId: 'evt-h', employee: { id, workEmail: undefined } });
    const other = makeChange({ eventId: 'evt-o', employee: { id: 'E2', workEmail: 'user2@example.test' } });

    const result = await worker.sync([hostile, other]);

    expect(worker.deadLettered.map(({ reason }) => reason.errorClass)).toEqual(['no-work-email']);
    expect(result.summary.patched).toBe(1);
    expect(worker.sentPatches()).toEqual([{ id: 2, first_name: 'Ada', last_name: 'Lovelace' }]);
  });

  it('find their own provider-qualified override', async () => {
    const worker = await workerAgainstFake(
      { users: sampleUsers(3) },
      { identityOverrides: { 'standard:constructor': 3 } },
    );
    close = () => worker.fake.close();

    await worker.sync([makeChange({ employee: { id: 'constructor', workEmail: 'user1@example.test' } })]);

    expect(worker.sentPatches()).toEqual([{ id: 3, first_name: 'Ada', last_name: 'Lovelace' }]);
    expect(worker.fake.requests.map((request) => request.path)).toEqual(['/v1/users/update']);
  });
});
