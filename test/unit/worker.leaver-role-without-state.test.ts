import { describe, expect, it } from 'vitest';
import type { ConfigInput } from '../../lambda/config/schema.js';
import { syncBatch } from '../../lambda/service/sync-batch.js';
import { makeChange } from '../support/changes.js';
import { MemoryAppliedStore } from '../support/memory-applied-store.js';
import { MemoryHeymarket, queueRecord, workerDeps } from '../support/worker-deps.js';

const LEAVER_ROLE = 9;
const SUPPORT_ROLE = 5;
const config: ConfigInput = {
  roles: { rules: [{ match: { department: 'Support' }, roleId: SUPPORT_ROLE }] },
  termination: { action: 'move-to-role', roleId: LEAVER_ROLE },
};

/** A leaver whose applied record has expired (or was never written): Heymarket's role is all there is. */
async function syncLeaver(change: ReturnType<typeof makeChange>, applied = new MemoryAppliedStore()) {
  const heymarket = new MemoryHeymarket().add(7, 'ada@example.test');
  const user = heymarket.users.get(7);
  if (user) user.role_id = LEAVER_ROLE;
  const harness = workerDeps(heymarket, config);
  const result = await syncBatch([queueRecord(change)], { ...harness.deps, applied }, harness.options);
  return { result, user, applied };
}

describe('a user who holds the termination role, with nothing stored of the termination', () => {
  it('keeps it through an update that does not say the employee is back; names still sync', async () => {
    const { result, user } = await syncLeaver(
      makeChange({ employee: { firstName: 'Augusta', department: 'Support' } }),
    );

    expect(user?.role_id).toBe(LEAVER_ROLE);
    expect(user?.first_name).toBe('Augusta');
    expect(result.summary.skipped).toEqual({ leaver: 1 });
  });

  it('keeps it through an update whose status is not active', async () => {
    const { user } = await syncLeaver(
      makeChange({ employee: { status: 'inactive', department: 'Support' } }),
    );

    expect(user?.role_id).toBe(LEAVER_ROLE);
  });

  it('gives the role back for an explicit active status, a return when no termination is known', async () => {
    const { result, user } = await syncLeaver(
      makeChange({ employee: { status: 'active', department: 'Support' } }),
    );

    expect(user?.role_id).toBe(SUPPORT_ROLE);
    expect(result.summary.skipped).toEqual({});
  });

  it('keeps it for an active status no newer than a termination the store still knows', async () => {
    const applied = new MemoryAppliedStore();
    applied.states.set('standard#-#E1', { fields: {}, terminatedAt: Date.parse('2026-01-01T10:00:00Z') });

    const { user, applied: after } = await syncLeaver(
      makeChange({
        occurredAt: '2026-01-01T09:00:00Z',
        employee: { status: 'active', department: 'Support' },
      }),
      applied,
    );

    expect(user?.role_id).toBe(LEAVER_ROLE);
    // The stored termination goes back with the release, so the store can keep the record for good.
    expect(after.releaseCalls.at(-1)?.[0]).toMatchObject({
      terminatedAt: Date.parse('2026-01-01T10:00:00Z'),
    });
  });
});
