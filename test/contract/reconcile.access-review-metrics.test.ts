import { afterEach, describe, expect, it } from 'vitest';
import {
  BAMBOOHR_CREDENTIALS,
  type FakeBambooHr,
  type FakeEmployee,
  startFakeBambooHr,
} from '../support/fake-bamboohr.js';
import type { FakeUserInput } from '../support/fake-heymarket.js';
import { type ReconcileHarness, startReconcileHarness } from '../support/reconcile-harness.js';
import { recordingMetrics } from '../support/recording-metrics.js';
import { memoryReviewStore, REVIEW_EMPLOYEES, REVIEW_SEATS } from '../support/review-people.js';

// One at work and seated, one hire with no seat, one leaver still seated; one seat nobody in HR holds.
const { ada, cai, dee } = REVIEW_EMPLOYEES;
const employees: FakeEmployee[] = [ada, cai, dee];
const users: FakeUserInput[] = [REVIEW_SEATS.ada, REVIEW_SEATS.dee, REVIEW_SEATS.orphan];
const HOUR = 3_600_000;
const T0 = Date.parse('2026-03-10T03:00:00.000Z');

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
    accessReview: { store: memoryReviewStore() },
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
