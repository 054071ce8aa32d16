import { describe, expect, it } from 'vitest';
import { transient } from '../../lambda/core/errors.js';
import { syncBatch } from '../../lambda/service/sync-batch.js';
import { makeChange } from '../support/changes.js';
import { MemoryAppliedStore } from '../support/memory-applied-store.js';
import { MemoryHeymarket, queueRecord, workerDeps } from '../support/worker-deps.js';

/** Each batch its own invocation (fresh email cache), sharing one Heymarket and one applied store. */
function worker(heymarket: MemoryHeymarket, applied = new MemoryAppliedStore()) {
  return {
    applied,
    run: (...changes: ReturnType<typeof makeChange>[]) => {
      const { deps, options, deadLettered } = workerDeps(heymarket);
      return syncBatch(
        changes.map((change) => queueRecord(change)),
        { ...deps, applied },
        options,
      ).then((result) => ({ ...result, deadLettered }));
    },
  };
}

describe('ordering across batches and replays', () => {
  it('drops a change older than the one applied, field by field', async () => {
    const heymarket = new MemoryHeymarket().add(1, 'ada@example.test');
    const { run } = worker(heymarket);
    await run(
      makeChange({
        eventId: 'new',
        occurredAt: '2026-01-01T11:00:00Z',
        employee: { firstName: 'New', lastName: undefined },
      }),
    );

    const result = await run(
      makeChange({
        eventId: 'old',
        occurredAt: '2026-01-01T10:00:00Z',
        employee: { firstName: 'Old', lastName: 'Byron' },
      }),
    );

    expect(heymarket.updateCalls[1]).toEqual([{ id: 1, last_name: 'Byron' }]);
    expect(heymarket.users.get(1)).toMatchObject({ first_name: 'New', last_name: 'Byron' });
    expect(result).toMatchObject({ retry: [], deadLettered: [], summary: { skipped: { stale: 1 } } });
  });

  it('counts a change all of whose fields are stale as done, neither sent, retried nor dead-lettered', async () => {
    const heymarket = new MemoryHeymarket().add(1, 'ada@example.test');
    const { run } = worker(heymarket);
    await run(makeChange({ eventId: 'new', occurredAt: '2026-01-01T11:00:00Z' }));

    const result = await run(
      makeChange({ eventId: 'old', occurredAt: '2026-01-01T10:00:00Z', employee: { firstName: 'Old' } }),
    );

    expect(heymarket.updateCalls).toHaveLength(1);
    expect(result).toMatchObject({
      retry: [],
      deadLettered: [],
      summary: { patched: 0, skipped: { stale: 2, 'stale-change': 1 } },
    });
  });

  it('drops a replay of the same event, which arrives with a new message id', async () => {
    const heymarket = new MemoryHeymarket().add(1, 'ada@example.test');
    const { run } = worker(heymarket);
    const change = makeChange({ eventId: 'evt-7', occurredAt: '2026-01-01T11:00:00Z' });
    await run(change);

    const replay = await run(change);

    expect(heymarket.updateCalls).toHaveLength(1);
    expect(replay).toMatchObject({ retry: [], summary: { skipped: { 'stale-change': 1 } } });
  });

  it('applies another event with the same time, the later one winning as within a batch', async () => {
    const heymarket = new MemoryHeymarket().add(1, 'ada@example.test');
    const { run } = worker(heymarket);
    await run(makeChange({ eventId: 'a', occurredAt: '2026-01-01T11:00:00Z', employee: { firstName: 'A' } }));

    await run(makeChange({ eventId: 'b', occurredAt: '2026-01-01T11:00:00Z', employee: { firstName: 'B' } }));

    expect(heymarket.updateCalls).toHaveLength(2);
    expect(heymarket.users.get(1)?.first_name).toBe('B');
  });

  it('still finds the user by the stored id after the work email changes', async () => {
    const heymarket = new MemoryHeymarket().add(1, 'ada@example.test');
    const { run } = worker(heymarket);
    await run(makeChange({ eventId: 'a', occurredAt: '2026-01-01T10:00:00Z' }));

    const result = await run(
      makeChange({
        eventId: 'b',
        occurredAt: '2026-01-01T11:00:00Z',
        employee: { workEmail: 'ada.king@example.test', lastName: 'King' },
      }),
    );

    expect(result).toMatchObject({ retry: [], deadLettered: [] });
    expect(heymarket.lookupCalls).toEqual([['ada@example.test']]);
    expect(heymarket.users.get(1)?.last_name).toBe('King');
  });

  it('keys what it records by HR employee, with the business idempotency key of each field', async () => {
    const heymarket = new MemoryHeymarket().add(1, 'ada@example.test');
    const { run, applied } = worker(heymarket);
    await run(makeChange({ tenant: 'acme', occurredAt: '2026-01-01T10:00:00Z' }));

    const state = applied.states.get('standard#acme#E1');
    expect(state?.userId).toBe(1);
    expect(state?.fields.first_name).toEqual({
      at: Date.parse('2026-01-01T10:00:00Z'),
      key: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(state?.fields.last_name?.key).toBe(state?.fields.first_name?.key);
  });

  it('records a field only after Heymarket accepted the patch that carried it', async () => {
    const heymarket = new MemoryHeymarket().add(1, 'ada@example.test');
    const { run, applied } = worker(heymarket);
    heymarket.failures.set(1, transient('heymarket-503', 'Heymarket answered 503'));

    const failed = await run(makeChange({ eventId: 'a' }));

    expect(failed.retry).toHaveLength(1);
    expect(applied.states.get('standard#-#E1')?.fields).toEqual({});

    heymarket.failures.clear();
    const retried = await run(makeChange({ eventId: 'a' }));

    expect(retried.retry).toEqual([]);
    expect(Object.keys(applied.states.get('standard#-#E1')?.fields ?? {}).sort()).toEqual([
      'first_name',
      'last_name',
    ]);
  });
});
