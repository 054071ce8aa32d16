import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clientFor, type FakeHeymarket, sampleUsers, startFakeHeymarket } from '../support/fake-heymarket.js';

// A JWT per request, signed with ID||KEY, dead 5 minutes after iat; a team can rotate its secret
// (https://developers.heymarket.com), so a 401 earns exactly one forced refetch of the secret.
describe('authentication', () => {
  let clock: number;
  let fake: FakeHeymarket;
  beforeEach(async () => {
    clock = Date.UTC(2026, 0, 31, 18, 42, 0);
    fake = await startFakeHeymarket({ users: sampleUsers(5), now: () => clock });
  });
  afterEach(() => fake.close());

  const rotated = { apiSecretId: 'rotated-id', apiSecretKey: 'rotated-key' };

  it('sends a bearer JWT that Heymarket accepts, with only iss and iat', async () => {
    const { client } = clientFor(fake, { now: () => clock });
    await client.updateUsers([{ id: 1, role_id: 4 }]);
    expect(fake.requests[0]?.auth).toEqual({
      ok: true,
      iss: 'test-secret-id',
      iat: clock / 1000,
      claims: { iss: 'test-secret-id', iat: clock / 1000 },
    });
  });

  it('reuses a token within 4 minutes and replaces it before Heymarket would refuse it', async () => {
    const { client } = clientFor(fake, { now: () => clock });
    await client.updateUsers([{ id: 1, role_id: 4 }]);
    clock += 3 * 60_000;
    await client.updateUsers([{ id: 1, role_id: 4 }]);
    clock += 2 * 60_000;
    await client.updateUsers([{ id: 1, role_id: 4 }]);
    const tokens = fake.requests.map((r) => r.headers.authorization);
    expect(tokens[1]).toBe(tokens[0]);
    expect(tokens[2]).not.toBe(tokens[0]);
    expect(fake.requests.map((r) => r.status)).toEqual([200, 200, 200]);
  });

  it('after a rotation, refetches the secret once on a 401 and succeeds', async () => {
    const harness = clientFor(fake, { now: () => clock });
    await harness.client.updateUsers([{ id: 1, role_id: 4 }]);
    fake.rotateSecret(rotated.apiSecretId, rotated.apiSecretKey);
    harness.secretsManager = rotated;

    const outcomes = await harness.client.updateUsers([{ id: 2, role_id: 1 }]);
    expect(outcomes.get(2)).toEqual({
      ok: true,
      requestId: fake.requests[2]?.requestId,
      email: 'user2@example.test',
    });
    expect(fake.requests.map((r) => r.status)).toEqual([200, 401, 200]);
    expect(fake.requests[2]?.auth).toMatchObject({ ok: true, iss: 'rotated-id' });
    expect(harness.credentialCalls.filter((call) => call.forceRefresh)).toHaveLength(1);
    expect(harness.sleeps).toEqual([]);
  });

  it('reports an auth failure when the refetched secret is refused too, without retrying further', async () => {
    fake.rotateSecret(rotated.apiSecretId, rotated.apiSecretKey);
    const harness = clientFor(fake, { now: () => clock });
    const outcome = (await harness.client.updateUsers([{ id: 1, role_id: 4 }])).get(1);
    expect(outcome).toMatchObject({
      ok: false,
      error: {
        kind: 'auth',
        code: 'heymarket-401',
        details: { status: 401, requestId: fake.requests[1]?.requestId },
      },
    });
    expect(fake.requests).toHaveLength(2);
    expect(harness.credentialCalls).toEqual([{ forceRefresh: false }, { forceRefresh: true }]);
  });

  it('gives the auth failure to later chunks without calling Heymarket for them', async () => {
    fake.rotateSecret(rotated.apiSecretId, rotated.apiSecretKey);
    const { client } = clientFor(fake, { now: () => clock, chunkSize: 2 });
    const outcomes = await client.updateUsers([1, 2, 3, 4, 5].map((id) => ({ id, role_id: 4 })));
    expect(fake.requests).toHaveLength(2);
    expect([...outcomes.values()].map((outcome) => !outcome.ok && outcome.error.code)).toEqual(
      Array(5).fill('heymarket-401'),
    );
  });

  it('throws an auth failure from a lookup refused twice', async () => {
    fake.rotateSecret(rotated.apiSecretId, rotated.apiSecretKey);
    const { client } = clientFor(fake, { now: () => clock });
    await expect(client.findUsersByEmail(['user1@example.test'])).rejects.toMatchObject({
      kind: 'auth',
      code: 'heymarket-401',
    });
  });

  it('puts no secret, token or email in the auth failure or the logs', async () => {
    fake.rotateSecret(rotated.apiSecretId, rotated.apiSecretKey);
    const { client, logs } = clientFor(fake, { now: () => clock });
    const error = await client.findUsersByEmail(['user1@example.test']).catch((e: Error) => e);
    const token = String(fake.requests[0]?.headers.authorization).replace('Bearer ', '');
    const seen = `${(error as Error).message} ${JSON.stringify(logs)}`;
    for (const secret of ['test-secret-id', 'test-secret-key', token, 'user1@example.test']) {
      expect(seen).not.toContain(secret);
    }
  });

  it('is refused by Heymarket with a token older than 5 minutes (the fake checks iat)', async () => {
    const { client } = clientFor(fake, { now: () => clock - 5 * 60_000 - 1_000 });
    const outcome = (await client.updateUsers([{ id: 1, role_id: 4 }])).get(1);
    expect(outcome).toMatchObject({ ok: false, error: { kind: 'auth' } });
    expect(fake.requests[0]?.auth).toEqual({ ok: false, reason: 'token older than 5 minutes' });
  });
});
