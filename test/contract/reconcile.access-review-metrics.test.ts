import { afterEach, describe, expect, it } from 'vitest';
import type { AccessReviewReport } from '../../lambda/core/access-review-report.js';
import type { AccessReviewStore } from '../../lambda/core/ports.js';
import {
  BAMBOOHR_CREDENTIALS,
  type FakeBambooHr,
  type FakeEmployee,
  startFakeBambooHr,
} from '../support/fake-bamboohr.js';
import type { FakeUserInput } from '../support/fake-heymarket.js';
import { type ReconcileHarness, startReconcileHarness } from '../support/reconcile-harness.js';
import { recordingMetrics } from '../support/recording-metrics.js';

// Invented people: one at work and seated, one hire with no seat, one leaver still seated; one seat
// nobody in HR holds.
const employees: FakeEmployee[] = [
  { id: '800', firstName: 'Ada', lastName: 'Quill', workEmail: 'ada@example.test' },
  { id: '802', firstName: 'Cai', lastName: 'New', workEmail: 'cai@example.test' },
  {
    id: '803',
    firstName: 'Dee',
    lastName: 'Gone',
    workEmail: 'dee@example.test',
    status: 'Inactive',
    terminationDate: '2026-01-20',
  },
];
const users: FakeUserInput[] = [
  { id: 601, email: 'ada@example.test', first_name: 'Ada', last_name: 'Quill', role_id: 4 },
  { id: 603, email: 'dee@example.test', first_name: 'Dee', last_name: 'Gone', role_id: 4 },
  { id: 604, email: 'orphan@example.test', first_name: 'Or', last_name: 'Phan', role_id: 4 },
];
const HOUR = 3_600_000;
const T0 = Date.parse('2026-03-10T03:00:00.000Z');

function memoryStore(): AccessReviewStore {
  let stored: AccessReviewReport | undefined;
  return {
    read: async () => stored,
    write: async (report) => {
      stored = report;
    },
  };
}

let bamboohr: FakeBambooHr;
let harness: ReconcileHarness;
afterEach(async () => {
  await harness?.close();
  await bamboohr?.close();
});

async function start(leaverGraceHours?: number) {
  bamboohr = await startFakeBambooHr({ employees });
  harness = await startReconcileHarness({
    config: {
      providers: { standard: { enabled: false }, bamboohr: { enabled: true, apiBaseUrl: bamboohr.url } },
      ...(leaverGraceHours === undefined ? {} : { accessReview: { leaverGraceHours } }),
    },
    users,
    hris: { bamboohr: BAMBOOHR_CREDENTIALS },
    accessReview: { store: memoryStore() },
  });
}

/** One scheduled run at `at`, and the access review metrics it published (its own, not earlier runs'). */
async function runAt(at: number, options: { dryRun?: boolean } = {}) {
  const { metrics, counts } = recordingMetrics();
  await harness.run(options, { metrics, now: () => at });
  return Object.fromEntries(Object.entries(counts).filter(([name]) => name.startsWith('AccessReview')));
}

describe('the access review metrics of a reconcile run', () => {
  it('publishes the size of each list, no overdue leaver on first sight, and a fresh review', async () => {
    await start();
    expect(await runAt(T0)).toEqual({
      AccessReviewStale: 0,
      AccessReviewLeaversWithSeat: 1,
      AccessReviewHiresWithoutSeat: 1,
      AccessReviewSeatsWithoutEmployee: 1,
      AccessReviewLeaversOverdue: 0,
    });
  });

  it('counts the leaver overdue once the seat has been held longer than the default 24 hours', async () => {
    await start();
    await runAt(T0);
    expect(await runAt(T0 + 24 * HOUR)).toMatchObject({ AccessReviewLeaversOverdue: 0 });
    expect(await runAt(T0 + 25 * HOUR)).toMatchObject({
      AccessReviewLeaversWithSeat: 1,
      AccessReviewLeaversOverdue: 1,
    });
  });

  it('reads the grace from accessReview.leaverGraceHours', async () => {
    await start(48);
    await runAt(T0);
    expect(await runAt(T0 + 25 * HOUR)).toMatchObject({ AccessReviewLeaversOverdue: 0 });
    expect(await runAt(T0 + 49 * HOUR)).toMatchObject({ AccessReviewLeaversOverdue: 1 });
  });

  it('publishes stale = 1 when the team cannot be listed, and the previous review’s overdue leavers', async () => {
    await start();
    await runAt(T0);
    harness.heymarket.inject((call) =>
      call.path === '/v1/team' ? { kind: 'status', status: 500 } : undefined,
    );
    // The lists are not republished: the stored ones are a day old, and the dashboard says so by a gap.
    expect(await runAt(T0 + 25 * HOUR)).toEqual({ AccessReviewStale: 1, AccessReviewLeaversOverdue: 1 });
  });

  it('publishes stale = 1 when the team cannot be listed and no review exists yet', async () => {
    await start();
    harness.heymarket.inject((call) =>
      call.path === '/v1/team' ? { kind: 'status', status: 500 } : undefined,
    );
    expect(await runAt(T0)).toEqual({ AccessReviewStale: 1 });
  });

  it('publishes nothing on a dry run', async () => {
    await start();
    expect(await runAt(T0, { dryRun: true })).toEqual({});
  });
});
