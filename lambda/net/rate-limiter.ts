import { transient } from '../core/errors.js';

export interface RateLimiterOptions {
  /** Starts allowed per minute, on average. */
  perMinute: number;
  /** Starts allowed at once after a quiet spell (the bucket's size). */
  burst: number;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  /** Names the budget in the error when waiting would pass the deadline. */
  service: string;
}

/**
 * A token bucket: in any 60 s window at most `perMinute + burst` starts. It makes a rate budget hold
 * whatever the timing of the calls, where an estimate of how long an invocation takes cannot.
 */
export function createRateLimiter(options: RateLimiterOptions) {
  const { perMinute, burst, now, sleep, service } = options;
  if (!(perMinute > 0) || !Number.isInteger(burst) || burst < 1) {
    throw new RangeError(`rate limiter: perMinute must be > 0 and burst a whole number ≥ 1`);
  }
  const intervalMs = 60_000 / perMinute;
  let tokens = burst;
  let last = now();
  return {
    /** Waits for a start; throws a transient error rather than wait past `deadline`. */
    async acquire(deadline?: number): Promise<void> {
      for (;;) {
        const at = now();
        tokens = Math.min(burst, tokens + (at - last) / intervalMs);
        last = at;
        if (tokens >= 1) {
          tokens -= 1;
          return;
        }
        const waitMs = Math.ceil((1 - tokens) * intervalMs);
        if (deadline !== undefined && at + waitMs > deadline) {
          throw transient(
            `${service}-rate-budget`,
            `${service}: the next request would wait ${waitMs} ms for the rate budget (${perMinute}/min), past the deadline`,
          );
        }
        await sleep(waitMs);
      }
    },
  };
}
