import { describe, expect, it } from 'vitest';
import { listed, member, person, review, summary } from '../support/access-review.js';

describe('access review: the same HR record listed twice', () => {
  it('gives one finding per person and seat, whichever list it lands in', () => {
    const leaver = person('1', { status: 'terminated', terminationDate: '2026-03-01' });
    const hire = person('2');
    // Pages that overlap: both records come twice.
    const report = review({
      directory: [listed('bamboohr', [leaver, hire, leaver, hire])],
      team: [member(100)],
      userIdsByEmail: new Map([['p1@example.test', 100]]),
    });
    expect(summary(report)).toEqual(['leaver-with-seat bamboohr:1→100', 'hire-without-seat bamboohr:2→-']);
  });
});
