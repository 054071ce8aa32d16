import { describe, expect, it } from 'vitest';
import { type Employment, judgeLeavers, type LeaverChange, statusEventOf } from '../../lambda/core/leaver.js';
import { makeChange } from '../support/changes.js';

const E = 'standard#-#E1';
const change = (at: number, event?: LeaverChange['event'], setsRole = true): LeaverChange => ({
  employeeKey: E,
  at,
  event,
  setsRole,
});
const judge = (stored: Employment, ...changes: LeaverChange[]) => judgeLeavers(changes, () => stored);
const roles = (stored: Employment, ...changes: LeaverChange[]) =>
  judge(stored, ...changes).verdicts.map((verdict) => verdict.role);

describe('what a change says of employment', () => {
  it('is a departure for a termination or deletion, or a terminated status', () => {
    expect(statusEventOf(makeChange({ type: 'employee.terminated' }))).toBe('left');
    expect(statusEventOf(makeChange({ type: 'employee.deleted' }))).toBe('left');
    expect(statusEventOf(makeChange({ employee: { status: 'terminated' } }))).toBe('left');
  });

  it('is a return only for an explicit active status, and nothing otherwise', () => {
    expect(statusEventOf(makeChange({ employee: { status: 'active' } }))).toBe('returned');
    expect(statusEventOf(makeChange({ employee: { status: 'inactive' } }))).toBeUndefined();
    expect(statusEventOf(makeChange())).toBeUndefined();
  });
});

describe('leavers stay leavers', () => {
  it('changes nothing for an employee who never left', () => {
    expect(roles({}, change(10), change(20, 'returned'))).toEqual(['keep', 'keep']);
  });

  it('drops the role of any later change that does not say the employee is back', () => {
    expect(roles({ terminatedAt: 10 }, change(20), change(30, undefined, false))).toEqual(['leaver', 'keep']);
  });

  it('drops the role of a change older than, or as old as, the termination, even an active one', () => {
    expect(roles({ terminatedAt: 10 }, change(5), change(5, 'returned'), change(10, 'returned'))).toEqual([
      'leaver',
      'leaver',
      'leaver',
    ]);
  });

  it('honours a return newer than the termination as a rehire, once', () => {
    const { verdicts, employment } = judge(
      { terminatedAt: 10 },
      change(20, 'returned'),
      change(30, 'returned'),
    );
    expect(verdicts).toEqual([
      { role: 'keep', rehire: true, back: true },
      { role: 'keep', rehire: false, back: true },
    ]);
    expect(employment.get(E)).toEqual({ terminatedAt: 10, returnedAt: 30 });
  });

  it('lets changes after a stored return set the role, and not those between the termination and the return', () => {
    expect(roles({ terminatedAt: 10, returnedAt: 20 }, change(25), change(15))).toEqual(['keep', 'leaver']);
  });

  it('judges a termination and updates in one batch as if they came one by one, whatever their order', () => {
    expect(roles({}, change(20), change(10, 'left'), change(5))).toEqual(['leaver', 'keep', 'leaver']);
    expect(roles({}, change(30), change(20, 'returned'), change(10, 'left'))).toEqual([
      'keep',
      'keep',
      'stale',
    ]);
  });

  it('drops the role of a termination older than a known return, stored or in the batch', () => {
    expect(roles({ returnedAt: 20 }, change(10, 'left'))).toEqual(['stale']);
    expect(roles({}, change(10, 'left'), change(20, 'returned', false))).toEqual(['stale', 'keep']);
    expect(roles({ returnedAt: 20 }, change(20, 'left'))).toEqual(['keep']);
  });

  it('keeps employees apart and never moves the recorded times back', () => {
    const { employment } = judgeLeavers(
      [
        { employeeKey: 'a', at: 5, event: 'left', setsRole: false },
        { employeeKey: 'b', at: 7, event: 'returned', setsRole: false },
      ],
      (key) => (key === 'a' ? { terminatedAt: 9, returnedAt: 3 } : {}),
    );
    expect(employment).toEqual(
      new Map([
        ['a', { terminatedAt: 9, returnedAt: 3 }],
        ['b', { returnedAt: 7 }],
      ]),
    );
  });
});

// Whether the employee is back by a change decides, in the role guard, whether a user who holds the
// termination role now may be given another (lambda/core/role-guard.ts).
describe('an employee back by a change', () => {
  const back = (stored: Employment, ...changes: LeaverChange[]) =>
    judge(stored, ...changes).verdicts.map((verdict) => verdict.back);

  it('is back by an active status newer than the termination, and by any later change', () => {
    expect(back({ terminatedAt: 10 }, change(20, 'returned'), change(30))).toEqual([true, true]);
    expect(back({ terminatedAt: 10, returnedAt: 20 }, change(25))).toEqual([true]);
  });

  it('is not back by a change between the termination and the return, nor by a termination', () => {
    expect(back({ terminatedAt: 10, returnedAt: 20 }, change(15), change(30, 'left'))).toEqual([
      false,
      false,
    ]);
  });

  it('with no termination known, is back by an active status and not by a change without one', () => {
    expect(back({}, change(10, 'returned'))).toEqual([true]);
    expect(back({}, change(10))).toEqual([false]);
  });
});
