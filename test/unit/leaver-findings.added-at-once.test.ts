import { describe, expect, it } from 'vitest';
import type { AccessReviewReport } from '../../lambda/core/access-review-report.js';
import { addLeaverFindings, leaverSeatFindings } from '../../lambda/core/leaver-findings.js';
import { NOW } from '../support/access-review.js';
import { makeChange } from '../support/changes.js';

const LATER = NOW + 3 * 3_600_000;
const rules = { termination: { action: 'ignore' as const }, accessReview: { scope: [], acknowledged: [] } };
const terminated = (id: string, email: string) =>
  makeChange({ provider: 'bamboohr', employee: { id, workEmail: email, status: 'terminated' } });
const leaver = (id: string, userId: number) =>
  leaverSeatFindings([{ change: terminated(id, `p${id}@example.test`), userId, roleId: 4 }], rules, LATER);

/** A review as the reconcile run wrote it: one hire without a seat, generated at NOW. */
const reconciled: AccessReviewReport = {
  generatedAt: new Date(NOW).toISOString(),
  stale: false,
  partial: [],
  findings: [
    {
      kind: 'hire-without-seat',
      employee: {
        provider: 'bamboohr',
        id: '9',
        name: 'First9 Last9',
        workEmail: 'p9@example.test',
        status: 'active',
        terminationDate: null,
      },
      user: null,
      firstSeenAt: new Date(NOW).toISOString(),
    },
  ],
};

describe('a leaver the worker processed, added to the stored review', () => {
  it('is a new leaver-with-seat finding, first seen now, listed before the review’s other findings', () => {
    const { review, added } = addLeaverFindings(reconciled, leaver('1', 100), { now: LATER, unlisted: [] });
    expect(added).toEqual([
      {
        kind: 'leaver-with-seat',
        employee: {
          provider: 'bamboohr',
          id: '1',
          name: 'Ada Lovelace',
          workEmail: 'p1@example.test',
          status: 'terminated',
          terminationDate: null,
        },
        user: { id: 100, name: null, roleId: 4 },
        firstSeenAt: new Date(LATER).toISOString(),
      },
    ]);
    expect(review?.findings.map((finding) => finding.kind)).toEqual([
      'leaver-with-seat',
      'hire-without-seat',
    ]);
    // The rest of the review is the reconcile run's, as it wrote it.
    expect(review).toMatchObject({ generatedAt: reconciled.generatedAt, stale: false, partial: [] });
  });

  it('keeps the firstSeenAt of a finding already in the review, adds nothing and writes nothing', () => {
    const first = addLeaverFindings(reconciled, leaver('1', 100), { now: NOW, unlisted: [] }).review;
    const again = addLeaverFindings(first, leaver('1', 100), { now: LATER, unlisted: [] });
    expect(again).toEqual({ review: undefined, added: [] });
    expect(first?.findings[0]?.firstSeenAt).toBe(new Date(NOW).toISOString());
  });

  it('adds the same employee again when they hold another user, as the review tells two seats apart', () => {
    const first = addLeaverFindings(reconciled, leaver('1', 100), { now: NOW, unlisted: [] }).review;
    const { added } = addLeaverFindings(first, leaver('1', 101), { now: LATER, unlisted: [] });
    expect(added.map((finding) => finding.user?.id)).toEqual([101]);
  });

  it('starts a review when none exists, partial for every listable provider not yet listed, not stale', () => {
    const { review, added } = addLeaverFindings(undefined, leaver('1', 100), {
      now: LATER,
      unlisted: ['bamboohr', 'hibob'],
    });
    expect(added).toHaveLength(1);
    expect(review).toEqual({
      generatedAt: new Date(LATER).toISOString(),
      stale: false,
      partial: ['bamboohr', 'hibob'],
      findings: added,
    });
  });

  it('starts no review when there is nothing to add', () => {
    expect(addLeaverFindings(undefined, [], { now: LATER, unlisted: ['bamboohr'] })).toEqual({
      review: undefined,
      added: [],
    });
  });

  it('names a deleted record as deleted', () => {
    const deletion = makeChange({ type: 'employee.deleted', employee: { id: '5', workEmail: undefined } });
    const [finding] = leaverSeatFindings([{ change: deletion, userId: 100 }], rules, LATER);
    expect(finding?.employee).toMatchObject({
      provider: 'standard',
      id: '5',
      status: 'deleted',
      workEmail: null,
    });
  });
});
