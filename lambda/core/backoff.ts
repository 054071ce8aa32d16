import type { SyncError } from './errors.js';

/**
 * How long a message that failed for a transient reason waits before it is delivered again. Without
 * it every failure would come back after the queue's visibility timeout, and an outage would burn
 * all five receives in half an hour. Doubling twice per receive from 30 s, capped at an hour: 30 s,
 * 2 min, 8 min, 32 min, 1 h, so a message rides out about 1 h 40 min of outage before it reaches the
 * DLQ, where the scheduled redrive picks it up again. A `Retry-After` longer than that is honoured;
 * a busy employee (another invocation is applying a change to it) comes back within seconds.
 */
export const BACKOFF_BASE_SECONDS = 30;
export const BACKOFF_MAX_SECONDS = 60 * 60;
const BUSY_SECONDS = 10;

export function retryDelaySeconds(receiveCount: number, error: Pick<SyncError, 'code' | 'details'>): number {
  if (error.code === 'employee-busy') return BUSY_SECONDS;
  const attempt = Math.max(1, Math.floor(receiveCount));
  const backoff = Math.min(BACKOFF_MAX_SECONDS, BACKOFF_BASE_SECONDS * 4 ** (attempt - 1));
  const retryAfter = Math.ceil((error.details.retryAfterMs ?? 0) / 1000);
  return Math.min(BACKOFF_MAX_SECONDS, Math.max(backoff, retryAfter));
}
