import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BAMBOOHR_CREDENTIALS,
  type FakeBambooHr,
  type FakeEmployee,
  startFakeBambooHr,
} from '../support/fake-bamboohr.js';
import type { FakeUserInput } from '../support/fake-heymarket.js';
import { type ReconcileHarness, startReconcileHarness } from '../support/reconcile-harness.js';

// 520 invented employees: 500 with a Heymarket user, 10 whose email Heymarket does not know, 10 with no
// work email. A fifth of the users hold an old last name, an eighth a wrong role.
const COUNT = 520;
const DEPARTMENTS = ['Customer Support', 'Sales', 'Engineering'] as const;
const ROLE_OF: Record<string, number> = { 'Customer Support': 4, Sales: 6, Engineering: 5 };
const employees: FakeEmployee[] = Array.from({ length: COUNT }, (_, i) => ({
  id: String(2000 + i),
  firstName: `Given${i}`,
  lastName: `Family${i}`,
  ...(i % 7 === 0 ? { preferredName: `Pref${i}` } : {}),
  ...(i < 510 ? { workEmail: `person${i}@example.test` } : {}),
  jobTitle: 'Agent',
  department: DEPARTMENTS[i % 3] as string,
}));
const expected = (i: number) => ({
  first_name: i % 7 === 0 ? `Pref${i}` : `Given${i}`,
  last_name: `Family${i}`,
  role_id: ROLE_OF[DEPARTMENTS[i % 3] as string] as number,
});
const nameDrift = (i: number) => i % 5 === 0;
const roleDrift = (i: number) => i % 8 === 1;
const users: FakeUserInput[] = Array.from({ length: 500 }, (_, i) => ({
  id: 10_000 + i,
  email: `person${i}@example.test`,
  ...expected(i),
  ...(nameDrift(i) ? { last_name: `Old${i}` } : {}),
  ...(roleDrift(i) ? { role_id: 9 } : {}),
}));
const drifted = users.filter((_, i) => nameDrift(i) || roleDrift(i)).length;

let bamboohr: FakeBambooHr;
let harness: ReconcileHarness;
beforeAll(async () => {
  bamboohr = await startFakeBambooHr({ employees });
  harness = await startReconcileHarness({
    config: {
      providers: { standard: { enabled: false }, bamboohr: { enabled: true, apiBaseUrl: bamboohr.url } },
      roles: {
        rules: [
          { match: { department: 'Customer Support' }, roleId: 4 },
          { match: { department: 'Sales' }, roleId: 6 },
        ],
        defaultRoleId: 5,
      },
      reconcile: { maxChanges: 1000 },
    },
    users,
    hris: { bamboohr: BAMBOOHR_CREDENTIALS },
  });
});
afterAll(async () => {
  await harness.close();
  await bamboohr.close();
});

describe('reconcile of a drifted directory', () => {
  it('enqueues one change per drifted user, and after the worker every user matches the HR system', async () => {
    const lookupsBefore = harness.heymarket.requests.length;
    const summary = await harness.run();
    const lookups = harness.heymarket.requests.slice(lookupsBefore);
    const sendBatches = harness.aws.calls.filter((call) => call.action === 'SendMessageBatch').length;
    const tableCalls = harness.aws.calls.filter((call) => call.action === 'UpdateItem').length;

    expect(summary).toMatchObject({
      status: 'complete',
      listed: COUNT,
      matched: 500,
      differing: drifted,
      enqueued: drifted,
      unmatched: 20,
      unmatchedByReason: { 'no-email': 10, 'no-user': 10, override: 0 },
      skippedByCap: 0,
      listedByProvider: { bamboohr: COUNT },
      failures: {},
    });
    // One report, one users/get per 50 employees, ten changes per SendMessageBatch, no users/update.
    expect(bamboohr.requests).toHaveLength(1);
    expect(lookups.map((request) => request.path)).toEqual(
      Array(Math.ceil(COUNT / 50)).fill('/v1/users/get'),
    );
    expect(sendBatches).toBe(Math.ceil(drifted / 10));
    console.log(
      `reconcile of ${COUNT} employees: ${bamboohr.requests.length} BambooHR call, ${lookups.length} users/get, ` +
        `${sendBatches} SendMessageBatch for ${drifted} changes, ${tableCalls} DynamoDB UpdateItem (claim + finish)`,
    );

    const taken = await harness.work();
    expect(taken).toBe(drifted);
    expect(harness.deadLettered).toEqual([]);
    for (let i = 0; i < 500; i++) {
      const user = harness.heymarket.users.get(10_000 + i);
      expect(
        { first_name: user?.first_name, last_name: user?.last_name, role_id: user?.role_id },
        `user ${i}`,
      ).toEqual(expected(i));
    }
  });

  it('enqueues nothing on a second run once the directory has converged', async () => {
    const summary = await harness.run();
    expect(summary).toMatchObject({
      status: 'complete',
      listed: COUNT,
      matched: 500,
      differing: 0,
      enqueued: 0,
    });
    expect(harness.aws.messages(harness.queueUrl)).toEqual([]);
    expect(harness.heymarket.requests.filter((request) => request.path === '/v1/users/update')).toHaveLength(
      Math.ceil(drifted / 50),
    );
  });

  it('emits the summary as metrics and logs no name or email', () => {
    expect(harness.counts).toMatchObject({
      ReconcileListed: 2 * COUNT,
      ReconcileMatched: 1000,
      ReconcileDiffering: drifted,
      ReconcileEnqueued: drifted,
      ReconcileUnmatched: 40,
      ReconcileSkippedByCap: 0,
    });
    expect(harness.counts).not.toHaveProperty('ReconcileCapExceeded');
    const written = JSON.stringify([harness.logs, harness.counts]);
    expect(written).not.toMatch(/example\.test|Given\d|Family\d|Pref\d|Old\d/);
    expect(harness.logs.findLast((line) => line.message === 'reconcile done')?.attributes).toMatchObject({
      listed: COUNT,
      differing: 0,
    });
  });
});
