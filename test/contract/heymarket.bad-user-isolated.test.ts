import { afterEach, describe, expect, it } from 'vitest';
import type { UpdateOutcome } from '../../lambda/core/ports.js';
import type { UserPatch } from '../../lambda/core/user-patch.js';
import { clientFor, type FakeHeymarket, sampleUsers, startFakeHeymarket } from '../support/fake-heymarket.js';

// Heymarket refuses a whole users/update call with 400 bad_data when one entry is bad: the client
// splits the refused call until the refused users stand alone, and applies everyone else.
describe('one user Heymarket refuses, in a call of many', () => {
  let fake: FakeHeymarket;
  afterEach(() => fake.close());

  const patches = (count: number): UserPatch[] =>
    Array.from({ length: count }, (_, index) => ({ id: index + 1, last_name: `Byron${index + 1}` }));
  const failedIds = (outcomes: Map<number, UpdateOutcome>) =>
    [...outcomes].filter(([, outcome]) => !outcome.ok).map(([id]) => id);
  /** Calls beyond the first that isolating `bad` refused users of a call of `size` may cost. */
  const extraBound = (bad: number, size: number) => 2 * bad * Math.ceil(Math.log2(size));

  it('applies the 49 others of a 50-user call and rejects only the refused one, in a bounded number of calls', async () => {
    fake = await startFakeHeymarket({ users: sampleUsers(50), rejectUserIds: [17] });
    const { client, logs } = clientFor(fake, { chunkSize: 50 });

    const outcomes = await client.updateUsers(patches(50));

    expect(outcomes.size).toBe(50);
    expect(failedIds(outcomes)).toEqual([17]);
    const rejected = outcomes.get(17);
    expect(rejected).toMatchObject({
      ok: false,
      error: { kind: 'permanent', code: 'heymarket-rejected', details: { status: 400 } },
    });
    const alone = fake.requests.find(
      (request) => JSON.stringify(request.body) === '{"users":[{"id":17,"last_name":"Byron17"}]}',
    );
    expect(alone?.status).toBe(400);
    expect(rejected?.ok === false && rejected.error.details.requestId).toBe(alone?.requestId);
    for (let id = 1; id <= 50; id += 1) {
      expect(fake.users.get(id)?.last_name).toBe(id === 17 ? 'Lovelace' : `Byron${id}`);
    }
    // 50 → 25 → 12 → 6 → 3 → 2 → 1: two calls per level, after the first.
    expect(fake.requests).toHaveLength(13);
    expect(fake.requests.length - 1).toBeLessThanOrEqual(extraBound(1, 50));
    expect(fake.requests.filter((request) => request.status === 400)).toHaveLength(7);
    const refused = logs.filter((line) => line.message === 'heymarket users/update refused');
    expect(refused).toEqual([
      {
        level: 'warn',
        message: 'heymarket users/update refused',
        attributes: { users: 50, rejected: 1, calls: 13 },
      },
    ]);
  });

  it('isolates two refused users of a call and applies the rest', async () => {
    fake = await startFakeHeymarket({ users: sampleUsers(50), rejectUserIds: [3, 44] });
    const { client } = clientFor(fake, { chunkSize: 50 });

    const outcomes = await client.updateUsers(patches(50));

    expect(failedIds(outcomes)).toEqual([3, 44]);
    expect([...outcomes.values()].filter((outcome) => outcome.ok)).toHaveLength(48);
    expect(fake.requests.length - 1).toBeLessThanOrEqual(extraBound(2, 50));
  });

  it('sends each chunk on its own: a refused user costs calls in its chunk only', async () => {
    fake = await startFakeHeymarket({ users: sampleUsers(120), rejectUserIds: [60] });
    const { client } = clientFor(fake, { chunkSize: 50 });

    const outcomes = await client.updateUsers(patches(120));

    expect(failedIds(outcomes)).toEqual([60]);
    const sizes = fake.requests.map((request) => (request.body as { users: unknown[] }).users.length);
    expect(sizes.slice(0, 1)).toEqual([50]);
    expect(sizes.at(-1)).toBe(20);
    expect(fake.requests.length - 3).toBeLessThanOrEqual(extraBound(1, 50));
  });

  it('rejects every user of a call whose every user is refused, in at most 2n - 1 calls', async () => {
    fake = await startFakeHeymarket({ users: sampleUsers(4), rejectUserIds: [1, 2, 3, 4] });
    const { client } = clientFor(fake);

    const outcomes = await client.updateUsers(patches(4));

    expect(failedIds(outcomes)).toEqual([1, 2, 3, 4]);
    expect(fake.requests).toHaveLength(7);
  });

  it('sends each split call through the rate budget', async () => {
    fake = await startFakeHeymarket({ users: sampleUsers(8), rejectUserIds: [5] });
    let now = Date.now();
    const waits: number[] = [];
    const { client } = clientFor(fake, {
      rateLimit: { perMinute: 60, burst: 1 },
      now: () => now,
      sleep: async (ms) => {
        waits.push(ms);
        now += ms;
      },
    });

    await client.updateUsers(patches(8));

    // 8 → 4 → 2 → 1: seven calls, one a second once the burst of one is spent.
    expect(fake.requests).toHaveLength(7);
    expect(waits).toEqual([1_000, 1_000, 1_000, 1_000, 1_000, 1_000]);
  });

  it('stops splitting at the deadline: users not yet sent are left to a retry, not rejected', async () => {
    fake = await startFakeHeymarket({ users: sampleUsers(16), rejectUserIds: [16] });
    const start = Date.now();
    let now = start;
    // Every call takes a second on the client's clock.
    fake.inject(() => {
      now += 1_000;
      return undefined;
    });
    const { client } = clientFor(fake, { now: () => now });

    const outcomes = await client.updateUsers(patches(16), { deadline: start + 2_500 });

    expect(fake.requests).toHaveLength(3);
    expect(outcomes.size).toBe(16);
    for (let id = 1; id <= 8; id += 1)
      expect(outcomes.get(id)).toEqual({
        ok: true,
        requestId: fake.requests[1]?.requestId,
        email: `user${id}@example.test`,
      });
    for (let id = 9; id <= 16; id += 1) {
      expect(outcomes.get(id)).toMatchObject({ ok: false, error: { kind: 'transient', code: 'deadline' } });
    }
  });

  it('never sends a patch whose id is no Heymarket user id', async () => {
    fake = await startFakeHeymarket({ users: sampleUsers(2) });
    const { client } = clientFor(fake);
    const bad = [0, -1, 1.5, 2 ** 53, Number.NaN];

    const outcomes = await client.updateUsers([
      { id: 1, last_name: 'Byron' },
      ...bad.map((id) => ({ id, last_name: 'X' })),
    ]);

    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]?.body).toEqual({ users: [{ id: 1, last_name: 'Byron' }] });
    for (const id of bad) {
      expect(outcomes.get(id)).toMatchObject({
        ok: false,
        error: { kind: 'permanent', code: 'invalid-user-id' },
      });
    }
  });
});
