import { describe, expect, it } from 'vitest';
import { syncBatch } from '../../lambda/service/sync-batch.js';
import { makeChange } from '../support/changes.js';
import { MemoryAppliedStore } from '../support/memory-applied-store.js';
import { MemoryHeymarket, queueRecord, workerDeps } from '../support/worker-deps.js';

describe('when the applied store fails', () => {
  it('retries every change whose employee cannot be claimed, sending nothing', async () => {
    const heymarket = new MemoryHeymarket().add(1, 'ada@example.test');
    const applied = new MemoryAppliedStore();
    applied.claimDown = true;
    const { deps, options, deadLettered } = workerDeps(heymarket);
    const records = [queueRecord(makeChange({ eventId: 'a' })), queueRecord(makeChange({ eventId: 'b' }))];

    const result = await syncBatch(records, { ...deps, applied }, options);

    expect(result.retry.sort()).toEqual(records.map((record) => record.messageId).sort());
    expect(result.summary.retried).toEqual({ 'applied-store-unavailable': 2 });
    expect(deadLettered).toEqual([]);
    expect(heymarket.lookupCalls).toEqual([]);
    expect(heymarket.updateCalls).toEqual([]);
  });

  it('claims each employee of a batch once', async () => {
    const heymarket = new MemoryHeymarket().add(1, 'ada@example.test').add(2, 'bob@example.test');
    const applied = new MemoryAppliedStore();
    const { deps, options } = workerDeps(heymarket);
    await syncBatch(
      [
        queueRecord(makeChange({ eventId: 'a' })),
        queueRecord(makeChange({ eventId: 'b', employee: { id: 'E2', workEmail: 'bob@example.test' } })),
        queueRecord(makeChange({ eventId: 'c', occurredAt: '2026-01-01T12:00:00Z' })),
      ],
      { ...deps, applied },
      options,
    );
    expect(applied.claimCalls).toEqual([['standard#-#E1', 'standard#-#E2']]);
    expect(applied.releaseCalls.map((entries) => entries.map((entry) => entry.employeeKey))).toEqual([
      ['standard#-#E1', 'standard#-#E2'],
    ]);
  });

  it('delivers the change again when the record fails after Heymarket accepted it', async () => {
    const heymarket = new MemoryHeymarket().add(1, 'ada@example.test');
    const applied = new MemoryAppliedStore();
    applied.releaseDown = true;
    const { deps, options, deadLettered, logs } = workerDeps(heymarket);
    const record = queueRecord(makeChange());

    const result = await syncBatch([record], { ...deps, applied }, options);

    expect(result).toMatchObject({
      retry: [record.messageId],
      summary: { patched: 1, retried: { 'applied-store-unavailable': 1 } },
    });
    expect(deadLettered).toEqual([]);
    expect(logs).toContainEqual({
      level: 'warn',
      message: 'applied state not recorded',
      attributes: { code: 'applied-store-unavailable' },
    });
  });
});
