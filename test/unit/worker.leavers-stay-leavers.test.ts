import { describe, expect, it } from 'vitest';
import type { ConfigInput } from '../../lambda/config/schema.js';
import { syncBatch } from '../../lambda/service/sync-batch.js';
import { makeChange } from '../support/changes.js';
import { MemoryAppliedStore } from '../support/memory-applied-store.js';
import { recordingMetrics } from '../support/recording-metrics.js';
import { MemoryHeymarket, queueRecord, workerDeps } from '../support/worker-deps.js';

const LEAVER_ROLE = 9;
const SUPPORT_ROLE = 5;
/** What `MemoryHeymarket` gives every user to begin with. */
const FIRST_ROLE = 4;
const roles = { rules: [{ match: { department: 'Support' }, roleId: SUPPORT_ROLE }] };
const moveToRole: ConfigInput = { roles, termination: { action: 'move-to-role', roleId: LEAVER_ROLE } };

/** Each batch its own invocation (fresh email cache), sharing one Heymarket and, unless told, one applied store. */
function worker(config: ConfigInput, applied: MemoryAppliedStore | undefined = new MemoryAppliedStore()) {
  const heymarket = new MemoryHeymarket().add(7, 'ada@example.test');
  const logs: { message: string; attributes: Record<string, unknown> }[] = [];
  const counts: Record<string, number> = {};
  const run = async (...changes: ReturnType<typeof makeChange>[]) => {
    const harness = workerDeps(heymarket, config);
    const recording = recordingMetrics();
    const records = changes.map((change) => queueRecord(change));
    const result = await syncBatch(
      records,
      { ...harness.deps, metrics: recording.metrics, ...(applied ? { applied } : {}) },
      harness.options,
    );
    logs.push(...harness.logs);
    for (const [name, n] of Object.entries(recording.counts)) counts[name] = (counts[name] ?? 0) + n;
    return { ...result, records, deadLettered: harness.deadLettered };
  };
  return { heymarket, applied, logs, counts, run, role: () => heymarket.users.get(7)?.role_id };
}

const termination = (occurredAt: string) =>
  makeChange({
    eventId: `term-${occurredAt}`,
    type: 'employee.terminated',
    occurredAt,
    employee: { status: 'terminated' },
  });
const partialUpdate = (
  occurredAt: string,
  employee: NonNullable<Parameters<typeof makeChange>[0]>['employee'] = {},
) =>
  makeChange({
    eventId: `upd-${occurredAt}`,
    occurredAt,
    employee: { firstName: 'Augusta', lastName: undefined, department: 'Support', ...employee },
  });

describe('leavers stay leavers', () => {
  it('keeps the termination role when a later update without a status comes in a later batch; names still sync', async () => {
    const sync = worker(moveToRole);
    await sync.run(termination('2026-02-01T10:00:00Z'));
    expect(sync.role()).toBe(LEAVER_ROLE);

    const result = await sync.run(partialUpdate('2026-02-02T10:00:00Z'));

    expect(sync.role()).toBe(LEAVER_ROLE);
    expect(sync.heymarket.users.get(7)?.first_name).toBe('Augusta');
    expect(sync.heymarket.updateCalls[1]).toEqual([{ id: 7, first_name: 'Augusta' }]);
    expect(result.summary.skipped).toEqual({ leaver: 1 });
    expect(sync.counts['ChangesWithheld{reason=leaver}']).toBe(1);
  });

  it('keeps the termination role when the termination and a later update come in one batch, in any order', async () => {
    const sync = worker(moveToRole);

    await sync.run(partialUpdate('2026-02-02T10:00:00Z'), termination('2026-02-01T10:00:00Z'));

    expect(sync.role()).toBe(LEAVER_ROLE);
    expect(sync.heymarket.users.get(7)?.first_name).toBe('Augusta');
  });

  it('holds within a batch even with no applied store, the only guarantee it can give there', async () => {
    const sync = worker(moveToRole, undefined);

    await sync.run(termination('2026-02-01T10:00:00Z'), partialUpdate('2026-02-02T10:00:00Z'));

    expect(sync.role()).toBe(LEAVER_ROLE);
  });

  it('records a termination the configuration ignores, with no Heymarket call, and later updates leave the role alone', async () => {
    const sync = worker({ roles, termination: { action: 'ignore' } });
    const first = await sync.run(termination('2026-02-01T10:00:00Z'));
    expect(sync.heymarket.lookupCalls).toEqual([]);
    expect(sync.heymarket.updateCalls).toEqual([]);
    expect(first.summary.skipped).toEqual({ 'termination-ignored': 1 });
    expect(sync.applied?.states.get('standard#-#E1')).toMatchObject({
      terminatedAt: Date.parse('2026-02-01T10:00:00Z'),
    });

    await sync.run(partialUpdate('2026-02-02T10:00:00Z'));

    expect(sync.role()).toBe(FIRST_ROLE);
    expect(sync.heymarket.updateCalls).toEqual([[{ id: 7, first_name: 'Augusta' }]]);
  });

  it('honours a rehire (status active, newer than the termination): the role is restored and the rehire logged and counted', async () => {
    const sync = worker(moveToRole);
    await sync.run(termination('2026-02-01T10:00:00Z'));

    const result = await sync.run(partialUpdate('2026-03-01T09:00:00Z', { status: 'active' }));

    expect(sync.role()).toBe(SUPPORT_ROLE);
    expect(result.summary).toMatchObject({ rehired: 1, skipped: {} });
    expect(sync.logs).toContainEqual({
      level: 'info',
      message: 'rehire: role changes allowed again',
      attributes: { messageId: result.records[0]?.messageId },
    });
    expect(sync.counts.Rehires).toBe(1);
  });

  it('lets later updates set the role again once the employee is back', async () => {
    const sync = worker(moveToRole);
    await sync.run(termination('2026-02-01T10:00:00Z'));
    await sync.run(
      makeChange({ eventId: 'back', occurredAt: '2026-03-01T09:00:00Z', employee: { status: 'active' } }),
    );

    await sync.run(partialUpdate('2026-03-02T09:00:00Z'));

    expect(sync.role()).toBe(SUPPORT_ROLE);
  });

  it('leaves the role untouched for an active status older than the termination', async () => {
    // Under `ignore` the termination set no role, so only the leaver rule can keep this one out.
    const sync = worker({ roles, termination: { action: 'ignore' } });
    await sync.run(termination('2026-02-01T10:00:00Z'));

    const result = await sync.run(partialUpdate('2026-01-15T10:00:00Z', { status: 'active' }));

    expect(sync.role()).toBe(FIRST_ROLE);
    expect(result.summary.skipped).toEqual({ leaver: 1 });
    expect(result.summary.rehired).toBe(0);
    expect(sync.counts.Rehires).toBeUndefined();
  });

  it('does not move to the termination role a leaver whose return, newer than the termination, came first', async () => {
    const sync = worker(moveToRole);
    await sync.run(partialUpdate('2026-03-01T09:00:00Z', { status: 'active' }));

    await sync.run(termination('2026-02-01T10:00:00Z'));

    expect(sync.role()).toBe(SUPPORT_ROLE);
  });
});
