import { afterEach, describe, expect, it } from 'vitest';
import { makeChange } from '../support/changes.js';
import { workerAgainstFake } from '../support/worker-against-fake.js';

const BAD_IDS = [0, -1, 2 ** 53, 1.5];

// A users/get membership id is what users/update takes: one that is no positive safe integer could
// only patch the wrong user or none, so the membership counts as not found.
describe('users/get memberships whose id is no Heymarket user id', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(() => close?.());

  it('never reach a patch: their changes are dead-lettered as unknown-email, the others applied', async () => {
    const users = [...BAD_IDS, 42].map((id, index) => ({
      id,
      email: `user${index}@example.test`,
      first_name: `Ada${index}`,
      last_name: 'Lovelace',
    }));
    const worker = await workerAgainstFake({ users });
    close = () => worker.fake.close();
    const changes = users.map((user, index) =>
      makeChange({ eventId: `evt-${index}`, employee: { id: `E${index}`, workEmail: user.email } }),
    );

    const result = await worker.sync(changes);

    expect(worker.sentPatches()).toEqual([{ id: 42, first_name: 'Ada', last_name: 'Lovelace' }]);
    expect(result.summary.patched).toBe(1);
    expect(worker.deadLettered.map(({ reason }) => reason.errorClass)).toEqual(
      BAD_IDS.map(() => 'unknown-email'),
    );
    expect(result.retry).toEqual([]);
  });
});
