import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clientFor, type FakeHeymarket, sampleUsers, startFakeHeymarket } from '../support/fake-heymarket.js';

// The client's share of Heymarket's 500 requests a minute holds for every request it sends.
describe('the Heymarket client under a rate budget', () => {
  let fake: FakeHeymarket;
  beforeEach(async () => {
    fake = await startFakeHeymarket({ users: sampleUsers(10) });
  });
  afterEach(() => fake.close());

  /** Time moves only when the client waits: the waits are then exactly what the budget demands. */
  function virtualTime() {
    let now = Date.now();
    const waits: number[] = [];
    return {
      waits,
      deps: {
        now: () => now,
        sleep: async (ms: number) => {
          waits.push(ms);
          now += ms;
        },
      },
    };
  }

  it('spaces its requests to the budget once the burst is spent', async () => {
    const time = virtualTime();
    const { client } = clientFor(fake, {
      chunkSize: 1,
      rateLimit: { perMinute: 120, burst: 2 },
      ...time.deps,
    });

    await client.updateUsers([1, 2, 3, 4].map((id) => ({ id, last_name: `L${id}` })));

    expect(fake.requests).toHaveLength(4);
    expect(time.waits).toEqual([500, 500]);
  });

  it('counts retries against the budget too', async () => {
    const time = virtualTime();
    fake.inject({ kind: 'status', status: 503 }, 1);
    const { client } = clientFor(fake, {
      rateLimit: { perMinute: 60, burst: 1 },
      random: () => 0,
      ...time.deps,
    });

    await client.updateUsers([{ id: 1, last_name: 'L1' }]);

    expect(fake.requests.map((request) => request.status)).toEqual([503, 200]);
    expect(time.waits).toContain(1_000);
  });
});
