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
import * as hibob from '../support/fake-hibob.js';
import { type ReconcileHarness, startReconcileHarness } from '../support/reconcile-harness.js';
import { memoryReviewStore, REVIEW_EMPLOYEES, REVIEW_SEATS } from '../support/review-people.js';

// Two at work and seated, a hire with no seat, a leaver still seated, a leaver with no seat; their seats,
// one seat nobody in HR holds and one protected seat.
const { ada, ben, cai, dee, eli } = REVIEW_EMPLOYEES;
const employees: FakeEmployee[] = [ada, ben, cai, dee, eli];
const users: FakeUserInput[] = Object.values(REVIEW_SEATS);

const kinds = (report: AccessReviewReport | undefined) =>
  report?.findings.map((f) => `${f.kind} ${f.employee?.id ?? '-'}→${f.user?.id ?? '-'}`);

let bamboohr: FakeBambooHr;
let fakeHiBob: hibob.FakeHiBob | undefined;
let harness: ReconcileHarness;
afterEach(async () => {
  await harness?.close();
  await bamboohr?.close();
  await fakeHiBob?.close();
  fakeHiBob = undefined;
});

async function start(store: AccessReviewStore, withHiBob = false) {
  bamboohr = await startFakeBambooHr({ employees });
  if (withHiBob) fakeHiBob = await hibob.startFakeHiBob({ people: hibob.PEOPLE });
  harness = await startReconcileHarness({
    config: {
      providers: {
        standard: { enabled: false },
        bamboohr: { enabled: true, apiBaseUrl: bamboohr.url },
        ...(fakeHiBob ? { hibob: { enabled: true, apiBaseUrl: fakeHiBob.url } } : {}),
      },
      protectedUserIds: [605],
    },
    users,
    hris: { bamboohr: BAMBOOHR_CREDENTIALS, ...(withHiBob ? { hibob: hibob.SERVICE_USER } : {}) },
    accessReview: { store },
  });
}

const teamCalls = () => harness.heymarket.requests.filter((request) => request.path === '/v1/team');

describe('the access review of a reconcile run', () => {
  it('lists the seated leaver, the hire without a seat and the orphan seat, with one GET /v1/team', async () => {
    const store = memoryReviewStore();
    await start(store);
    await harness.run();
    expect(teamCalls()).toHaveLength(1);
    expect(store.writes).toHaveLength(1);
    const [report] = store.writes;
    expect(report).toMatchObject({ stale: false, partial: [] });
    expect(kinds(report)).toEqual([
      'leaver-with-seat 803→603',
      'hire-without-seat 802→-',
      'seat-without-employee -→604',
    ]);
    expect(report?.findings[0]).toMatchObject({
      employee: { provider: 'bamboohr', status: 'terminated', terminationDate: '2026-01-20' },
      // The role comes from users/get: GET /v1/team gives a role's name only.
      user: { id: 603, roleId: 4 },
    });
  });

  it('keeps each finding first seen in an earlier run', async () => {
    const store = memoryReviewStore();
    await start(store);
    await harness.run();
    await harness.run();
    const [first, second] = store.writes;
    expect(second?.findings.map((f) => f.firstSeenAt)).toEqual(first?.findings.map((f) => f.firstSeenAt));
  });

  it('leaves the previous review in place, marked stale, when the team cannot be listed', async () => {
    const store = memoryReviewStore();
    await start(store);
    await harness.run();
    harness.heymarket.inject((call) =>
      call.path === '/v1/team' ? { kind: 'status', status: 500 } : undefined,
    );
    const summary = await harness.run();
    expect(summary.status).toBe('complete');
    const [first, second] = store.writes;
    expect(second).toEqual({ ...first, stale: true });
    expect(harness.logs).toContainEqual(
      expect.objectContaining({
        message: 'access review not computed',
        attributes: { code: 'heymarket-5xx' },
      }),
    );
  });

  it('keeps the previous review, marked stale, when the team lists a member with no usable id', async () => {
    const store = memoryReviewStore();
    await start(store);
    await harness.run();
    // Every seat but one unusable: read as the whole team, every leaver would vanish.
    harness.heymarket.inject((call) =>
      call.path === '/v1/team'
        ? { kind: 'status', status: 200, body: JSON.stringify({ members: [{ id: 601 }, { id: -1 }] }) }
        : undefined,
    );
    await harness.run();
    const [first, second] = store.writes;
    expect(second).toEqual({ ...first, stale: true });
    expect(harness.logs).toContainEqual(
      expect.objectContaining({
        message: 'access review not computed',
        attributes: { code: 'heymarket-team-incomplete' },
      }),
    );
  });

  it('names a provider that could not be listed as partial, and still reviews the others', async () => {
    const store = memoryReviewStore();
    await start(store, true);
    fakeHiBob?.inject({ kind: 'status', status: 403 });
    await harness.run();
    const [report] = store.writes;
    expect(report?.partial).toEqual(['hibob']);
    expect(kinds(report)).toContain('leaver-with-seat 803→603');
  });

  it('writes nothing on a dry run', async () => {
    const store = memoryReviewStore();
    await start(store);
    await harness.run({ dryRun: true });
    expect(store.writes).toEqual([]);
    expect(teamCalls()).toEqual([]);
  });
});
