import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BAMBOOHR_CREDENTIALS, type FakeBambooHr, startFakeBambooHr } from '../support/fake-bamboohr.js';
import { type ReconcileHarness, startReconcileHarness } from '../support/reconcile-harness.js';

// 60 employees whose Heymarket users all hold an old last name (a mapping mistake looks the same).
const employees = Array.from({ length: 60 }, (_, i) => ({
  id: String(3000 + i),
  firstName: `Given${i}`,
  lastName: `Family${i}`,
  workEmail: `cap${i}@example.test`,
}));
const users = employees.map((employee, i) => ({
  id: 20_000 + i,
  email: employee.workEmail,
  first_name: employee.firstName,
  last_name: `Old${i}`,
}));

let bamboohr: FakeBambooHr;
let harness: ReconcileHarness;
beforeAll(async () => {
  bamboohr = await startFakeBambooHr({ employees });
  harness = await startReconcileHarness({
    config: {
      providers: { bamboohr: { enabled: true, apiBaseUrl: bamboohr.url } },
      reconcile: { maxChanges: 25 },
    },
    users,
    hris: { bamboohr: BAMBOOHR_CREDENTIALS },
  });
});
afterAll(async () => {
  await harness.close();
  await bamboohr.close();
});

describe('the cap on changes per reconcile run', () => {
  it('enqueues nothing when more users differ than reconcile.maxChanges, and says why', async () => {
    const summary = await harness.run();
    expect(summary).toMatchObject({
      status: 'complete',
      listed: 60,
      matched: 60,
      differing: 60,
      enqueued: 0,
      skippedByCap: 60,
      maxChanges: 25,
    });
    expect(summary.capExceeded).toMatch(/60 users differ .* over the cap of 25 .*nothing was enqueued/);
    expect(harness.aws.messages(harness.queueUrl)).toEqual([]);
    expect(harness.aws.calls.filter((call) => call.action === 'SendMessageBatch')).toEqual([]);
  });

  it('logs it and counts ReconcileCapExceeded, which the cap alarm watches', () => {
    expect(harness.counts).toMatchObject({
      ReconcileCapExceeded: 1,
      ReconcileSkippedByCap: 60,
      ReconcileEnqueued: 0,
    });
    expect(harness.logs).toContainEqual({
      level: 'warn',
      message: 'reconcile cap exceeded',
      attributes: expect.objectContaining({ differing: 60, maxChanges: 25 }),
    });
  });

  it('lets one run through with a higher cap given for it (hr-sync reconcile --max-changes)', async () => {
    const summary = await harness.run({ maxChanges: 60 });
    expect(summary).toMatchObject({ differing: 60, enqueued: 60, skippedByCap: 0 });
    expect(summary.capExceeded).toBeUndefined();
    expect(await harness.work()).toBe(60);
  });
});
