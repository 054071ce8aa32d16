import { afterEach, describe, expect, it } from 'vitest';
import { makeChange } from '../support/changes.js';
import { sampleUsers } from '../support/fake-heymarket.js';
import { workerAgainstFake } from '../support/worker-against-fake.js';

// Heymarket refuses a whole users/update call for one bad entry: only that user's messages may go to
// the DLQ, and everyone else in the batch is applied.
describe('a batch with one user Heymarket refuses', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(() => close?.());

  it('applies the 49 others and dead-letters only the refused user, as heymarket-rejected', async () => {
    const users = sampleUsers(50);
    const worker = await workerAgainstFake({ users, rejectUserIds: [23] }, { heymarket: { chunkSize: 50 } });
    close = () => worker.fake.close();
    const changes = users.flatMap((user) => {
      const employee = { id: `E${user.id}`, workEmail: user.email, lastName: `Byron${user.id}` };
      const first = makeChange({ eventId: `evt-${user.id}`, employee });
      // The refused user has two messages: both go to the DLQ, with the same reason.
      return user.id === 23
        ? [first, makeChange({ eventId: 'evt-23b', occurredAt: '2026-01-01T10:00:05.000Z', employee })]
        : [first];
    });

    const result = await worker.sync(changes);

    expect(result.summary.patched).toBe(49);
    expect(result.retry).toEqual([]);
    expect(worker.deadLettered).toHaveLength(2);
    for (const { record, reason } of worker.deadLettered) {
      expect(JSON.parse(record.body).employee.id).toBe('E23');
      expect(reason).toMatchObject({ errorClass: 'heymarket-rejected', requestId: expect.any(String) });
    }
    expect(result.summary.deadLettered).toEqual({ 'heymarket-rejected': 2 });
    for (const user of users) {
      expect(worker.fake.users.get(user.id)?.last_name).toBe(user.id === 23 ? 'Lovelace' : `Byron${user.id}`);
    }
    // One lookup, then 50 → 25 → 12 → 6 → 3 → 2 → 1 halving: 1 + 2 per level, at most 2·⌈log2 50⌉ extra.
    const updates = worker.fake.requests.filter((request) => request.path === '/v1/users/update');
    expect(updates).toHaveLength(13);
    expect(worker.fake.requests).toHaveLength(14);
  });
});
