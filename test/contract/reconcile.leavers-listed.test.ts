import { afterEach, describe, expect, it } from 'vitest';
import { EmployeeChange } from '../../lambda/core/employee-change.js';
import {
  BAMBOOHR_CREDENTIALS,
  type FakeBambooHr,
  type FakeEmployee,
  startFakeBambooHr,
} from '../support/fake-bamboohr.js';
import type { FakeUserInput } from '../support/fake-heymarket.js';
import { type ReconcileHarness, startReconcileHarness } from '../support/reconcile-harness.js';

// Invented people: two at work (one whose Heymarket name drifted), two leavers (one still seated).
const employees: FakeEmployee[] = [
  { id: '700', firstName: 'Ada', lastName: 'Quill', workEmail: 'ada@example.test', department: 'Sales' },
  { id: '701', firstName: 'Ben', lastName: 'Roe', workEmail: 'ben@example.test', department: 'Sales' },
  {
    id: '702',
    firstName: 'Cy',
    lastName: 'Stone',
    workEmail: 'cy@example.test',
    department: 'Sales',
    status: 'Inactive',
    employmentHistoryStatus: 'Terminated',
    terminationDate: '2026-01-20',
  },
  {
    id: '703',
    firstName: 'Di',
    lastName: 'Tarn',
    workEmail: 'di@example.test',
    department: 'Sales',
    status: 'Inactive',
    terminationDate: '2025-11-02',
  },
];
const users: FakeUserInput[] = [
  { id: 501, email: 'ada@example.test', first_name: 'Ada', last_name: 'Quill', role_id: 4 },
  { id: 502, email: 'ben@example.test', first_name: 'Ben', last_name: 'Old', role_id: 4 },
  { id: 503, email: 'cy@example.test', first_name: 'Cy', last_name: 'Stone', role_id: 4 },
];

let bamboohr: FakeBambooHr;
let harness: ReconcileHarness;
afterEach(async () => {
  await harness?.close();
  await bamboohr?.close();
});

async function start(termination: { action: 'ignore' } | { action: 'move-to-role'; roleId: number }) {
  bamboohr = await startFakeBambooHr({ employees });
  harness = await startReconcileHarness({
    config: {
      providers: { standard: { enabled: false }, bamboohr: { enabled: true, apiBaseUrl: bamboohr.url } },
      roles: { rules: [], defaultRoleId: 4 },
      termination,
    },
    users,
    hris: { bamboohr: BAMBOOHR_CREDENTIALS },
  });
}

const queued = () =>
  harness.aws
    .messages(harness.queueUrl)
    .map((message) => EmployeeChange.parse(JSON.parse(message.body)))
    .map((change) => [change.employee.id, change.type]);

describe('reconcile with leavers in the listing', () => {
  it('lists leavers and, under termination "ignore", enqueues for the active employees only', async () => {
    await start({ action: 'ignore' });
    const summary = await harness.run();
    expect(summary).toMatchObject({ status: 'complete', listed: 4, differing: 1, enqueued: 1 });
    expect(queued()).toEqual([['701', 'employee.updated']]);
  });

  it('moves a seated leaver to the termination role under "move-to-role", and the active drift as before', async () => {
    await start({ action: 'move-to-role', roleId: 9 });
    const summary = await harness.run();
    expect(summary).toMatchObject({ status: 'complete', listed: 4, differing: 2, enqueued: 2 });
    expect(queued().sort()).toEqual([
      ['701', 'employee.updated'],
      ['702', 'employee.terminated'],
    ]);
    await harness.work();
    expect(harness.heymarket.users.get(503)?.role_id).toBe(9);
    expect(harness.heymarket.users.get(502)?.last_name).toBe('Roe');
    expect(harness.heymarket.users.get(501)?.role_id).toBe(4);
  });
});
