import { describe, expect, it } from 'vitest';
import { listed, member, person, review, summary } from '../support/access-review.js';

describe('access review: hire-without-seat', () => {
  it('reports an active employee with a work email and no Heymarket user', () => {
    const report = review({ directory: [listed('personio', [person('5')])] });
    expect(report.findings).toEqual([
      {
        kind: 'hire-without-seat',
        employee: {
          provider: 'personio',
          id: '5',
          name: 'First5 Last5',
          workEmail: 'p5@example.test',
          status: 'active',
          terminationDate: null,
        },
        user: null,
        firstSeenAt: '2026-03-10T12:00:00.000Z',
        notifiedAt: null,
      },
    ]);
  });

  it('counts an employee whose user the email lookup found but who is not on the team as seatless', () => {
    const report = review({
      directory: [listed('personio', [person('5')])],
      team: [member(8)],
      userIdsByEmail: new Map([['p5@example.test', 99]]),
      config: { protectedUserIds: [8] },
    });
    expect(summary(report)).toEqual(['hire-without-seat personio:5→-']);
  });

  it('leaves out employees with no work email, inactive ones, and leavers', () => {
    const report = review({
      directory: [
        listed('hibob', [
          person('1', { workEmail: undefined }),
          person('2', { status: 'inactive' }),
          person('3', { status: 'terminated' }),
          person('4', { terminationDate: '2026-02-01' }),
        ]),
      ],
    });
    expect(report.findings).toEqual([]);
  });

  it('takes an employee with no status and no past termination as active', () => {
    const report = review({ directory: [listed('hibob', [person('1', { status: undefined })])] });
    expect(summary(report)).toEqual(['hire-without-seat hibob:1→-']);
  });

  it('reports only employees accessReview.scope matches, as role rules match (any entry, every criterion, case and spaces aside)', () => {
    const report = review({
      directory: [
        listed('bamboohr', [
          person('1', { department: ' support ' }),
          person('2', { department: 'Sales', jobTitle: 'Account Executive' }),
          person('3', { department: 'Sales', jobTitle: 'Engineer' }),
          person('4', { jobTitle: 'Account Executive' }),
          person('5'),
        ]),
      ],
      config: {
        accessReview: {
          scope: [{ department: 'Support' }, { department: 'Sales', jobTitle: 'account executive' }],
        },
      },
    });
    expect(summary(report)).toEqual(['hire-without-seat bamboohr:1→-', 'hire-without-seat bamboohr:2→-']);
  });
});
