/**
 * How many worker invocations may run at once without exceeding Heymarket's rate limit.
 * Pure arithmetic, so the README can quote it and a unit test can pin it.
 */

import {
  BUCKET_BURST,
  HEYMARKET_BUDGET_PER_MINUTE,
  SCHEDULER_SHARE_PER_MINUTE,
  WORKER_SHARE_PER_MINUTE,
} from '../lambda/heymarket/rate-budget.js';

/** Heymarket answers 429 beyond 500 requests per minute (https://developers.heymarket.com/rate-limits). */
export const HEYMARKET_REQUESTS_PER_MINUTE = HEYMARKET_BUDGET_PER_MINUTE;

/**
 * The bound the clients' token buckets give, whatever the timing: in any 60 s window each of the
 * `maxConcurrency` workers starts at most its share (its containers are busy at most 60 s in all),
 * the scheduler its share, and every container taking part adds at most one full bucket. Lambda
 * starts a new container only for a cold start, so `containersPerMinute` is small; 8 is generous.
 */
export function limitedPeakPerMinute(options: {
  maxConcurrency: number;
  containersPerMinute: number;
}): number {
  return (
    options.maxConcurrency * WORKER_SHARE_PER_MINUTE +
    SCHEDULER_SHARE_PER_MINUTE +
    (options.containersPerMinute + 1) * BUCKET_BURST
  );
}

/**
 * Requests one Heymarket call can cost inside an invocation: 3 attempts (lambda/heymarket/retry.ts)
 * plus one re-send after a 401 with a freshly read secret (lambda/heymarket/client.ts).
 */
export const HEYMARKET_REQUESTS_PER_CALL = 3 + 1;

/**
 * An estimate, not a bound, of the shortest worker invocation that calls Heymarket, in seconds: a
 * `users/get` and then a `users/update` (the update needs the ids, so they cannot overlap), each an
 * HTTPS round trip with a JWT, plus the SQS poll → invoke cycle around them. Were invocations faster
 * during a backlog (the benchmark measures 0.1–0.2 s against a fast Heymarket), this arithmetic alone
 * would let the peak pass the budget; the clients' token buckets (`limitedPeakPerMinute`) are what
 * bound it.
 */
export const MIN_INVOCATION_SECONDS = 2;

/** Lambda's bounds for `ScalingConfig.MaximumConcurrency` on an SQS event source. */
export const MIN_SQS_MAX_CONCURRENCY = 2;
export const MAX_SQS_MAX_CONCURRENCY = 1000;

/**
 * Worst case for one batch: `users/get` for the unknown work emails and `users/update` for the users,
 * each in chunks of `chunkSize` (so ceil(batch / chunk) of each), every call at its full retry cost.
 */
export function heymarketRequestsPerInvocation(options: {
  batchSize: number;
  chunkSize: number;
  requestsPerCall: number;
}): number {
  const chunks = Math.ceil(options.batchSize / options.chunkSize);
  return 2 * chunks * options.requestsPerCall;
}

/**
 * One concurrent worker makes at most `requestsPerInvocation × 60 / minInvocationSeconds` requests a
 * minute; the budget divided by that, rounded down, is how many may run at once. Lambda will not go
 * below 2, so the floor is 2 even when the arithmetic says 1.
 */
export function maxConcurrencyFor(options: {
  budgetPerMinute: number;
  requestsPerInvocation: number;
  minInvocationSeconds: number;
}): number {
  const { budgetPerMinute, requestsPerInvocation, minInvocationSeconds } = options;
  if (budgetPerMinute <= 0 || requestsPerInvocation <= 0 || minInvocationSeconds <= 0) {
    throw new RangeError('maxConcurrencyFor: every input must be positive');
  }
  const perWorkerPerMinute = (requestsPerInvocation * 60) / minInvocationSeconds;
  const fits = Math.floor(budgetPerMinute / perWorkerPerMinute);
  return Math.min(MAX_SQS_MAX_CONCURRENCY, Math.max(MIN_SQS_MAX_CONCURRENCY, fits));
}

/** Peak Heymarket requests per minute the chosen concurrency can produce, for the README and tests. */
export function peakRequestsPerMinute(options: {
  maxConcurrency: number;
  requestsPerInvocation: number;
  minInvocationSeconds: number;
}): number {
  return (options.maxConcurrency * options.requestsPerInvocation * 60) / options.minInvocationSeconds;
}
