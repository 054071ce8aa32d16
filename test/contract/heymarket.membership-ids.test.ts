import { afterEach, describe, expect, it } from 'vitest';
import { clientFor, type FakeHeymarket, startFakeHeymarket } from '../support/fake-heymarket.js';

// GET /v1/users/get: a membership whose id is no positive safe integer is not a user the client can
// patch; it is left out (not found), and the others are used.
describe('looking users up when Heymarket answers an unusable membership id', () => {
  let fake: FakeHeymarket;
  afterEach(() => fake.close());

  it('leaves out memberships with id 0, -1, 2^53 or 1.5, keeps the rest, and logs the count only', async () => {
    const ids = [0, -1, 2 ** 53, 1.5, 42];
    fake = await startFakeHeymarket({
      users: ids.map((id, index) => ({
        id,
        email: `user${index}@example.test`,
        first_name: 'A',
        last_name: 'B',
      })),
    });
    const { client, logs } = clientFor(fake);

    const found = await client.findUsersByEmail(ids.map((_, index) => `user${index}@example.test`));

    expect([...found.keys()]).toEqual(['user4@example.test']);
    expect(found.get('user4@example.test')?.id).toBe(42);
    expect(logs.filter((line) => line.message === 'heymarket memberships ignored')).toEqual([
      {
        level: 'warn',
        message: 'heymarket memberships ignored',
        attributes: { method: 'GET', path: '/v1/users/get', ignored: 4 },
      },
    ]);
  });

  it('answers a memberships list that is not a list as a transient bad response, as before', async () => {
    fake = await startFakeHeymarket();
    fake.inject({ kind: 'status', status: 200, body: '{"memberships":{"id":1}}' }, 3);
    const { client } = clientFor(fake);

    await expect(client.findUsersByEmail(['a@example.test'])).rejects.toMatchObject({
      kind: 'transient',
      code: 'heymarket-bad-response',
    });
  });
});
