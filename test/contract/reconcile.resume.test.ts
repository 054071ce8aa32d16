import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReconcileState } from '../../lambda/aws/reconcile-state.js';
import type { HeymarketUsers } from '../../lambda/core/ports.js';
import { RECONCILE_STATE_KEY } from '../../lambda/core/reconcile-progress.js';
import type { ReconcileOptions } from '../../lambda/service/reconcile-deps.js';
import { BAMBOOHR_CREDENTIALS, type FakeBambooHr, startFakeBambooHr } from '../support/fake-bamboohr.js';
import { type ReconcileHarness, startReconcileHarness, TABLE } from '../support/reconcile-harness.js';

// 300 employees, every tenth user holding an old last name: 15 in each half of the listing.
const employees = Array.from({ length: 300 }, (_, i) => ({
  id: String(4000 + i),
  firstName: `Given${i}`,
  lastName: `Family${i}`,
  workEmail: `resume${i}@example.test`,
}));
const users = employees.map((employee, i) => ({
  id: 40_000 + i,
  email: employee.workEmail,
  first_name: employee.firstName,
  last_name: i % 10 === 0 ? `Old${i}` : employee.lastName,
}));

let bamboohr: FakeBambooHr;
let harness: ReconcileHarness;
beforeAll(async () => {
  bamboohr = await startFakeBambooHr({ employees });
  harness = await startReconcileHarness({
    config: { providers: { bamboohr: { enabled: true, apiBaseUrl: bamboohr.url } } },
    users,
    hris: { bamboohr: BAMBOOHR_CREDENTIALS },
  });
});
afterAll(async () => {
  await harness.close();
  await bamboohr.close();
});

const stateItem = () => harness.aws.items(TABLE).get(RECONCILE_STATE_KEY);
const lookups = () => harness.heymarket.requests.filter((request) => request.path === '/v1/users/get').length;

/**
 * A run on a clock that jumps past the deadline once the third users/get has answered: 150 employees
 * examined (3 slices of 50), then no time left.
 */
function runOutOfTime(options: ReconcileOptions = {}) {
  // The HR and Heymarket clients keep their own (real) time against the same deadline.
  const T0 = Date.now();
  let clock = T0;
  const real = harness.deps().heymarket;
  let calls = 0;
  const heymarket: Pick<HeymarketUsers, 'findUsersByEmail'> = {
    async findUsersByEmail(emails, callOptions) {
      const found = await real.findUsersByEmail(emails, callOptions);
      calls += 1;
      if (calls === 3) clock = T0 + 45_000;
      return found;
    },
  };
  return harness.run({ deadline: T0 + 60_000, ...options }, { heymarket, now: () => clock });
}

describe('a reconcile run that runs out of time', () => {
  it('saves where it stopped, enqueues nothing, and the next run continues with the cap counted across both', async () => {
    const first = await runOutOfTime({ maxChanges: 20 });
    expect(first).toMatchObject({
      status: 'interrupted',
      segment: 1,
      listed: 150,
      differing: 15,
      enqueued: 0,
    });
    expect(harness.aws.messages(harness.queueUrl)).toEqual([]);
    expect(stateItem()).toMatchObject({
      progress: { S: expect.any(String) },
      pending: { S: expect.any(String) },
    });
    expect(stateItem()).not.toHaveProperty('leaseOwner');
    // Ids and counts only in the position; the pending changes (names, emails) are compressed.
    expect(stateItem()?.progress?.S).not.toMatch(/example\.test|Given|Family/);

    const second = await harness.run({ maxChanges: 20 });
    expect(second).toMatchObject({
      runId: first.runId,
      status: 'complete',
      segment: 2,
      listed: 300,
      differing: 30,
      enqueued: 0,
      skippedByCap: 30,
    });
    expect(second.capExceeded).toMatch(/30 users differ .* cap of 20/);
    expect(harness.aws.messages(harness.queueUrl)).toEqual([]);
    expect(stateItem()).not.toHaveProperty('progress');
  });

  it('looks up only what the first run did not, then enqueues everything the two found', async () => {
    const first = await runOutOfTime();
    expect(first).toMatchObject({ status: 'interrupted', listed: 150, differing: 15 });
    const lookupsBefore = lookups();
    const reportsBefore = bamboohr.requests.length;

    const second = await harness.run();
    expect(second).toMatchObject({
      runId: first.runId,
      status: 'complete',
      segment: 2,
      listed: 300,
      differing: 30,
      enqueued: 30,
    });
    // The report is read again from its start (cursors may not outlive a day); only 150 are looked up.
    expect(bamboohr.requests.length - reportsBefore).toBe(1);
    expect(lookups() - lookupsBefore).toBe(3);
    expect(JSON.parse(stateItem()?.lastRun?.S ?? '{}')).toMatchObject({
      runId: first.runId,
      listed: 300,
      enqueued: 30,
    });

    expect(await harness.work()).toBe(30);
    expect((await harness.run()).differing).toBe(0);
  });

  it('leaves a run another invocation holds alone', async () => {
    const client = new DynamoDBClient({
      region: 'eu-west-1',
      endpoint: harness.aws.url,
      credentials: { accessKeyId: 't', secretAccessKey: 't' },
    });
    const other = createReconcileState({ tableName: TABLE, client });
    expect(await other.claim({ owner: 'other-invocation', until: Date.now() + 60_000 })).toEqual({
      kind: 'claimed',
    });
    const before = bamboohr.requests.length;
    const summary = await harness.run();
    expect(summary).toMatchObject({ status: 'busy', listed: 0, enqueued: 0 });
    expect(bamboohr.requests.length).toBe(before);
    client.destroy();
  });
});
