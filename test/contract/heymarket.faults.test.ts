import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SyncError } from '../../lambda/core/errors.js';
import {
  clientFor,
  type FakeHeymarket,
  type Fault,
  sampleUsers,
  startFakeHeymarket,
} from '../support/fake-heymarket.js';

// Heymarket documents 429 (500 requests/minute, no Retry-After documented) and 500 (https://developers.heymarket.com); the
// network adds resets and hangs. Each is transient: retried up to 3 attempts, then left to SQS.
describe('transient faults', () => {
  let fake: FakeHeymarket;
  beforeEach(async () => {
    fake = await startFakeHeymarket({ users: sampleUsers(5) });
  });
  afterEach(() => fake.close());

  const patch = [{ id: 1, role_id: 4 }];
  const fast = { connectTimeoutMs: 200, totalTimeoutMs: 200 };
  const errorOf = async (outcomes: Promise<Map<number, { ok: boolean; error?: SyncError }>>, id = 1) =>
    (await outcomes).get(id)?.error;

  it.each<[string, Fault]>([
    ['429', { kind: 'status', status: 429 }],
    ['500', { kind: 'status', status: 500 }],
    ['503', { kind: 'status', status: 503 }],
    ['a connection reset', { kind: 'reset' }],
    ['a hang', { kind: 'hang' }],
  ])('retries after %s and then succeeds', async (_, fault) => {
    fake.inject(fault, 2);
    const { client, sleeps } = clientFor(fake, fast);
    const outcomes = await client.updateUsers(patch);
    expect(outcomes.get(1)).toEqual({
      ok: true,
      requestId: fake.requests[2]?.requestId,
      email: 'user1@example.test',
    });
    expect(fake.requests).toHaveLength(3);
    expect(sleeps).toEqual([250, 500]);
    expect(fake.users.get(1)?.updated_at).toBeDefined();
  });

  it('waits the Retry-After of a 429 in seconds', async () => {
    fake.inject({ kind: 'status', status: 429, retryAfter: '2' });
    const { client, sleeps } = clientFor(fake);
    expect((await client.updateUsers(patch)).get(1)?.ok).toBe(true);
    expect(sleeps).toEqual([2_000]);
  });

  it('waits the Retry-After of a 503 given as an HTTP date', async () => {
    // A whole second, so the HTTP date (second precision) names exactly now + 3 s.
    const now = Math.floor(Date.now() / 1000) * 1000;
    fake.inject({ kind: 'status', status: 503, retryAfter: new Date(now + 3_000).toUTCString() });
    const { client, sleeps } = clientFor(fake, { now: () => now });
    expect((await client.updateUsers(patch)).get(1)?.ok).toBe(true);
    expect(sleeps).toEqual([3_000]);
  });

  it('gives up after 3 attempts with a transient error carrying status and request id', async () => {
    fake.inject({ kind: 'status', status: 503 }, 5);
    const { client, sleeps } = clientFor(fake);
    const error = await errorOf(client.updateUsers(patch));
    expect(fake.requests).toHaveLength(3);
    expect(sleeps).toHaveLength(2);
    expect(error).toMatchObject({
      kind: 'transient',
      code: 'heymarket-5xx',
      details: { status: 503, requestId: fake.requests[2]?.requestId },
    });
  });

  it('classifies a hang that never ends as a transient timeout and destroys its socket', async () => {
    fake.inject({ kind: 'hang' }, 3);
    const { client } = clientFor(fake, fast);
    const error = await errorOf(client.updateUsers(patch));
    expect(error).toMatchObject({ kind: 'transient', code: 'heymarket-timeout' });
    expect(error?.message).toBe('heymarket POST /v1/users/update: no answer within 200 ms');
    await vi.waitFor(() => expect(fake.openConnections()).toBe(0));
  });

  it('classifies a reset as a transient network error', async () => {
    fake.inject({ kind: 'reset' }, 3);
    const { client } = clientFor(fake);
    expect(await errorOf(client.updateUsers(patch))).toMatchObject({
      kind: 'transient',
      code: 'heymarket-network',
    });
  });

  it('classifies a refused connection as a transient network error', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const { client } = clientFor(fake, { baseUrl: `http://127.0.0.1:${port}` });
    const error = await errorOf(client.updateUsers(patch));
    expect(error).toMatchObject({ kind: 'transient', code: 'heymarket-network' });
    expect(error?.message).toContain('ECONNREFUSED');
  });

  it('treats a 2xx that is not a memberships list as transient, without quoting the body', async () => {
    fake.inject({ kind: 'status', status: 200, body: '<html>user1@example.test Ada1 Lovelace</html>' }, 3);
    const { client } = clientFor(fake);
    const error = await errorOf(client.updateUsers(patch));
    expect(error).toMatchObject({
      kind: 'transient',
      code: 'heymarket-bad-response',
      details: { status: 200 },
    });
    expect(error?.message).not.toMatch(/html|example\.test|Ada1|Lovelace/);
  });

  it('starts no call once the deadline has passed', async () => {
    const { client } = clientFor(fake);
    const error = await errorOf(client.updateUsers(patch, { deadline: Date.now() - 1 }));
    expect(error).toMatchObject({ kind: 'transient', code: 'deadline' });
    expect(fake.requests).toHaveLength(0);
  });

  it('does not wait past the deadline for a retry', async () => {
    fake.inject({ kind: 'status', status: 500 }, 3);
    const { client, sleeps } = clientFor(fake, { random: () => 0.99 });
    const error = await errorOf(client.updateUsers(patch, { deadline: Date.now() + 300 }));
    expect(error).toMatchObject({ code: 'heymarket-5xx' });
    expect(fake.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });
});

