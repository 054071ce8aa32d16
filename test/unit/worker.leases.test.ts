import { describe, expect, it } from 'vitest';
import { transient } from '../../lambda/core/errors.js';
import { syncBatch } from '../../lambda/service/sync-batch.js';
import { makeChange } from '../support/changes.js';
import { MemoryAppliedStore } from '../support/memory-applied-store.js';
import { MemoryHeymarket, queueRecord, workerDeps } from '../support/worker-deps.js';

const NOW = Date.parse('2026-03-01T12:00:00Z');

describe('two invocations with changes for the same employee take turns', () => {
  it('leaves an employee another live invocation holds for the next delivery, sending nothing for it', async () => {
    const heymarket = new MemoryHeymarket().add(1, 'ada@example.test').add(2, 'bob@example.test');
    const applied = new MemoryAppliedStore(() => NOW);
    applied.leases.set('standard#-#E1', { owner: 'another-invocation', until: NOW + 60_000 });
    const { deps, options, deadLettered } = workerDeps(heymarket);
    const held = queueRecord(makeChange({ eventId: 'a' }));
    const free = queueRecord(
      makeChange({ eventId: 'b', employee: { id: 'E2', workEmail: 'bob@example.test' } }),
    );

    const result = await syncBatch([held, free], { ...deps, applied }, options);

    expect(result.retry).toEqual([held.messageId]);
    expect(result.summary.retried).toEqual({ 'employee-busy': 1 });
    expect(heymarket.updateCalls.flat().map((patch) => patch.id)).toEqual([2]);
    expect(deadLettered).toEqual([]);
    expect(applied.leases.get('standard#-#E1')?.owner).toBe('another-invocation');
  });

  it('takes over an employee whose holder is gone (its lease has expired)', async () => {
    const heymarket = new MemoryHeymarket().add(1, 'ada@example.test');
    const applied = new MemoryAppliedStore(() => NOW);
    applied.leases.set('standard#-#E1', { owner: 'timed-out-invocation', until: NOW - 1 });
    const { deps, options } = workerDeps(heymarket);

    const result = await syncBatch([queueRecord(makeChange())], { ...deps, applied }, options);

    expect(result.retry).toEqual([]);
    expect(heymarket.updateCalls).toHaveLength(1);
    expect(applied.leases.has('standard#-#E1')).toBe(false);
  });

  it('holds an employee past its own deadline, never less', async () => {
    const heymarket = new MemoryHeymarket().add(1, 'ada@example.test');
    const applied = new MemoryAppliedStore(() => NOW);
    const seen: number[] = [];
    const claim = applied.claim.bind(applied);
    applied.claim = (keys, lease) => {
      seen.push(lease.until);
      return claim(keys, lease);
    };
    const { deps, options } = workerDeps(heymarket);

    await syncBatch([queueRecord(makeChange())], { ...deps, applied }, options);

    expect(seen).toHaveLength(1);
    expect(seen[0]).toBeGreaterThan(options.deadline);
  });

  it('lets every employee it claimed go, also when Heymarket fails', async () => {
    const heymarket = new MemoryHeymarket().add(1, 'ada@example.test');
    heymarket.failures.set(1, transient('heymarket-503', 'Heymarket answered 503'));
    const applied = new MemoryAppliedStore(() => NOW);
    const { deps, options } = workerDeps(heymarket);

    const result = await syncBatch([queueRecord(makeChange())], { ...deps, applied }, options);

    expect(result.retry).toHaveLength(1);
    expect(applied.leases.size).toBe(0);
  });

  it('reads and writes no state in a dry run', async () => {
    const heymarket = new MemoryHeymarket().add(1, 'ada@example.test');
    const applied = new MemoryAppliedStore(() => NOW);
    const { deps, options } = workerDeps(heymarket, { dryRun: true });

    await syncBatch([queueRecord(makeChange())], { ...deps, applied }, options);

    expect(applied.claimCalls).toEqual([]);
    expect(applied.releaseCalls).toEqual([]);
  });
});
