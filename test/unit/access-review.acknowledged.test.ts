import { describe, expect, it } from 'vitest';
import { accessReviewWarnings } from '../../lambda/config/access-review.js';
import { parseConfig } from '../../lambda/config/load.js';
import type { FindingKind } from '../../lambda/core/access-review-report.js';
import { listed, member, NOW, person, review, summary } from '../support/access-review.js';

const directory = [listed('bamboohr', [person('1', { status: 'terminated' }), person('2')])];
const seats = { team: [member(100)], userIdsByEmail: new Map([['p1@example.test', 100]]) };
const acknowledging = (until: string) => ({
  accessReview: { acknowledged: [{ employee: 'bamboohr:1', until, reason: 'kept for the audit' }] },
});

describe('access review: accessReview.acknowledged', () => {
  it('hides the findings of an acknowledged employee through its until day, and only theirs', () => {
    const report = review({ directory, ...seats, config: acknowledging('2026-03-10') });
    expect(summary(report)).toEqual(['hire-without-seat bamboohr:2→-']);
  });

  it('hides only the findings of its kind when it names one: "needs no seat" does not hide their leaving', () => {
    const entries = (kind: FindingKind) => ({
      accessReview: {
        acknowledged: [
          { employee: 'bamboohr:1', kind, until: '2026-03-10', reason: 'left; seat kept for the audit' },
          { employee: 'bamboohr:2', kind, until: '2026-03-10', reason: 'works offline, needs no seat' },
        ],
      },
    });
    expect(summary(review({ directory, ...seats, config: entries('hire-without-seat') }))).toEqual([
      'leaver-with-seat bamboohr:1→100',
    ]);
    expect(summary(review({ directory, ...seats, config: entries('leaver-with-seat') }))).toEqual([
      'hire-without-seat bamboohr:2→-',
    ]);
  });

  it('refuses a kind that is not a finding kind, naming the entry', () => {
    expect(() =>
      parseConfig(
        {
          accessReview: {
            acknowledged: [{ employee: 'bamboohr:1', kind: 'leaver', until: '2026-03-10', reason: 'x' }],
          },
        },
        'hr-sync.config.json',
      ),
    ).toThrow(/accessReview\.acknowledged\[0\]\.kind/);
  });

  it('shows the finding again once until has passed', () => {
    const report = review({ directory, ...seats, config: acknowledging('2026-03-09') });
    expect(summary(report)).toEqual(['leaver-with-seat bamboohr:1→100', 'hire-without-seat bamboohr:2→-']);
  });

  it('warns, without failing, about an until that has passed, naming the entry and what to do', () => {
    const config = parseConfig(acknowledging('2026-03-09'), 'hr-sync.config.json');
    expect(accessReviewWarnings(config, NOW, 'hr-sync.config.json')).toEqual([
      'config: accessReview.acknowledged[0].until 2026-03-09 has passed, so the findings for bamboohr:1 show again; set a later date or remove the entry in hr-sync.config.json',
    ]);
    expect(accessReviewWarnings(parseConfig(acknowledging('2026-03-10'), 'x'), NOW, 'x')).toEqual([]);
  });
});
