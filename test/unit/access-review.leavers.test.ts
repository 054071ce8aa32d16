import { describe, expect, it } from 'vitest';
import { listed, member, person, review, summary } from '../support/access-review.js';

const seated = (...people: ReturnType<typeof person>[]) =>
  new Map(people.map((p, index) => [p.workEmail?.toLowerCase() ?? '', 100 + index]));

describe('access review: leaver-with-seat', () => {
  it('reports an employee terminated in HR who is still a team member, with both sides described', () => {
    const ann = person('7', { status: 'terminated', terminationDate: '2026-03-01', preferredName: 'Annie' });
    const report = review({
      directory: [listed('bamboohr', [ann])],
      team: [member(100, 4)],
      userIdsByEmail: seated(ann),
    });
    expect(report.findings).toEqual([
      {
        kind: 'leaver-with-seat',
        employee: {
          provider: 'bamboohr',
          id: '7',
          name: 'Annie Last7',
          workEmail: 'p7@example.test',
          status: 'terminated',
          terminationDate: '2026-03-01',
        },
        user: { id: 100, name: 'User 100', roleId: 4 },
        firstSeenAt: '2026-03-10T12:00:00.000Z',
        notifiedAt: null,
      },
    ]);
  });

  it('counts a termination date that has passed, whatever the status says, but not today or later', () => {
    const past = person('1', { terminationDate: '2026-03-09' });
    const today = person('2', { terminationDate: '2026-03-10' });
    const future = person('3', { terminationDate: '2026-04-01' });
    const report = review({
      directory: [listed('hibob', [past, today, future])],
      team: [member(100), member(101), member(102)],
      userIdsByEmail: seated(past, today, future),
    });
    expect(summary(report)).toEqual(['leaver-with-seat hibob:1→100']);
  });

  it('counts a record the HR system deleted', () => {
    const gone = person('m-1', { deleted: true });
    const report = review({
      directory: [listed('merge', [gone])],
      team: [member(100)],
      userIdsByEmail: seated(gone),
    });
    expect(summary(report)).toEqual(['leaver-with-seat merge:m-1→100']);
    expect(report.findings[0]?.employee?.status).toBe('deleted');
  });

  it('is done, not a finding, when the user already holds the termination role under move-to-role', () => {
    const moved = person('1', { status: 'terminated' });
    const notYet = person('2', { status: 'terminated' });
    const report = review({
      directory: [listed('bamboohr', [moved, notYet])],
      team: [member(100, 9), member(101, 2)],
      userIdsByEmail: seated(moved, notYet),
      config: { termination: { action: 'move-to-role', roleId: 9 } },
    });
    expect(summary(report)).toEqual(['leaver-with-seat bamboohr:2→101']);
  });

  it('stays a finding in the leaver role when termination is ignored (the role proves nothing then)', () => {
    const ann = person('1', { status: 'terminated' });
    const report = review({
      directory: [listed('bamboohr', [ann])],
      team: [member(100, 9)],
      userIdsByEmail: seated(ann),
    });
    expect(summary(report)).toEqual(['leaver-with-seat bamboohr:1→100']);
  });

  it('reports nothing for a leaver who holds no seat', () => {
    const ann = person('1', { status: 'terminated' });
    const report = review({
      directory: [listed('bamboohr', [ann])],
      team: [member(5)],
      userIdsByEmail: seated(ann),
    });
    expect(summary(report)).toEqual(['seat-without-employee -→5']);
  });

  it('leaves a seat an active record also holds to that record (a rehire under a new id)', () => {
    const before = person('1', { status: 'terminated', workEmail: 'same@example.test' });
    const rehired = person('2', { workEmail: 'same@example.test' });
    const report = review({
      directory: [listed('bamboohr', [before, rehired])],
      team: [member(100)],
      userIdsByEmail: new Map([['same@example.test', 100]]),
    });
    expect(report.findings).toEqual([]);
  });

  it('leaves the seat to a rehire on leave (inactive, not a leaver) under a new id too', () => {
    const before = person('1', {
      status: 'terminated',
      terminationDate: '2025-06-30',
      workEmail: 'same@example.test',
    });
    const onLeave = person('2', { status: 'inactive', workEmail: 'same@example.test' });
    const report = review({
      directory: [listed('bamboohr', [before, onLeave])],
      team: [member(100)],
      userIdsByEmail: new Map([['same@example.test', 100]]),
    });
    expect(report.findings).toEqual([]);
  });

  it('lists the newest leavers first', () => {
    const older = person('1', { status: 'terminated', terminationDate: '2026-01-05' });
    const newer = person('2', { status: 'terminated', terminationDate: '2026-03-02' });
    const report = review({
      directory: [listed('bamboohr', [older, newer])],
      team: [member(100), member(101)],
      userIdsByEmail: seated(older, newer),
    });
    expect(summary(report)).toEqual(['leaver-with-seat bamboohr:2→101', 'leaver-with-seat bamboohr:1→100']);
  });
});
