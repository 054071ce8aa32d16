import { describe, expect, it } from 'vitest';
import { listed, member, person, review, summary } from '../support/access-review.js';

describe('access review: a provider that cannot be listed', () => {
  it('makes the review partial, naming the provider, and still reports what the others show', () => {
    const report = review({
      directory: [
        listed('bamboohr', [person('1', { status: 'terminated' })]),
        { provider: 'hibob', listing: 'unavailable' },
      ],
      team: [member(100)],
      userIdsByEmail: new Map([['p1@example.test', 100]]),
    });
    expect(report.partial).toEqual(['hibob']);
    expect(summary(report)).toEqual(['leaver-with-seat bamboohr:1→100']);
  });

  it('never reports the people remembered or overridden for that provider as seats without an employee', () => {
    const report = review({
      directory: [listed('bamboohr', []), { provider: 'hibob', listing: 'unavailable' }],
      team: [member(21), member(22), member(23)],
      remembered: new Map([['hibob:E1', 21]]),
      config: { identityOverrides: { 'hibob:E2': 22 } },
    });
    expect(summary(report)).toEqual(['seat-without-employee -→23']);
  });

  it('reports a seat remembered only for a provider that was listed in full and no longer holds the employee', () => {
    const report = review({
      directory: [listed('bamboohr', [])],
      team: [member(21)],
      remembered: new Map([['bamboohr:gone', 21]]),
    });
    expect(summary(report)).toEqual(['seat-without-employee -→21']);
  });
});

describe('access review: Standard Webhooks (no list API)', () => {
  it('matches its people through remembered ids only and never makes the review partial', () => {
    const report = review({
      directory: [listed('bamboohr', [person('1')]), { provider: 'standard', listing: 'unlistable' }],
      team: [member(100), member(31), member(32)],
      userIdsByEmail: new Map([['p1@example.test', 100]]),
      remembered: new Map([['standard:S1', 31]]),
    });
    expect(report.partial).toEqual([]);
    expect(summary(report)).toEqual(['seat-without-employee -→32']);
  });
});
