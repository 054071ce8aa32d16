import { describe, expect, it } from 'vitest';
import { reviewTable } from '../../lambda/cli/access-review-output.js';
import { NOW } from '../support/access-review.js';
import { leaverFinding } from '../support/leaver-findings.js';

describe('access review output: a stale review', () => {
  it('says the last run could not renew it, blaming no one cause (the team, the remembered ids or the write)', () => {
    const report = {
      generatedAt: '2026-03-09T12:00:00.000Z',
      stale: true,
      partial: [],
      findings: [leaverFinding(1)],
    };
    const lines = reviewTable(report, 'local', NOW).split('\n');
    expect(lines[1]).toBe('STALE: the last run could not renew the review; this is the one before it');
    expect(lines.join('\n')).not.toMatch(/Heymarket team/);
  });

  it('says nothing of staleness when the review is fresh', () => {
    const report = { generatedAt: '2026-03-10T12:00:00.000Z', stale: false, partial: [], findings: [] };
    expect(reviewTable(report, 'local', NOW)).not.toContain('STALE');
  });
});
