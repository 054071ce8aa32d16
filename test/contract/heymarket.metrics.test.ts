import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clientFor, type FakeHeymarket, sampleUsers, startFakeHeymarket } from '../support/fake-heymarket.js';
import { recordingMetrics } from '../support/recording-metrics.js';

// HeymarketCalls is read against the 500 requests a minute (https://developers.heymarket.com): it must count what
// Heymarket sees, every attempt and the re-send after a 401 included.
describe('what the Heymarket client counts', () => {
  let fake: FakeHeymarket;
  beforeEach(async () => {
    fake = await startFakeHeymarket({ users: sampleUsers(3) });
  });
  afterEach(() => fake.close());

  it('counts one call and one latency per request Heymarket received', async () => {
    const { metrics, counts, timings } = recordingMetrics();
    const { client } = clientFor(fake, { metrics });

    await client.findUsersByEmail(['user1@example.test']);
    await client.updateUsers([{ id: 1, role_id: 4 }]);

    expect(fake.requests).toHaveLength(2);
    expect(counts).toEqual({ HeymarketCalls: 2 });
    expect(timings.HeymarketLatency).toHaveLength(2);
    for (const ms of timings.HeymarketLatency ?? []) expect(ms).toBeGreaterThanOrEqual(0);
  });

  it('counts every attempt as a call and each retry by its reason', async () => {
    fake.inject({ kind: 'status', status: 429 }, 1);
    fake.inject({ kind: 'status', status: 503 }, 1);
    const { metrics, counts, timings } = recordingMetrics();
    const { client } = clientFor(fake, { metrics });

    expect((await client.updateUsers([{ id: 1, role_id: 4 }])).get(1)?.ok).toBe(true);

    expect(fake.requests).toHaveLength(3);
    expect(counts).toEqual({
      HeymarketCalls: 3,
      'HeymarketRetries{reason=heymarket-429}': 1,
      'HeymarketRetries{reason=heymarket-5xx}': 1,
    });
    expect(timings.HeymarketLatency).toHaveLength(3);
  });

  it('counts a request that got no answer, with its time, and the retry after it', async () => {
    fake.inject({ kind: 'reset' }, 1);
    const { metrics, counts, timings } = recordingMetrics();
    const { client } = clientFor(fake, { metrics });

    expect((await client.updateUsers([{ id: 1, role_id: 4 }])).get(1)?.ok).toBe(true);

    expect(counts).toEqual({ HeymarketCalls: 2, 'HeymarketRetries{reason=heymarket-network}': 1 });
    expect(timings.HeymarketLatency).toHaveLength(2);
  });

  it('counts the re-send after a 401 as a call of its own, not as a retry', async () => {
    fake.inject({ kind: 'status', status: 401 }, 1);
    const { metrics, counts } = recordingMetrics();
    const { client } = clientFor(fake, { metrics });

    expect((await client.updateUsers([{ id: 1, role_id: 4 }])).get(1)?.ok).toBe(true);

    expect(fake.requests).toHaveLength(2);
    expect(counts).toEqual({ HeymarketCalls: 2 });
  });
});
