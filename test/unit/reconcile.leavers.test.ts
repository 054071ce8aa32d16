import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../lambda/config/load.js';
import type { Employee } from '../../lambda/core/employee-change.js';
import { compareEmployee, type HeldUser } from '../../lambda/core/reconcile-compare.js';

const LEAVER_ROLE = 9;
const ada: Employee = {
  id: 'E1',
  workEmail: 'ada@example.test',
  firstName: 'Ada',
  lastName: 'Lovelace',
  department: 'Support',
};
const compare = (status: Employee['status'], user: HeldUser) =>
  compareEmployee(
    { provider: 'standard', employee: { ...ada, status }, listedAt: '2026-03-02T03:00:07.000Z' },
    user,
    parseConfig(
      {
        roles: { rules: [{ match: { department: 'Support' }, roleId: 4 }] },
        termination: { action: 'move-to-role', roleId: LEAVER_ROLE },
      },
      'test',
    ),
    'run-1',
  );

// The worker keeps a user in the termination role there until HR says the employee is active again
// (lambda/core/role-guard.ts): a reconcile that queued their department role every day would see it
// withheld every day, and each one would count against reconcile.maxChanges.
describe('reconcile and a user who holds the termination role', () => {
  it('finds them in step on the role while HR does not list the employee as active', () => {
    for (const status of [undefined, 'inactive', 'terminated'] as const) {
      expect(compare(status, { id: 7, name: 'Ada Lovelace', role_id: LEAVER_ROLE })).toEqual({
        kind: 'in-step',
        userId: 7,
      });
    }
  });

  it('still sees a name that differs', () => {
    expect(compare('inactive', { id: 7, name: 'Ada Byron', role_id: LEAVER_ROLE })).toMatchObject({
      kind: 'differing',
      fields: ['last_name'],
    });
  });

  it('queues the role for an employee HR lists as active: an explicit return', () => {
    expect(compare('active', { id: 7, name: 'Ada Lovelace', role_id: LEAVER_ROLE })).toMatchObject({
      kind: 'differing',
      fields: ['role_id'],
    });
  });
});
