import { describe, expect, it } from 'vitest';
import { createRateLimiter } from '../../lambda/net/rate-limiter.js';

/** A clock that only moves when the limiter sleeps, so every start time is exact. */
function virtualClock() {
  let now = 0;
  return {
    now: () => now,
    sleep: async (ms: number) => {
      now += ms;
    },
  };
}

describe('the token bucket in front of Heymarket', () => {
  it('lets a burst through at once, then one start per interval', async () => {
    const clock = virtualClock();
    const limiter = createRateLimiter({ perMinute: 60, burst: 3, service: 'heymarket', ...clock });
    const starts: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      await limiter.acquire();
      starts.push(clock.now());
    }
    expect(starts).toEqual([0, 0, 0, 1_000, 2_000, 3_000]);
  });

  it('never starts more than perMinute + burst in any 60 s window, however it is called', async () => {
    const clock = virtualClock();
    const limiter = createRateLimiter({ perMinute: 200, burst: 4, service: 'heymarket', ...clock });
    const starts: number[] = [];
    for (let i = 0; i < 2_000; i += 1) {
      await limiter.acquire();
      starts.push(clock.now());
      if (i % 97 === 0) await clock.sleep(7_000); // quiet spells refill the bucket, up to its size
    }
    let peak = 0;
    for (let i = 0, j = 0; i < starts.length; i += 1) {
      while ((starts[i] as number) - (starts[j] as number) >= 60_000) j += 1;
      peak = Math.max(peak, i - j + 1);
    }
    expect(peak).toBeLessThanOrEqual(204);
  });

  it('fails transient rather than wait past the deadline', async () => {
    const clock = virtualClock();
    const limiter = createRateLimiter({ perMinute: 6, burst: 1, service: 'heymarket', ...clock });
    await limiter.acquire(5_000);
    await expect(limiter.acquire(5_000)).rejects.toMatchObject({
      kind: 'transient',
      code: 'heymarket-rate-budget',
    });
    expect(clock.now()).toBe(0);
  });
});
