import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SyncError } from '../../lambda/core/errors.js';
import { clientFor, type FakeHeymarket, sampleUsers, startFakeHeymarket } from '../support/fake-heymarket.js';

// GET /v1/users/get takes a JSON body on a GET (https://developers.heymarket.com); the membership id is what users/update takes.
describe('finding users by email', () => {
  let fake: FakeHeymarket;
  beforeEach(async () => {
    fake = await startFakeHeymarket({
      users: [
        ...sampleUsers(130),
        { id: 500, email: 'Mixed.Case@Example.TEST', first_name: 'Mixed', last_name: 'Case' },
      ],
    });
  });
  afterEach(() => fake.close());

  it('sends a GET with a JSON body of lower-cased, deduplicated emails', async () => {
    const { client } = clientFor(fake);
    await client.findUsersByEmail(['User1@Example.TEST', 'user1@example.test', ' user2@example.test ']);
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]).toMatchObject({
      method: 'GET',
      path: '/v1/users/get',
      body: { email: ['user1@example.test', 'user2@example.test'] },
    });
    expect(fake.requests[0]?.headers['content-type']).toBe('application/json');
  });

  it('returns the memberships keyed by lower-cased email, leaving out emails with no user', async () => {
    const { client } = clientFor(fake);
    const found = await client.findUsersByEmail([
      'user3@example.test',
      'nobody@example.test',
      'mixed.case@example.test',
    ]);
    expect([...found.keys()].sort()).toEqual(['mixed.case@example.test', 'user3@example.test']);
    expect(found.get('user3@example.test')).toMatchObject({ id: 3, role_id: 4 });
    expect(found.get('mixed.case@example.test')?.id).toBe(500);
  });

  it('looks up 120 emails with chunk size 50 in three calls', async () => {
    const { client } = clientFor(fake, { chunkSize: 50 });
    const emails = Array.from({ length: 120 }, (_, index) => `user${index + 1}@example.test`);
    const found = await client.findUsersByEmail(emails);
    expect(fake.requests.map((r) => (r.body as { email: string[] }).email.length)).toEqual([50, 50, 20]);
    expect(found.size).toBe(120);
  });

  it('calls nothing for no emails', async () => {
    const { client } = clientFor(fake);
    expect((await client.findUsersByEmail([])).size).toBe(0);
    expect(fake.requests).toHaveLength(0);
  });

  it('throws a SyncError with the status and request id when the lookup fails', async () => {
    fake.inject({ kind: 'status', status: 403 });
    const { client } = clientFor(fake);
    const error = await client.findUsersByEmail(['user1@example.test']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SyncError);
    expect(error).toMatchObject({
      kind: 'permanent',
      code: 'heymarket-403',
      details: { status: 403, requestId: fake.requests[0]?.requestId },
    });
    expect((error as Error).message).not.toContain('example.test');
  });

  it('throws when any chunk fails, even after others succeeded', async () => {
    fake.inject((call) => (call.index === 1 ? { kind: 'status', status: 400 } : undefined));
    const { client } = clientFor(fake, { chunkSize: 1 });
    await expect(client.findUsersByEmail(['user1@example.test', 'user2@example.test'])).rejects.toMatchObject(
      {
        code: 'heymarket-400',
      },
    );
  });

  it('logs the chunk size but never an email', async () => {
    const { client, logs } = clientFor(fake);
    await client.findUsersByEmail(['user1@example.test', 'user2@example.test']);
    expect(logs[0]?.attributes).toMatchObject({
      method: 'GET',
      path: '/v1/users/get',
      chunkSize: 2,
      status: 200,
    });
    expect(JSON.stringify(logs)).not.toContain('example.test');
  });
});
