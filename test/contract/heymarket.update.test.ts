import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { UserPatch } from '../../lambda/core/user-patch.js';
import { clientFor, type FakeHeymarket, sampleUsers, startFakeHeymarket } from '../support/fake-heymarket.js';

// POST /v1/users/update (https://developers.heymarket.com): chunked, documented fields only, results matched by id.
describe('updating users', () => {
  let fake: FakeHeymarket;
  beforeEach(async () => {
    fake = await startFakeHeymarket({ users: sampleUsers(130) });
  });
  afterEach(() => fake.close());

  const patches = (count: number): UserPatch[] =>
    Array.from({ length: count }, (_, index) => ({ id: index + 1, last_name: `Byron${index + 1}` }));

  it('sends 120 patches with chunk size 50 as three calls of 50, 50 and 20', async () => {
    const { client } = clientFor(fake, { chunkSize: 50 });
    const outcomes = await client.updateUsers(patches(120));
    expect(
      fake.requests.map((r) => [r.method, r.path, (r.body as { users: unknown[] }).users.length]),
    ).toEqual([
      ['POST', '/v1/users/update', 50],
      ['POST', '/v1/users/update', 50],
      ['POST', '/v1/users/update', 20],
    ]);
    expect(outcomes.size).toBe(120);
    expect([...outcomes.values()].every((outcome) => outcome.ok)).toBe(true);
  });

  // The email is kept to read the user's role later, when a change carries none (a deletion).
  it('reports each user ok with the X-Request-Id of the call that carried it and the email Heymarket holds', async () => {
    const { client } = clientFor(fake, { chunkSize: 2 });
    const outcomes = await client.updateUsers(patches(3));
    const [first, second] = fake.requests;
    expect(outcomes.get(1)).toEqual({ ok: true, requestId: first?.requestId, email: 'user1@example.test' });
    expect(outcomes.get(2)).toEqual({ ok: true, requestId: first?.requestId, email: 'user2@example.test' });
    expect(outcomes.get(3)).toEqual({ ok: true, requestId: second?.requestId, email: 'user3@example.test' });
  });

  it('applies the fields in Heymarket', async () => {
    const { client } = clientFor(fake);
    await client.updateUsers([
      { id: 7, first_name: 'Grace', last_name: 'Hopper' },
      { id: 8, role_id: 1 },
    ]);
    expect(fake.users.get(7)).toMatchObject({
      first_name: 'Grace',
      last_name: 'Hopper',
      name: 'Grace Hopper',
    });
    expect(fake.users.get(8)).toMatchObject({ role_id: 1, name: 'Ada8 Lovelace' });
  });

  it('sends only the documented fields, whatever else the patch object carries', async () => {
    const { client } = clientFor(fake);
    const withExtra = { id: 3, role_id: 4, email: 'x@example.test', active: false } as UserPatch;
    const outcomes = await client.updateUsers([withExtra]);
    expect(fake.requests[0]?.body).toEqual({ users: [{ id: 3, role_id: 4 }] });
    expect(outcomes.get(3)?.ok).toBe(true);
  });

  it('matches by id: an id missing from the answer is a permanent failure of that user only', async () => {
    const { client } = clientFor(fake);
    const outcomes = await client.updateUsers([
      { id: 5, role_id: 4 },
      { id: 9_999, role_id: 4 },
      { id: 6, role_id: 4 },
    ]);
    const requestId = fake.requests[0]?.requestId;
    expect(outcomes.get(5)).toEqual({ ok: true, requestId, email: 'user5@example.test' });
    expect(outcomes.get(6)).toEqual({ ok: true, requestId, email: 'user6@example.test' });
    const missing = outcomes.get(9_999);
    expect(missing).toMatchObject({
      ok: false,
      error: { kind: 'permanent', code: 'heymarket-unknown-id', details: { requestId, status: 200 } },
    });
    expect(missing?.ok === false && missing.error.message).toContain('9999');
  });

  it('does not rely on the order of the answer', async () => {
    const { client } = clientFor(fake);
    const outcomes = await client.updateUsers([
      { id: 2, role_id: 4 },
      { id: 1, role_id: 4 },
    ]);
    expect(outcomes.get(1)?.ok).toBe(true);
    expect(outcomes.get(2)?.ok).toBe(true);
  });

  it('gives a failure of one chunk that is not about its data to every id of that chunk and still sends the others', async () => {
    const { client } = clientFor(fake, { chunkSize: 50 });
    fake.inject((call) => (call.index === 1 ? { kind: 'status', status: 403 } : undefined));
    const outcomes = await client.updateUsers(patches(120));
    expect(fake.requests).toHaveLength(3);
    const failed = [...outcomes].filter(([, outcome]) => !outcome.ok).map(([id]) => id);
    expect(failed).toEqual(Array.from({ length: 50 }, (_, index) => 51 + index));
    expect(outcomes.get(51)).toMatchObject({
      ok: false,
      error: { kind: 'permanent', code: 'heymarket-403', details: { status: 403 } },
    });
    expect(outcomes.get(1)?.ok).toBe(true);
    expect(outcomes.get(120)?.ok).toBe(true);
  });

  it('calls nothing for no patches', async () => {
    const { client } = clientFor(fake);
    expect((await client.updateUsers([])).size).toBe(0);
    expect(fake.requests).toHaveLength(0);
  });

  it('logs the request id, status, chunk size and latency of each call, and no name', async () => {
    const { client, logs } = clientFor(fake);
    await client.updateUsers([{ id: 4, first_name: 'Grace', last_name: 'Hopper' }]);
    expect(logs).toEqual([
      {
        level: 'info',
        message: 'heymarket call',
        attributes: {
          method: 'POST',
          path: '/v1/users/update',
          chunkSize: 1,
          attempt: 1,
          status: 200,
          requestId: fake.requests[0]?.requestId,
          latencyMs: expect.any(Number),
        },
      },
    ]);
    expect(JSON.stringify(logs)).not.toMatch(/Grace|Hopper|example\.test/);
  });
});
