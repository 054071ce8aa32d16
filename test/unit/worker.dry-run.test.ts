import { describe, expect, it } from 'vitest';
import { syncBatch } from '../../lambda/service/sync-batch.js';
import { makeChange } from '../support/changes.js';
import { MemoryHeymarket, queueRecord, workerDeps } from '../support/worker-deps.js';

describe('dry run', () => {
  it('logs the patch it would send, by user id and field names, and sends none', async () => {
    const heymarket = new MemoryHeymarket().add(1, 'ada@example.test');
    const { deps, options, logs } = workerDeps(heymarket, {
      dryRun: true,
      roles: { rules: [{ match: { department: 'Support' }, roleId: 4 }] },
    });

    const result = await syncBatch(
      [queueRecord(makeChange({ employee: { department: 'Support' } }))],
      deps,
      options,
    );

    expect(heymarket.updateCalls).toEqual([]);
    expect(result.summary).toMatchObject({ dryRun: true, patched: 1 });
    expect(logs).toContainEqual({
      level: 'info',
      message: 'dry run: would update user',
      attributes: { userId: 1, fields: ['first_name', 'last_name', 'role_id'], messages: 1 },
    });
    expect(JSON.stringify(logs)).not.toMatch(/Ada|Lovelace|ada@example/);
  });
});
