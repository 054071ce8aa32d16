import { describe, expect, it } from 'vitest';
import { retryDelaySeconds } from '../../lambda/core/backoff.js';
import { transient } from '../../lambda/core/errors.js';
import { syncBatch } from '../../lambda/service/sync-batch.js';
import { makeChange } from '../support/changes.js';
import { MemoryHeymarket, queueRecord, workerDeps } from '../support/worker-deps.js';

const outage = transient('heymarket-503', 'Heymarket answered 503');

describe('a message that failed for a transient reason backs off', () => {
  it('waits 30 s, 2 min, 8 min, 32 min, then an hour at most, by receive count', () => {
    expect([1, 2, 3, 4, 5, 6].map((count) => retryDelaySeconds(count, outage))).toEqual([
      30, 120, 480, 1920, 3600, 3600,
    ]);
  });

  it('waits at least as long as Heymarket asked in Retry-After, up to the hour', () => {
    const limited = (retryAfterMs: number) =>
      transient('heymarket-429', 'Heymarket answered 429', { retryAfterMs });
    expect(retryDelaySeconds(1, limited(90_500))).toBe(91);
    expect(retryDelaySeconds(3, limited(90_000))).toBe(480);
    expect(retryDelaySeconds(1, limited(5 * 3600_000))).toBe(3600);
  });

  it('comes back within seconds when only another invocation held the employee', () => {
    expect(retryDelaySeconds(4, transient('employee-busy', 'busy'))).toBe(10);
  });

  it('is handed to the queue for every message of a batch that failed as a whole', async () => {
    const heymarket = new MemoryHeymarket().add(1, 'ada@example.test');
    heymarket.lookupFailure = outage;
    const { deps, options } = workerDeps(heymarket);
    const first = queueRecord(makeChange({ eventId: 'a' }), 1);
    const third = queueRecord(makeChange({ eventId: 'b' }), 3);

    const result = await syncBatch([first, third], deps, options);

    expect(result.retry.sort()).toEqual([first.messageId, third.messageId].sort());
    expect(result.delays).toEqual(
      new Map([
        [first.messageId, 30],
        [third.messageId, 480],
      ]),
    );
  });
});
