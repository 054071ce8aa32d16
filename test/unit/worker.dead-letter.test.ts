import { describe, expect, it } from 'vitest';
import { syncBatch } from '../../lambda/service/sync-batch.js';
import { makeChange } from '../support/changes.js';
import { MemoryHeymarket, queueRecord, workerDeps } from '../support/worker-deps.js';

describe('a message that can never succeed', () => {
  it('goes to the DLQ with its reason when no Heymarket user has the work email', async () => {
    const heymarket = new MemoryHeymarket().add(1, 'ada@example.test');
    const { deps, options, deadLettered } = workerDeps(heymarket);
    const unknown = queueRecord(makeChange({ employee: { id: 'E9', workEmail: 'nobody@example.test' } }), 3);

    const result = await syncBatch([unknown], deps, options);

    expect(result.retry).toEqual([]);
    expect(result.summary.deadLettered).toEqual({ 'unknown-email': 1 });
    expect(deadLettered).toEqual([
      {
        record: unknown,
        reason: {
          errorClass: 'unknown-email',
          message: 'no Heymarket user has the work email of employee E9',
          attempt: 3,
          firstSeenAt: '2026-03-01T11:59:00.000Z',
          requestId: undefined,
        },
      },
    ]);
    expect(JSON.stringify(deadLettered[0]?.reason)).not.toContain('nobody@example.test');
  });

  it('goes to the DLQ unchanged when the message is not a valid EmployeeChange', async () => {
    const { deps, options, deadLettered } = workerDeps(new MemoryHeymarket());
    const garbage = queueRecord('{"v":2,"hello":"world"}');
    const notJson = queueRecord('not json at all');

    const result = await syncBatch([garbage, notJson], deps, options);

    expect(result.retry).toEqual([]);
    expect(deadLettered.map(({ record, reason }) => [record.body, reason.errorClass])).toEqual([
      ['{"v":2,"hello":"world"}', 'invalid-message'],
      ['not json at all', 'invalid-message'],
    ]);
  });

  it('goes to the DLQ when the change has neither a work email nor an identity override', async () => {
    const { deps, options, deadLettered } = workerDeps(new MemoryHeymarket());
    await syncBatch([queueRecord(makeChange({ employee: { workEmail: undefined } }))], deps, options);
    expect(deadLettered.map(({ reason }) => reason.errorClass)).toEqual(['no-work-email']);
  });
});
