import { describe, expect, it } from 'vitest';
import { transient } from '../../lambda/core/errors.js';
import { syncBatch } from '../../lambda/service/sync-batch.js';
import { makeChange } from '../support/changes.js';
import { recordingMetrics } from '../support/recording-metrics.js';
import { MemoryHeymarket, queueRecord, workerDeps } from '../support/worker-deps.js';

const ADMIN = 1;
const roles = {
  rules: [{ match: { department: 'Support' }, roleId: 4 }],
  defaultRoleId: 6,
};

function holds(heymarket: MemoryHeymarket, userId: number, roleId: number) {
  const user = heymarket.users.get(userId);
  if (user) user.role_id = roleId;
}

function run(
  heymarket: MemoryHeymarket,
  config: Parameters<typeof workerDeps>[1],
  ...changes: ReturnType<typeof makeChange>[]
) {
  const harness = workerDeps(heymarket, config);
  const { metrics, counts } = recordingMetrics();
  const records = changes.map((change) => queueRecord(change));
  return syncBatch(records, { ...harness.deps, metrics }, harness.options).then((result) => ({
    ...result,
    ...harness,
    counts,
  }));
}

describe('a user who holds a protected role', () => {
  it('keeps the admin role when HR maps their department to the default role, and their names still update', async () => {
    const heymarket = new MemoryHeymarket().add(7, 'ada@example.test');
    holds(heymarket, 7, ADMIN);

    const result = await run(
      heymarket,
      { roles },
      makeChange({ employee: { firstName: 'Augusta', department: 'Finance' } }),
    );

    expect(heymarket.updateCalls).toEqual([[{ id: 7, first_name: 'Augusta', last_name: 'Lovelace' }]]);
    expect(heymarket.users.get(7)).toMatchObject({ role_id: ADMIN, first_name: 'Augusta' });
    expect(result.summary.skipped).toEqual({ 'protected-role': 1 });
    expect(result.counts['ChangesWithheld{reason=protected-role}']).toBe(1);
    expect(result.retry).toEqual([]);
    expect(result.deadLettered).toEqual([]);
  });

  it('logs the skip with ids and the reason only, never a name or an email', async () => {
    const heymarket = new MemoryHeymarket().add(7, 'ada@example.test');
    holds(heymarket, 7, ADMIN);

    const { logs } = await run(heymarket, { roles }, makeChange({ employee: { department: 'Support' } }));

    const withheld = logs.find((entry) => entry.message === 'change withheld');
    expect(withheld).toMatchObject({ level: 'warn', attributes: { userId: 7, reason: 'protected-role' } });
    expect(JSON.stringify(logs)).not.toMatch(/Ada|Lovelace|ada@example/);
  });

  it('keeps the admin role when the employee leaves and terminations move leavers to a role', async () => {
    const heymarket = new MemoryHeymarket().add(7, 'ada@example.test');
    holds(heymarket, 7, ADMIN);

    const result = await run(
      heymarket,
      { termination: { action: 'move-to-role', roleId: 9 } },
      makeChange({ type: 'employee.terminated', employee: { status: 'terminated' } }),
    );

    expect(heymarket.updateCalls).toEqual([]);
    expect(heymarket.users.get(7)?.role_id).toBe(ADMIN);
    expect(result.summary.skipped).toEqual({ 'protected-role': 1 });
  });

  it('honours a configured list of protected roles instead of the default admin role', async () => {
    const heymarket = new MemoryHeymarket().add(7, 'ada@example.test');
    holds(heymarket, 7, 5);

    await run(
      heymarket,
      { roles: { ...roles, protectedRoleIds: [5] } },
      makeChange({ employee: { department: 'Support' } }),
    );

    expect(heymarket.users.get(7)?.role_id).toBe(5);
  });

  it('still changes the role of a user who holds an ordinary one', async () => {
    const heymarket = new MemoryHeymarket().add(7, 'ada@example.test');

    const result = await run(heymarket, { roles }, makeChange({ employee: { department: 'Support' } }));

    expect(heymarket.updateCalls).toEqual([
      [{ id: 7, first_name: 'Ada', last_name: 'Lovelace', role_id: 4 }],
    ]);
    expect(result.summary.skipped).toEqual({});
  });
});

describe('the role a user holds now', () => {
  it('is read from users/get in the batch even when the user id is cached, in one call for the whole batch', async () => {
    const heymarket = new MemoryHeymarket().add(7, 'ada@example.test').add(8, 'grace@example.test');
    heymarket.add(9, 'alan@example.test');
    holds(heymarket, 7, ADMIN);
    const harness = workerDeps(heymarket, { roles });
    for (const [email, id] of [
      ['ada@example.test', 7],
      ['grace@example.test', 8],
      ['alan@example.test', 9],
    ] as const) {
      harness.deps.userIds.set(email, id);
    }

    await syncBatch(
      [
        queueRecord(makeChange({ eventId: 'a', employee: { id: 'E1', department: 'Support' } })),
        queueRecord(
          makeChange({
            eventId: 'g',
            employee: { id: 'E2', workEmail: 'grace@example.test', department: 'Support' },
          }),
        ),
        // Names only: the cached id is enough, and no read is spent on it.
        queueRecord(makeChange({ eventId: 'n', employee: { id: 'E3', workEmail: 'alan@example.test' } })),
      ],
      harness.deps,
      harness.options,
    );

    expect(heymarket.lookupCalls).toEqual([['ada@example.test', 'grace@example.test']]);
    expect(heymarket.users.get(7)?.role_id).toBe(ADMIN);
    expect(heymarket.users.get(8)?.role_id).toBe(4);
  });

  it('that cannot be read (an override with no work email) blocks the role change, not the names', async () => {
    const heymarket = new MemoryHeymarket().add(7, 'ada@example.test');

    const result = await run(
      heymarket,
      { roles, identityOverrides: { 'standard:E1': 7 } },
      makeChange({ employee: { workEmail: undefined, firstName: 'Augusta', department: 'Support' } }),
    );

    expect(heymarket.lookupCalls).toEqual([]);
    expect(heymarket.updateCalls).toEqual([[{ id: 7, first_name: 'Augusta', last_name: 'Lovelace' }]]);
    expect(result.summary.skipped).toEqual({ 'role-unverified': 1 });
    expect(result.counts['ChangesWithheld{reason=role-unverified}']).toBe(1);
  });

  it('read for another user than the override names blocks the role change', async () => {
    const heymarket = new MemoryHeymarket().add(7, 'ada@example.test').add(8, 'other@example.test');

    const result = await run(
      heymarket,
      { roles, identityOverrides: { 'standard:E1': 8 } },
      makeChange({ employee: { department: 'Support' } }),
    );

    expect(heymarket.updateCalls).toEqual([[{ id: 8, first_name: 'Ada', last_name: 'Lovelace' }]]);
    expect(heymarket.users.get(8)?.role_id).toBe(4);
    expect(result.summary.skipped).toEqual({ 'role-unverified': 1 });
  });

  it('that failed to be read sends the change back to the queue rather than guessing', async () => {
    const heymarket = new MemoryHeymarket().add(7, 'ada@example.test');
    heymarket.lookupFailure = transient('heymarket-503', 'Heymarket GET /v1/users/get answered 503');
    const harness = workerDeps(heymarket, { roles });
    harness.deps.userIds.set('ada@example.test', 7);
    const record = queueRecord(makeChange({ employee: { department: 'Support' } }));

    const result = await syncBatch([record], harness.deps, harness.options);

    expect(heymarket.updateCalls).toEqual([]);
    expect(result.retry).toEqual([record.messageId]);
  });
});
