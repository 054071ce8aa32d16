import { describe, expect, it } from 'vitest';
import { syncBatch } from '../../lambda/service/sync-batch.js';
import { makeChange } from '../support/changes.js';
import { MemoryAppliedStore } from '../support/memory-applied-store.js';
import { recordingMetrics } from '../support/recording-metrics.js';
import { MemoryHeymarket, queueRecord, workerDeps } from '../support/worker-deps.js';

const OWNER = 7;

describe('a protected user', () => {
  it('gets no call at all when the override names them: no lookup, no update', async () => {
    const heymarket = new MemoryHeymarket().add(OWNER, 'ada@example.test');
    const harness = workerDeps(heymarket, {
      protectedUserIds: [OWNER],
      identityOverrides: { 'standard:E1': OWNER },
      roles: { rules: [{ match: { department: 'Support' }, roleId: 4 }] },
    });
    const { metrics, counts } = recordingMetrics();

    const result = await syncBatch(
      [queueRecord(makeChange({ employee: { firstName: 'Augusta', department: 'Support' } }))],
      { ...harness.deps, metrics },
      harness.options,
    );

    expect(heymarket.lookupCalls).toEqual([]);
    expect(heymarket.updateCalls).toEqual([]);
    expect(heymarket.users.get(OWNER)).toMatchObject({ role_id: 4, name: 'Someone' });
    expect(result).toMatchObject({ retry: [], summary: { patched: 0, skipped: { 'protected-user': 1 } } });
    expect(harness.deadLettered).toEqual([]);
    expect(counts['ChangesWithheld{reason=protected-user}']).toBe(1);
  });

  it('is never updated when found by work email, names or role, and nothing else in the batch is held up', async () => {
    const heymarket = new MemoryHeymarket().add(OWNER, 'ada@example.test').add(8, 'grace@example.test');
    const harness = workerDeps(heymarket, { protectedUserIds: [OWNER] });

    const result = await syncBatch(
      [
        queueRecord(makeChange({ eventId: 'a', employee: { firstName: 'Augusta' } })),
        queueRecord(makeChange({ eventId: 'g', employee: { id: 'E2', workEmail: 'grace@example.test' } })),
      ],
      harness.deps,
      harness.options,
    );

    expect(heymarket.updateCalls).toEqual([[{ id: 8, first_name: 'Ada', last_name: 'Lovelace' }]]);
    expect(result.summary).toMatchObject({ patched: 1, skipped: { 'protected-user': 1 } });
  });

  it('is not moved to the termination role when they leave, and a cached id spares the lookup', async () => {
    const heymarket = new MemoryHeymarket().add(OWNER, 'ada@example.test');
    const harness = workerDeps(heymarket, {
      protectedUserIds: [OWNER],
      termination: { action: 'move-to-role', roleId: 9 },
    });
    harness.deps.userIds.set('ada@example.test', OWNER);

    const result = await syncBatch(
      [queueRecord(makeChange({ type: 'employee.terminated' }))],
      { ...harness.deps, applied: new MemoryAppliedStore() },
      harness.options,
    );

    expect(heymarket.lookupCalls).toEqual([]);
    expect(heymarket.updateCalls).toEqual([]);
    expect(heymarket.users.get(OWNER)?.role_id).toBe(4);
    expect(result.summary.skipped).toEqual({ 'protected-user': 1 });
  });
});
