import { afterEach, describe, expect, it } from 'vitest';
import type { QueueRecord } from '../../lambda/core/ports.js';
import { DEFAULT_RETRY_POLICY } from '../../lambda/net/retry.js';
import { bambooHrTeam, thinBambooHrChange, thinBambooHrWorker } from '../support/thin-worker.js';
import { queueRecord } from '../support/worker-deps.js';

/**
 * Thin events are read from the HR API once per employee (provider, tenant, employee id) per batch,
 * the one read shared by every event of that employee: through the worker and its BambooHR enricher
 * against the loopback fakes, counting the requests BambooHR received.
 */
const HOUR_MS = 3_600_000;
const at = (minutes: number) => new Date(Date.now() - HOUR_MS + minutes * 60_000).toISOString();
let harness: Awaited<ReturnType<typeof thinBambooHrWorker>> | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

/** `perEmployee` thin events for each employee, interleaved as a webhook stream mixes them. */
function thinEvents(ids: readonly string[], perEmployee: number, tenant?: string): QueueRecord[] {
  const records: QueueRecord[] = [];
  for (let round = 0; round < perEmployee; round += 1) {
    for (const id of ids) {
      const change = thinBambooHrChange(id, `evt-${id}-${round}-${tenant ?? ''}`, at(round));
      records.push(queueRecord(tenant === undefined ? change : { ...change, tenant }));
    }
  }
  return records;
}

describe('thin BambooHR events in one batch', () => {
  it('90 thin BambooHR events for 30 employees in one batch read each employee once', async () => {
    const team = bambooHrTeam(30);
    harness = await thinBambooHrWorker(team);
    const ids = team.employees.map((employee) => employee.id);

    const result = await harness.sync(thinEvents(ids, 3));

    expect(harness.reads()).toHaveLength(30);
    expect(new Set(harness.reads())).toEqual(new Set(ids));
    expect(result.retry).toEqual([]);
    expect(result.summary).toMatchObject({ enriched: 90, patched: 30 });
    // Every user holds the names BambooHR has, in one users/update for the 30 users.
    expect(harness.heymarketCalls('/v1/users/update')).toBe(1);
    expect(harness.fake.users.get(7000)).toMatchObject({ first_name: 'First0', last_name: 'Last0' });
    expect(harness.fake.users.get(7029)).toMatchObject({ first_name: 'First29', last_name: 'Last29' });
  });

  it('a failed HR read retries every message that needed it, and only those', async () => {
    const team = bambooHrTeam(3);
    harness = await thinBambooHrWorker(team);
    const records = thinEvents(['100', '101', '102'], 3);
    // BambooHR answers 503 to every read of employee 101 within the invocation's retries.
    harness.bamboohr.inject(
      { kind: 'status', status: 503 },
      DEFAULT_RETRY_POLICY.maxAttempts,
      '/api/gateway.php/acme/v1/employees/101',
    );

    const result = await harness.sync(records);

    const about101 = records.filter((record) => JSON.parse(record.body).employee.id === '101');
    expect(result.retry.sort()).toEqual(about101.map((record) => record.messageId).sort());
    expect(harness.deadLettered).toEqual([]);
    // One read of 101 (its attempts), not one per event; the others were read once and applied.
    expect(harness.reads().filter((id) => id === '101')).toHaveLength(DEFAULT_RETRY_POLICY.maxAttempts);
    expect(
      harness
        .reads()
        .filter((id) => id !== '101')
        .sort(),
    ).toEqual(['100', '102']);
    expect(result.summary).toMatchObject({ enriched: 6, patched: 2 });
  });

  it('an employee BambooHR no longer has sends each of its events to the DLQ, after one read', async () => {
    const team = bambooHrTeam(2);
    harness = await thinBambooHrWorker(team);
    const records = thinEvents(['100', '999'], 3);

    const result = await harness.sync(records);

    expect(result.retry).toEqual([]);
    expect(harness.deadLettered.map(({ reason }) => reason.errorClass)).toEqual([
      'employee-not-found',
      'employee-not-found',
      'employee-not-found',
    ]);
    expect(harness.reads().sort()).toEqual(['100', '999']);
  });

  it('reads the same employee id once per tenant: two companies are two employees', async () => {
    const team = bambooHrTeam(1);
    harness = await thinBambooHrWorker(team);

    await harness.sync([...thinEvents(['100'], 2, 'company-a'), ...thinEvents(['100'], 2, 'company-b')]);

    expect(harness.reads()).toEqual(['100', '100']);
  });
});
