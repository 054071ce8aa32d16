import { describe, expect, it } from 'vitest';
import { listed, member, person, review, summary } from '../support/access-review.js';

const ann = person('1');
const emails = new Map([['p1@example.test', 100]]);

describe('access review: seat-without-employee', () => {
  it('reports a team member no employee of any listed provider matches, with the user described', () => {
    const report = review({
      directory: [listed('bamboohr', [ann])],
      team: [member(100), member(7, 3)],
      userIdsByEmail: emails,
    });
    expect(report.findings).toEqual([
      {
        kind: 'seat-without-employee',
        employee: null,
        user: { id: 7, name: 'User 7', roleId: 3 },
        firstSeenAt: '2026-03-10T12:00:00.000Z',
        notifiedAt: null,
      },
    ]);
  });

  it('never reports a user in protectedUserIds', () => {
    const report = review({
      directory: [listed('bamboohr', [ann])],
      team: [member(100), member(7)],
      userIdsByEmail: emails,
      config: { protectedUserIds: [7] },
    });
    expect(report.findings).toEqual([]);
  });

  it('counts a matched leaver seat as matched, reported once as a leaver', () => {
    const report = review({
      directory: [listed('bamboohr', [person('1', { status: 'terminated' })])],
      team: [member(100)],
      userIdsByEmail: emails,
    });
    expect(summary(report)).toEqual(['leaver-with-seat bamboohr:1→100']);
  });

  it('is computed only when at least one provider was listed in full', () => {
    const team = [member(100), member(7)];
    expect(review({ directory: [{ provider: 'hibob', listing: 'unavailable' }], team }).findings).toEqual([]);
    expect(review({ directory: [{ provider: 'standard', listing: 'unlistable' }], team }).findings).toEqual(
      [],
    );
    expect(review({ directory: [], team }).findings).toEqual([]);
  });

  it('ignores a team entry whose id is no positive safe integer', () => {
    const report = review({
      directory: [listed('bamboohr', [])],
      team: [member(0), member(-3), member(1.5), member(2 ** 53)],
    });
    expect(report.findings).toEqual([]);
  });
});
