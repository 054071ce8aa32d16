import { describe, expect, it } from 'vitest';
import { permanent, SyncError, transient } from '../../lambda/core/errors.js';
import { DEFAULT_RETRY_POLICY, parseRetryAfter, retryDelayMs, withRetry } from '../../lambda/net/retry.js';

const NOW = Date.UTC(2026, 0, 31, 18, 42, 0);

/** An attempt function that fails with the given errors in turn, then succeeds. */
function scripted(...failures: Error[]) {
  const calls: number[] = [];
  const attempt = async (n: number) => {
    calls.push(n);
    const failure = failures[n - 1];
    if (failure) throw failure;
    return 'done';
  };
  return { attempt, calls };
}

function deps(options: { random?: number; start?: number } = {}) {
  const clock = { now: options.start ?? NOW };
  const sleeps: number[] = [];
  return {
    clock,
    sleeps,
    deps: {
      now: () => clock.now,
      sleep: async (ms: number) => {
        sleeps.push(ms);
        clock.now += ms;
      },
      random: () => options.random ?? 0.5,
    },
  };
}

const blip = () => transient('heymarket-5xx', 'Heymarket answered 503');

describe('backoff with full jitter', () => {
  it('waits a uniform share of base·2^(n-1)', () => {
    const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 500, maxDelayMs: 8_000 };
    expect(retryDelayMs(1, blip(), () => 0, policy)).toBe(0);
    expect(retryDelayMs(1, blip(), () => 0.999_999, policy)).toBe(499);
    expect(retryDelayMs(2, blip(), () => 0.999_999, policy)).toBe(999);
    expect(retryDelayMs(3, blip(), () => 0.5, policy)).toBe(1_000);
  });

  it('never waits longer than the cap', () => {
    const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 500, maxDelayMs: 1_500 };
    expect(retryDelayMs(10, blip(), () => 0.999_999, policy)).toBe(1_499);
  });

  it('sleeps the jittered delays between attempts', async () => {
    const { attempt } = scripted(blip(), blip());
    const { deps: d, sleeps } = deps({ random: 0.5 });
    await expect(withRetry(attempt, d)).resolves.toBe('done');
    expect(sleeps).toEqual([250, 500]);
  });
});

describe('Retry-After', () => {
  it('reads delay-seconds', () => {
    expect(parseRetryAfter('3', NOW)).toBe(3_000);
    expect(parseRetryAfter(' 0 ', NOW)).toBe(0);
  });

  it('reads an HTTP date, and a date in the past as no wait', () => {
    expect(parseRetryAfter(new Date(NOW + 5_000).toUTCString(), NOW)).toBe(5_000);
    expect(parseRetryAfter(new Date(NOW - 5_000).toUTCString(), NOW)).toBe(0);
  });

  it('ignores a missing or unreadable value', () => {
    expect(parseRetryAfter(undefined, NOW)).toBeUndefined();
    expect(parseRetryAfter('soon', NOW)).toBeUndefined();
    expect(parseRetryAfter('1.5', NOW)).toBeUndefined();
  });

  it('is waited for instead of the backoff', async () => {
    const limited = transient('heymarket-429', 'Heymarket answered 429', { retryAfterMs: 7_000 });
    const { attempt } = scripted(limited);
    const { deps: d, sleeps } = deps();
    await expect(withRetry(attempt, d)).resolves.toBe('done');
    expect(sleeps).toEqual([7_000]);
  });

  it('gives up at once when it asks for longer than is worth waiting in-process', async () => {
    const limited = transient('heymarket-429', 'Heymarket answered 429', { retryAfterMs: 120_000 });
    const { attempt, calls } = scripted(limited);
    const { deps: d, sleeps } = deps();
    await expect(withRetry(attempt, d)).rejects.toBe(limited);
    expect(calls).toEqual([1]);
    expect(sleeps).toEqual([]);
  });
});

describe('attempts', () => {
  it('stops after 3 attempts and rethrows the last error', async () => {
    const last = transient('heymarket-5xx', 'third');
    const { attempt, calls } = scripted(blip(), blip(), last, blip());
    const { deps: d, sleeps } = deps();
    await expect(withRetry(attempt, d)).rejects.toBe(last);
    expect(calls).toEqual([1, 2, 3]);
    expect(sleeps).toHaveLength(2);
  });

  it.each([
    ['permanent', permanent('heymarket-400', 'Heymarket answered 400')],
    ['auth', new SyncError('auth', 'heymarket-401', 'Heymarket answered 401')],
    ['a plain Error (a bug)', new TypeError('x is undefined')],
  ])('does not retry %s', async (_, error) => {
    const { attempt, calls } = scripted(error);
    const { deps: d, sleeps } = deps();
    await expect(withRetry(attempt, d)).rejects.toBe(error);
    expect(calls).toEqual([1]);
    expect(sleeps).toEqual([]);
  });

  it('tells onRetry about each retry before waiting', async () => {
    const { attempt } = scripted(blip());
    const { deps: d } = deps();
    const told: [string, number, number][] = [];
    await withRetry(attempt, d, { onRetry: (error, n, delayMs) => told.push([error.code, n, delayMs]) });
    expect(told).toEqual([['heymarket-5xx', 1, 250]]);
  });
});

describe('the deadline', () => {
  it('gives up with the last error when the next wait would pass it', async () => {
    const first = blip();
    const { attempt, calls } = scripted(first);
    const { deps: d, sleeps } = deps({ random: 0.5 });
    await expect(withRetry(attempt, d, { deadline: NOW + 250 })).rejects.toBe(first);
    expect(calls).toEqual([1]);
    expect(sleeps).toEqual([]);
  });

  it('waits when the wait ends before it', async () => {
    const { attempt, calls } = scripted(blip());
    const { deps: d } = deps({ random: 0.5 });
    await expect(withRetry(attempt, d, { deadline: NOW + 251 })).resolves.toBe('done');
    expect(calls).toEqual([1, 2]);
  });

  it('does not wait out a Retry-After that ends past it', async () => {
    const limited = transient('heymarket-429', 'Heymarket answered 429', { retryAfterMs: 5_000 });
    const { attempt } = scripted(limited);
    const { deps: d, sleeps } = deps();
    await expect(withRetry(attempt, d, { deadline: NOW + 4_000 })).rejects.toBe(limited);
    expect(sleeps).toEqual([]);
  });

  it('starts no attempt once it has passed', async () => {
    const { attempt, calls } = scripted();
    const { deps: d } = deps();
    const error = await withRetry(attempt, d, { deadline: NOW }).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'transient', code: 'deadline' });
    expect(calls).toEqual([]);
  });
});
