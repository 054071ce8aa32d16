import { describe, expect, it } from 'vitest';
import { type BatchLeaver, leaverSeatFindings } from '../../lambda/core/leaver-findings.js';
import { NOW } from '../support/access-review.js';
import { makeChange } from '../support/changes.js';

const LEAVER_ROLE = 9;
const moveToRole = { action: 'move-to-role' as const, roleId: LEAVER_ROLE };
const ignore = { action: 'ignore' as const };
const noAcks = { scope: [], acknowledged: [] };
const terminated = makeChange({ provider: 'bamboohr', employee: { id: '1', status: 'terminated' } });
const seated = (roleId?: number): BatchLeaver => ({ change: terminated, userId: 100, roleId });
const keys = (findings: ReturnType<typeof leaverSeatFindings>) =>
  findings.map((finding) => `${finding.employee?.provider}:${finding.employee?.id}→${finding.user?.id}`);

describe('a leaver the worker processed holds a seat that counts', () => {
  it('under termination.action ignore, whatever role the user holds', () => {
    const findings = leaverSeatFindings([seated(4)], { termination: ignore, accessReview: noAcks }, NOW);
    expect(keys(findings)).toEqual(['bamboohr:1→100']);
  });

  it('not once the batch moved the user to the termination role (or they held it already): done, no finding', () => {
    const findings = leaverSeatFindings(
      [seated(LEAVER_ROLE)],
      { termination: moveToRole, accessReview: noAcks },
      NOW,
    );
    expect(findings).toEqual([]);
  });

  it('when the move was withheld (a protected role) or the role could not be read', () => {
    const rules = { termination: moveToRole, accessReview: noAcks };
    expect(keys(leaverSeatFindings([seated(1)], rules, NOW))).toEqual(['bamboohr:1→100']);
    expect(keys(leaverSeatFindings([seated(undefined)], rules, NOW))).toEqual(['bamboohr:1→100']);
  });

  it('not while an acknowledgement of the employee runs, and again once its until day has passed', () => {
    const acknowledged = [{ employee: 'bamboohr:1', until: '2026-03-10', reason: 'contractor kept on' }];
    const rules = { termination: ignore, accessReview: { scope: [], acknowledged } };
    expect(leaverSeatFindings([seated(4)], rules, NOW)).toEqual([]);
    const dayAfter = Date.parse('2026-03-11T00:00:00.000Z');
    expect(keys(leaverSeatFindings([seated(4)], rules, dayAfter))).toEqual(['bamboohr:1→100']);
  });

  it('for a protected user too, as in the review: protectedUserIds only keeps the service from touching them', () => {
    // The worker never patches a protected user, so the role it holds is not read: unknown.
    const findings = leaverSeatFindings(
      [seated(undefined)],
      { termination: moveToRole, accessReview: noAcks },
      NOW,
    );
    expect(keys(findings)).toEqual(['bamboohr:1→100']);
  });
});
