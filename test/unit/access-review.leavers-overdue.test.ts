import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../lambda/config/load.js';
import { countOverdueLeavers } from '../../lambda/core/access-review-counts.js';
import type { AccessReviewReport } from '../../lambda/core/access-review-report.js';
import { listed, member, NOW, person, review } from '../support/access-review.js';

const HOUR = 3_600_000;
const at = (ms: number) => new Date(ms).toISOString();

// Leaver 1 (seat 100) and hire 2, first seen by a review `hoursAgo` before NOW.
const directory = [listed('bamboohr', [person('1', { status: 'terminated' }), person('2')])];
const seats = { team: [member(100)], userIdsByEmail: new Map([['p1@example.test', 100]]) };
function seenHoursAgo(hoursAgo: number, config = {}): AccessReviewReport {
  const previous = review({ directory, ...seats, config, now: NOW - hoursAgo * HOUR });
  return review({ directory, ...seats, config, previous });
}

describe('access review: leavers overdue (accessReview.leaverGraceHours)', () => {
  it('counts a leaver first seen longer ago than the grace, and not a hire seen as long ago', () => {
    const report = seenHoursAgo(30);
    expect(report.findings.map((f) => [f.kind, f.firstSeenAt])).toEqual([
      ['leaver-with-seat', at(NOW - 30 * HOUR)],
      ['hire-without-seat', at(NOW - 30 * HOUR)],
    ]);
    expect(countOverdueLeavers(report, 24, NOW)).toBe(1);
  });

  it('leaves a leaver seen exactly the grace ago within it, and counts it one millisecond later', () => {
    const report = seenHoursAgo(24);
    expect(countOverdueLeavers(report, 24, NOW)).toBe(0);
    expect(countOverdueLeavers(report, 24, NOW + 1)).toBe(1);
  });

  it('does not count a leaver first seen by this review', () => {
    expect(countOverdueLeavers(review({ directory, ...seats }), 24, NOW)).toBe(0);
  });

  it('does not count an acknowledged leaver: the review does not hold it', () => {
    const acknowledged = {
      accessReview: { acknowledged: [{ employee: 'bamboohr:1', until: '2026-12-31', reason: 'audit' }] },
    };
    expect(countOverdueLeavers(seenHoursAgo(100, acknowledged), 24, NOW)).toBe(0);
  });

  it('takes 24 hours when the config sets no grace, and the grace the config sets otherwise', () => {
    expect(parseConfig({}, 'test').accessReview.leaverGraceHours).toBe(24);
    const graceHours = parseConfig({ accessReview: { leaverGraceHours: 48 } }, 'test').accessReview
      .leaverGraceHours;
    expect(countOverdueLeavers(seenHoursAgo(30), graceHours, NOW)).toBe(0);
    expect(countOverdueLeavers(seenHoursAgo(49), graceHours, NOW)).toBe(1);
  });
});
