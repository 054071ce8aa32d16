import { describe, expect, it } from 'vitest';
import { AccessReviewReport } from '../../lambda/core/access-review-report.js';
import { leaversToNotify, markNotified } from '../../lambda/core/notified-leavers.js';
import { listed, member, NOW, person, review } from '../support/access-review.js';

// One leaver still seated (1 → 100), one hire with no seat (2), one orphan seat (300).
const input = {
  directory: [
    listed('bamboohr', [person('1', { status: 'terminated', terminationDate: '2026-03-01' }), person('2')]),
  ],
  team: [member(100), member(300)],
  userIdsByEmail: new Map([['p1@example.test', 100]]),
};
const HOUR = 3_600_000;
const keys = (findings: { kind: string; employee: { id: string } | null }[]) =>
  findings.map((finding) => `${finding.kind} ${finding.employee?.id ?? '-'}`);

describe('access review: which leavers the administrators have been told about', () => {
  it('has every new finding unnotified, and only the leavers due a notice', () => {
    const report = review(input);
    expect(report.findings.map((finding) => finding.notifiedAt)).toEqual([null, null, null]);
    expect(keys(leaversToNotify(report))).toEqual(['leaver-with-seat 1']);
  });

  it('marks the notified leavers at the given time, and no other finding', () => {
    const report = review(input);
    const marked = markNotified(report, leaversToNotify(report), NOW + 60_000);
    expect(marked.findings.map((finding) => finding.notifiedAt)).toEqual([
      '2026-03-10T12:01:00.000Z',
      null,
      null,
    ]);
    expect(leaversToNotify(marked)).toEqual([]);
    expect(AccessReviewReport.safeParse(marked).success).toBe(true);
  });

  it('carries the mark to the next review, so the same leaver is not due again', () => {
    const first = review(input);
    const notified = markNotified(first, leaversToNotify(first), NOW);
    const next = review({ ...input, previous: notified, now: NOW + 24 * HOUR });
    expect(next.findings[0]?.notifiedAt).toBe('2026-03-10T12:00:00.000Z');
    expect(leaversToNotify(next)).toEqual([]);
  });

  it('leaves a leaver whose notice failed (never marked) due in the next review', () => {
    const first = review(input);
    const next = review({ ...input, previous: first, now: NOW + 24 * HOUR });
    expect(keys(leaversToNotify(next))).toEqual(['leaver-with-seat 1']);
  });

  it('makes a leaver who returns to a seat after leaving the review due again', () => {
    const notified = markNotified(review(input), leaversToNotify(review(input)), NOW);
    const unseated = review({ ...input, team: [member(300)], previous: notified, now: NOW + HOUR });
    const reseated = review({ ...input, previous: unseated, now: NOW + 2 * HOUR });
    expect(keys(leaversToNotify(reseated))).toEqual(['leaver-with-seat 1']);
  });

  it('never makes an acknowledged leaver due: the finding is not in the review', () => {
    const config = {
      accessReview: { acknowledged: [{ employee: 'bamboohr:1', until: '2026-03-31', reason: 'handover' }] },
    };
    expect(leaversToNotify(review({ ...input, config }))).toEqual([]);
  });

  it('reads a review stored before notices existed (no notifiedAt) and counts its leavers as due', () => {
    const stored = review(input);
    const old = {
      ...stored,
      findings: stored.findings.map(({ notifiedAt: _, ...finding }) => finding),
    };
    const parsed = AccessReviewReport.parse(old);
    expect(keys(leaversToNotify(parsed))).toEqual(['leaver-with-seat 1']);
  });
});
