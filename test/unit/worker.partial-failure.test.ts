import { describe, expect, it } from 'vitest';
import { permanent, SyncError, transient } from '../../lambda/core/errors.js';
import { syncBatch } from '../../lambda/service/sync-batch.js';
import { makeChange } from '../support/changes.js';
import { MemoryHeymarket, queueRecord, workerDeps } from '../support/worker-deps.js';

const ada = (eventId: string) => queueRecord(makeChange({ eventId }));
const bob = (eventId: string) =>
  queueRecord(makeChange({ eventId, employee: { id: 'E2', workEmail: 'bob@example.test' } }));

describe('when part of a batch fails', () => {
  it('retries only the messages of the user whose update failed transiently', async () => {
    const heymarket = new MemoryHeymarket().add(1, 'ada@example.test').add(2, 'bob@example.test');
    heymarket.failures.set(2, transient('heymarket-5xx', 'Heymarket answered 503', { status: 503 }));
    const { deps, options, deadLettered } = workerDeps(heymarket);
    const [a, b1, b2] = [ada('a'), bob('b1'), bob('b2')];

    const result = await syncBatch([a, b1, b2] as const, deps, options);

    expect(result.retry.sort()).toEqual([b1.messageId, b2.messageId].sort());
    expect(deadLettered).toEqual([]);
    expect(heymarket.users.get(1)?.first_name).toBe('Ada');
  });

  it('retries every message needing a lookup when the lookup fails transiently', async () => {
    const heymarket = new MemoryHeymarket().add(1, 'ada@example.test');
    heymarket.lookupFailure = transient('heymarket-429', 'Heymarket answered 429', { status: 429 });
    const { deps, options } = workerDeps(heymarket, { identityOverrides: { 'standard:E2': 2 } });
    heymarket.add(2, 'bob@example.test');
    const [a, b] = [ada('a'), bob('b')];

    const result = await syncBatch([a, b], deps, options);

    expect(result.retry).toEqual([a.messageId]);
    expect(heymarket.users.get(2)?.first_name).toBe('Ada');
  });

  it('retries rather than dead-letters when Heymarket rejects the credentials', async () => {
    const heymarket = new MemoryHeymarket().add(1, 'ada@example.test');
    heymarket.failures.set(1, new SyncError('auth', 'heymarket-401', 'Heymarket answered 401 twice'));
    const { deps, options, deadLettered } = workerDeps(heymarket);
    const a = ada('a');
    expect((await syncBatch([a], deps, options)).retry).toEqual([a.messageId]);
    expect(deadLettered).toEqual([]);
  });

  it('keeps a permanent failure on the queue when the DLQ cannot be reached', async () => {
    const heymarket = new MemoryHeymarket();
    const { deps, options, deadLettered, breakDlq } = workerDeps(heymarket);
    breakDlq();
    const a = ada('a');
    const result = await syncBatch([a], deps, options);
    expect(result.retry).toEqual([a.messageId]);
    expect(result.summary.retried).toEqual({ 'dlq-unavailable': 1 });
    expect(deadLettered).toEqual([]);
  });

  it('calls Heymarket not at all when too little time is left, and retries everything', async () => {
    const heymarket = new MemoryHeymarket().add(1, 'ada@example.test');
    const { deps } = workerDeps(heymarket);
    const a = ada('a');
    const result = await syncBatch([a], deps, { deadline: deps.now() + 1_000 });
    expect(result.retry).toEqual([a.messageId]);
    expect(heymarket.lookupCalls).toEqual([]);
    expect(heymarket.updateCalls).toEqual([]);
  });

  it('dead-letters a user Heymarket rejects permanently, and nobody else', async () => {
    const heymarket = new MemoryHeymarket().add(1, 'ada@example.test').add(2, 'bob@example.test');
    heymarket.failures.set(
      2,
      permanent('heymarket-400', 'Heymarket answered 400', { status: 400, requestId: 'r-9' }),
    );
    const { deps, options, deadLettered } = workerDeps(heymarket);
    const [a, b] = [ada('a'), bob('b')];

    const result = await syncBatch([a, b], deps, options);

    expect(result.retry).toEqual([]);
    expect(deadLettered.map(({ record }) => record.messageId)).toEqual([b.messageId]);
    expect(deadLettered[0]?.reason).toMatchObject({
      errorClass: 'heymarket-400',
      requestId: 'r-9',
      attempt: 1,
    });
  });
});