describe('permanent faults', () => {
  let fake: FakeHeymarket;
  beforeEach(async () => {
    fake = await startFakeHeymarket({ users: sampleUsers(5), roleIds: [1, 4] });
  });
  afterEach(() => fake.close());

  it('does not retry a 400 for one user and reports it as that user rejected, permanently', async () => {
    const { client, sleeps } = clientFor(fake);
    const outcomes = await client.updateUsers([{ id: 1, role_id: 77 }]);
    expect(outcomes.get(1)).toMatchObject({
      ok: false,
      error: {
        kind: 'permanent',
        code: 'heymarket-rejected',
        details: { status: 400, requestId: fake.requests[0]?.requestId },
      },
    });
    expect(fake.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it.each([403, 404])('does not retry a %i', async (status) => {
    fake.inject({ kind: 'status', status });
    const { client } = clientFor(fake);
    const outcome = (await client.updateUsers([{ id: 1, role_id: 4 }])).get(1);
    expect(outcome).toMatchObject({ ok: false, error: { kind: 'permanent', code: `heymarket-${status}` } });
    expect(fake.requests).toHaveLength(1);
  });

  it('never puts the response body, a name or an email in the error message', async () => {
    fake.inject({
      kind: 'status',
      status: 400,
      body: '{"error":"bad_data","detail":"BODY-MARKER Ada1 Lovelace <user1@example.test>"}',
    });
    const { client } = clientFor(fake);
    const outcome = (await client.updateUsers([{ id: 1, first_name: 'Ada1', last_name: 'Lovelace' }])).get(1);
    const message = outcome?.ok === false ? outcome.error.message : '';
    expect(message).toContain('400');
    expect(message).not.toMatch(/BODY-MARKER|detail|Ada1|Lovelace|example\.test/);
  });
});

describe('oversized answers and the rate budget', () => {
  let clock: number;
  let fake: FakeHeymarket;
  beforeEach(async () => {
    clock = Date.now();
    fake = await startFakeHeymarket({ users: sampleUsers(5), now: () => clock, rateLimitPerMinute: 2 });
  });
  afterEach(() => fake.close());

  it('stops reading an answer over 1 MB and treats it as a bad response', async () => {
    fake.inject({ kind: 'status', status: 200, body: `{"memberships":[],"pad":"${'x'.repeat(1_100_000)}"}` });
    const { client } = clientFor(fake, { retry: { maxAttempts: 1 } });
    const outcome = (await client.updateUsers([{ id: 1, role_id: 4 }])).get(1);
    expect(outcome).toMatchObject({
      ok: false,
      error: { kind: 'transient', code: 'heymarket-bad-response' },
    });
  });

  it('answers 429 beyond the per-minute budget, which the client reports transient after 3 attempts', async () => {
    const { client } = clientFor(fake, {
      now: () => clock,
      sleep: async (ms) => {
        clock += ms;
      },
    });
    await client.updateUsers([{ id: 1, role_id: 4 }]);
    await client.updateUsers([{ id: 2, role_id: 4 }]);
    const outcome = (await client.updateUsers([{ id: 3, role_id: 4 }])).get(3);
    expect(outcome).toMatchObject({ ok: false, error: { kind: 'transient', code: 'heymarket-429' } });
    expect(fake.requests.map((r) => r.status)).toEqual([200, 200, 429, 429, 429]);
    expect(fake.peakRequestsPerMinute()).toBe(5);
  });

  it('counts requests per sliding minute', async () => {
    const { client } = clientFor(fake, { now: () => clock });
    await client.updateUsers([{ id: 1, role_id: 4 }]);
    clock += 60_000;
    await client.updateUsers([{ id: 2, role_id: 4 }]);
    clock += 30_000;
    await client.updateUsers([{ id: 3, role_id: 4 }]);
    expect(fake.requests.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(fake.peakRequestsPerMinute()).toBe(2);
  });
});
