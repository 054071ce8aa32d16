import { describe, expect, it } from 'vitest';
import type { Employee, EmployeeChange } from '../../lambda/core/employee-change.js';
import { permanent, transient } from '../../lambda/core/errors.js';
import { syncBatch } from '../../lambda/service/sync-batch.js';
import { makeChange } from '../support/changes.js';
import { MemoryHeymarket, queueRecord, workerDeps } from '../support/worker-deps.js';

const thin = (id: string) =>
  makeChange({
    provider: 'bamboohr',
    eventId: `evt-${id}`,
    needsEnrichment: true,
    employee: { id, workEmail: undefined, firstName: undefined, lastName: undefined },
  });

/** The worker's `enrich` from a read of one change (each test names distinct employees). */
const readEach =
  (read: (change: EmployeeChange) => Promise<Employee>) => async (changes: readonly EmployeeChange[]) =>
    Promise.all(changes.map(async (change) => ({ employee: await read(change) })));

const directory: Record<string, Employee> = {
  E1: { id: 'E1', workEmail: 'ada@example.test', firstName: 'Ada', lastName: 'Byron', department: 'Support' },
  E2: { id: 'E2', workEmail: 'bob@example.test', firstName: 'Bob', lastName: 'Builder' },
};

describe('a thin event', () => {
  it('is filled in from the HR system before it is mapped', async () => {
    const heymarket = new MemoryHeymarket().add(1, 'ada@example.test');
    const { deps, options } = workerDeps(heymarket, {
      roles: { rules: [{ match: { department: 'Support' }, roleId: 4 }] },
    });
    const asked: EmployeeChange[] = [];
    deps.enrich = readEach(async (change: EmployeeChange) => {
      asked.push(change);
      return directory[change.employee.id] as Employee;
    });

    const result = await syncBatch([queueRecord(thin('E1'))], deps, options);

    expect(asked.map((change) => change.employee.id)).toEqual(['E1']);
    expect(result.summary).toMatchObject({ enriched: 1, patched: 1 });
    expect(heymarket.updateCalls).toEqual([[{ id: 1, first_name: 'Ada', last_name: 'Byron', role_id: 4 }]]);
  });

  it('goes to the DLQ when the HR system no longer has the employee', async () => {
    const { deps, options, deadLettered } = workerDeps(new MemoryHeymarket());
    deps.enrich = readEach(async () => {
      throw permanent('employee-not-found', 'bamboohr has no employee E9');
    });
    const result = await syncBatch([queueRecord(thin('E9'))], deps, options);
    expect(result.retry).toEqual([]);
    expect(deadLettered.map(({ reason }) => reason.errorClass)).toEqual(['employee-not-found']);
  });

  it('is retried when the HR system is busy or answers with data older than the event', async () => {
    const { deps, options, deadLettered } = workerDeps(new MemoryHeymarket());
    const [busy, stale] = [queueRecord(thin('E1')), queueRecord(thin('E2'))];
    deps.enrich = readEach(async (change: EmployeeChange) => {
      throw change.employee.id === 'E1'
        ? transient('bamboohr-429', 'bamboohr answered 429')
        : transient('hr-stale-read', 'hibob returned a record older than the event');
    });
    const result = await syncBatch([busy, stale], deps, options);
    expect(result.retry.sort()).toEqual([busy.messageId, stale.messageId].sort());
    expect(deadLettered).toEqual([]);
  });

  it('is not fetched when it is a termination the configuration ignores', async () => {
    const { deps, options } = workerDeps(new MemoryHeymarket());
    let calls = 0;
    deps.enrich = readEach(async () => {
      calls += 1;
      return directory.E1 as Employee;
    });
    const leaver = { ...thin('E1'), type: 'employee.terminated' as const };
    const result = await syncBatch([queueRecord(leaver)], deps, options);
    expect(calls).toBe(0);
    expect(result.summary.skipped).toEqual({ 'termination-ignored': 1 });
  });

  it('goes to the DLQ with a reason when the worker has no HR API for its provider', async () => {
    const { deps, options, deadLettered } = workerDeps(new MemoryHeymarket());
    await syncBatch([queueRecord(thin('E1'))], deps, options);
    expect(deadLettered.map(({ reason }) => reason.errorClass)).toEqual(['enrichment-unavailable']);
  });

  it('is fetched a few at a time, never the whole batch at once', async () => {
    const heymarket = new MemoryHeymarket();
    const { deps, options } = workerDeps(heymarket);
    let inFlight = 0;
    let peak = 0;
    deps.enrich = readEach(async (change: EmployeeChange) => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setImmediate(resolve));
      inFlight -= 1;
      return { id: change.employee.id, workEmail: `${change.employee.id}@example.test`, firstName: 'X' };
    });
    const records = Array.from({ length: 20 }, (_, index) => queueRecord(thin(`E${index}`)));
    const result = await syncBatch(records, deps, options);
    expect(result.summary.enriched).toBe(20);
    expect(peak).toBe(4);
  });
});
