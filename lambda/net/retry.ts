import { SyncError, transient } from '../core/errors.js';

/**
 * Retries inside one invocation, for blips only. Anything longer is SQS's job (redelivery, then the
 * DLQ), so the budget is small: 3 attempts, and never past the caller's deadline.
 */
export interface RetryPolicy {
  maxAttempts: number;
  /** Full jitter: the wait before attempt n+1 is uniform in [0, min(maxDelayMs, baseDelayMs·2^(n-1))). */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A `Retry-After` longer than this is not waited for in-process: give up and let SQS redeliver. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 3,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
};

export interface RetryDeps {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  /** Uniform in [0, 1), like `Math.random`. */
  random: () => number;
}

export interface RetryOptions {
  /** Epoch ms: no attempt starts and no wait ends after it. */
  deadline?: number;
  policy?: Partial<RetryPolicy>;
  /** Told about each retry before its wait, e.g. to log the error code. */
  onRetry?: (error: SyncError, attempt: number, delayMs: number) => void;
}

/**
 * Runs `attempt` until it succeeds, fails with anything but a transient SyncError, runs out of
 * attempts, or the next wait would pass the deadline; then rethrows the last error. Only `transient`
 * is retried: `auth` has its own one-refresh rule in the client, `permanent` will not change, and a
 * plain Error is a bug that retrying would only repeat.
 */
export async function withRetry<T>(
  attempt: (n: number) => Promise<T>,
  deps: RetryDeps,
  options: RetryOptions = {},
): Promise<T> {
  const policy = { ...DEFAULT_RETRY_POLICY, ...options.policy };
  const { deadline } = options;
  for (let n = 1; ; n++) {
    if (deadline !== undefined && deps.now() >= deadline) {
      throw transient('deadline', `no time left before the deadline to start attempt ${n}`);
    }
    try {
      return await attempt(n);
    } catch (error) {
      if (!(error instanceof SyncError) || error.kind !== 'transient' || n >= policy.maxAttempts) throw error;
      const delayMs = retryDelayMs(n, error, deps.random, policy);
      if (delayMs === undefined) throw error;
      if (deadline !== undefined && deps.now() + delayMs >= deadline) throw error;
      options.onRetry?.(error, n, delayMs);
      await deps.sleep(delayMs);
    }
  }
}

/**
 * The wait after failed attempt `n`: the server's `Retry-After` when it sent one (Heymarket documents
 * none but may send one, https://developers.heymarket.com/rate-limits; BambooHR and Merge do, per
 * documentation.bamboohr.com and docs.merge.dev), else exponential backoff with full jitter.
 * `undefined` means the server asked for longer than is worth waiting in-process.
 */
export function retryDelayMs(
  n: number,
  error: SyncError,
  random: () => number,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
): number | undefined {
  const { retryAfterMs } = error.details;
  if (retryAfterMs !== undefined) return retryAfterMs > policy.maxRetryAfterMs ? undefined : retryAfterMs;
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (n - 1));
  return Math.floor(random() * ceiling);
}

/** `Retry-After` as delay-seconds or an HTTP date (RFC 9110 §10.2.3), in ms from `nowMs`; else undefined. */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // An HTTP date always names its month; this keeps Date.parse from reading "1.5" as a date.
  const at = /[a-z]/i.test(text) ? Date.parse(text) : Number.NaN;
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}
