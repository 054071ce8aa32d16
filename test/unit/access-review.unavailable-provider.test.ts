import { describe, expect, it } from 'vitest';
import type { AccessReviewReport } from '../../lambda/core/access-review-report.js';
import { listed, member, NOW, person, review, summary } from '../support/access-review.js';

const HOUR = 3_600_000;
const leaver = person('e1', { status: 'terminated', terminationDate: '2026-03-01' });
const hire = person('e2');
const colleague = person('b1');

/** Run 1: HiBob listed, its leaver seated on user 100 and its hire seatless; then notified. */
function firstRun(): AccessReviewReport {
  const report = review({
    directory: [listed('bamboohr', [colleague]), listed('hibob', [leaver, hire])],
    team: [member(100), member(200)],
    userIdsByEmail: new Map([
      ['pe1@example.test', 100],
      ['pb1@example.test', 200],
    ]),
    now: NOW - 20 * HOUR,
  });
  const notifiedAt = new Date(NOW - 19 * HOUR).toISOString();
  return {
    ...report,
    findings: report.findings.map((f) => (f.kind === 'leaver-with-seat' ? { ...f, notifiedAt } : f)),
  };
}

/** Run 2: HiBob cannot be listed. */
const hibobDown = (previous: AccessReviewReport, extra: Parameters<typeof review>[0] = {}) =>
  review({
    directory: [listed('bamboohr', [colleague]), { provider: 'hibob', listing: 'unavailable' }],
    team: [member(100), member(200)],
    userIdsByEmail: new Map([['pb1@example.test', 200]]),
    previous,
    ...extra,
  });

describe('access review: the findings of a provider that could not be listed this run', () => {
  it('keeps its leavers and hires from the review before, first seen and notified when they were', () => {
    const first = firstRun();
    const second = hibobDown(first);
    expect(second.partial).toEqual(['hibob']);
    expect(summary(second)).toEqual(['leaver-with-seat hibob:e1→100', 'hire-without-seat hibob:e2→-']);
    expect(second.findings).toEqual(first.findings);
    expect(second.findings[0]?.notifiedAt).toBe(new Date(NOW - 19 * HOUR).toISOString());
  });

  it('keeps the first-seen time through the gap, so the grace clock does not restart when the provider is back', () => {
    const first = firstRun();
    const third = review({
      directory: [listed('bamboohr', [colleague]), listed('hibob', [leaver, hire])],
      team: [member(100), member(200)],
      userIdsByEmail: new Map([
        ['pe1@example.test', 100],
        ['pb1@example.test', 200],
      ]),
      previous: hibobDown(first),
      now: NOW + HOUR,
    });
    expect(third.findings.map((f) => f.firstSeenAt)).toEqual(first.findings.map((f) => f.firstSeenAt));
    expect(third.findings[0]?.notifiedAt).toBe(first.findings[0]?.notifiedAt);
  });

  it('drops a kept leaver whose seat left the team, or who now holds the termination role under move-to-role', () => {
    const first = firstRun();
    expect(summary(hibobDown(first, { team: [member(200)] }))).toEqual(['hire-without-seat hibob:e2→-']);
    const moved = hibobDown(first, {
      team: [member(100, 9), member(200)],
      config: { termination: { action: 'move-to-role', roleId: 9 } },
    });
    expect(summary(moved)).toEqual(['hire-without-seat hibob:e2→-']);
  });

  it('drops a kept finding acknowledged now', () => {
    const report = hibobDown(firstRun(), {
      config: {
        accessReview: { acknowledged: [{ employee: 'hibob:e1', until: '2026-03-31', reason: 'handover' }] },
      },
    });
    expect(summary(report)).toEqual(['hire-without-seat hibob:e2→-']);
  });

  it('keeps nothing for a provider listed in full: what it no longer shows is gone', () => {
    const report = review({
      directory: [listed('bamboohr', [colleague]), listed('hibob', [])],
      team: [member(200)],
      userIdsByEmail: new Map([['pb1@example.test', 200]]),
      previous: firstRun(),
    });
    expect(report.findings).toEqual([]);
  });
});
