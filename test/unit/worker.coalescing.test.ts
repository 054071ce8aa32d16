import { describe, expect, it } from 'vitest';
import { syncBatch } from '../../lambda/service/sync-batch.js';
import { makeChange } from '../support/changes.js';
import { MemoryHeymarket, queueRecord, workerDeps } from '../support/worker-deps.js';

describe('a batch of changes', () => {
  it('costs one lookup and one update call, with one patch per Heymarket user', async () => {
    const heymarket = new MemoryHeymarket().add(1, 'ada@example.test').add(2, 'bob@example.test');
    const { deps, options } = workerDeps(heymarket);
    const records = [
      queueRecord(
        makeChange({ eventId: 'a', occurredAt: '2026-01-01T10:00:00Z', employee: { firstName: 'Old' } }),
      ),
      queueRecord(
        makeChange({ eventId: 'b', employee: { id: 'E2', workEmail: 'bob@example.test', lastName: 'B' } }),
      ),
      queueRecord(
        makeChange({ eventId: 'c', occurredAt: '2026-01-01T11:00:00Z', employee: { firstName: 'New' } }),
      ),
    ];

    const result = await syncBatch(records, deps, options);

    expect(result.retry).toEqual([]);
    expect(heymarket.lookupCalls).toEqual([['ada@example.test', 'bob@example.test']]);
    expect(heymarket.updateCalls).toHaveLength(1);
    expect(heymarket.updateCalls[0]).toEqual([
      { id: 1, first_name: 'New', last_name: 'Lovelace' },
      { id: 2, first_name: 'Ada', last_name: 'B' },
    ]);
    expect(result.summary.patched).toBe(2);
  });

  it('never lets an older change that arrives later overwrite a newer one', async () => {
    const heymarket = new MemoryHeymarket().add(1, 'ada@example.test');
    const { deps, options } = workerDeps(heymarket);
    await syncBatch(
      [
        queueRecord(makeChange({ occurredAt: '2026-01-02T00:00:00Z', employee: { firstName: 'Newest' } })),
        queueRecord(makeChange({ occurredAt: '2026-01-01T00:00:00Z', employee: { firstName: 'Stale' } })),
      ],
      deps,
      options,
    );
    expect(heymarket.users.get(1)?.first_name).toBe('Newest');
  });

  it('looks a work email up only once while the cache is warm', async () => {
    const heymarket = new MemoryHeymarket().add(1, 'ada@example.test');
    const { deps, options } = workerDeps(heymarket);
    await syncBatch([queueRecord(makeChange())], deps, options);
    await syncBatch([queueRecord(makeChange({ employee: { firstName: 'Again' } }))], deps, options);
    expect(heymarket.lookupCalls).toHaveLength(1);
    expect(heymarket.updateCalls).toHaveLength(2);
  });

  it('uses an identity override instead of looking the email up', async () => {
    const heymarket = new MemoryHeymarket().add(77, 'someone-else@example.test');
    const { deps, options } = workerDeps(heymarket, { identityOverrides: { 'standard:E1': 77 } });
    await syncBatch([queueRecord(makeChange())], deps, options);
    expect(heymarket.lookupCalls).toEqual([]);
    expect(heymarket.updateCalls).toEqual([[{ id: 77, first_name: 'Ada', last_name: 'Lovelace' }]]);
  });

  it('counts an ignored termination and calls nobody', async () => {
    const heymarket = new MemoryHeymarket().add(1, 'ada@example.test');
    const { deps, options } = workerDeps(heymarket);
    const result = await syncBatch([queueRecord(makeChange({ type: 'employee.terminated' }))], deps, options);
    expect(result).toMatchObject({ retry: [], summary: { skipped: { 'termination-ignored': 1 } } });
    expect(heymarket.lookupCalls).toEqual([]);
    expect(heymarket.updateCalls).toEqual([]);
  });
});
