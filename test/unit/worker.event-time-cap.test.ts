import { describe, expect, it } from 'vitest';
import { syncBatch } from '../../lambda/service/sync-batch.js';
import { makeChange } from '../support/changes.js';
import { MemoryAppliedStore } from '../support/memory-applied-store.js';
import { MemoryHeymarket, queueRecord, workerDeps } from '../support/worker-deps.js';

const NOW = Date.parse('2026-03-01T12:00:00Z');
const FIVE_MINUTES = 5 * 60_000;

// The receiver bounds the times it receives; a message can still reach the worker with a later one
// (a DLQ replay of a message queued before the bound, `hr-sync reconcile` run from a skewed laptop).
describe('the worker bounds the event time of a queued change', () => {
  it('lowers a time later than now + 5 minutes to that, so a genuine change an hour later still applies', async () => {
    const heymarket = new MemoryHeymarket().add(7, 'ada@example.test');
    const applied = new MemoryAppliedStore();
    const run = async (change: ReturnType<typeof makeChange>, now: number) => {
      const harness = workerDeps(heymarket, {});
      harness.deps.now = () => now;
      const result = await syncBatch(
        [queueRecord(change)],
        { ...harness.deps, applied },
        { deadline: now + 60_000 },
      );
      return { result, logs: harness.logs };
    };

    const replayed = await run(
      makeChange({ eventId: 'old', occurredAt: '2999-01-01T00:00:00Z', employee: { firstName: 'Mallory' } }),
      NOW,
    );
    expect(applied.states.get('standard#-#E1')?.fields.first_name?.at).toBe(NOW + FIVE_MINUTES);
    expect(replayed.logs.map(({ message }) => message)).toContain('event time later than now, lowered');

    const later = NOW + 60 * 60_000;
    const genuine = await run(
      makeChange({
        eventId: 'new',
        occurredAt: new Date(later).toISOString(),
        employee: { firstName: 'Ada' },
      }),
      later,
    );

    expect(genuine.result.summary.skipped).toEqual({});
    expect(heymarket.users.get(7)?.first_name).toBe('Ada');
  });
});
