import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { permanent } from '../../lambda/core/errors.js';
import { clientFor, type FakeHeymarket, sampleUsers, startFakeHeymarket } from '../support/fake-heymarket.js';

describe('a Heymarket secret that cannot be read', () => {
  let fake: FakeHeymarket;
  beforeEach(async () => {
    fake = await startFakeHeymarket({ users: sampleUsers(2) });
  });
  afterEach(() => fake.close());

  const unreadable = async () => {
    throw permanent('secret-invalid', 'secret hr-sync/heymarket: apiSecretKey is missing');
  };

  it('fails each user transiently, so the changes wait on the queue instead of the DLQ', async () => {
    const { client } = clientFor(fake, { credentials: unreadable });
    const outcomes = await client.updateUsers([{ id: 1, first_name: 'A' }]);
    expect(outcomes.get(1)).toMatchObject({
      ok: false,
      error: {
        kind: 'transient',
        code: 'secret-invalid',
        message: 'secret hr-sync/heymarket: apiSecretKey is missing',
      },
    });
    expect(fake.requests).toEqual([]);
  });

  it('fails a lookup transiently too', async () => {
    const { client } = clientFor(fake, { credentials: unreadable });
    await expect(client.findUsersByEmail(['user1@example.test'])).rejects.toMatchObject({
      kind: 'transient',
      code: 'secret-invalid',
    });
  });
});
