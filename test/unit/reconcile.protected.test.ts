import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../lambda/config/load.js';
import type { ConfigInput } from '../../lambda/config/schema.js';
import type { Employee } from '../../lambda/core/employee-change.js';
import { compareEmployee, type HeldUser } from '../../lambda/core/reconcile-compare.js';

const ada: Employee = {
  id: 'E1',
  workEmail: 'ada@example.test',
  firstName: 'Ada',
  lastName: 'Lovelace',
  department: 'Support',
};
const compare = (user: HeldUser, input: ConfigInput = {}) =>
  compareEmployee(
    { provider: 'standard', employee: ada, listedAt: '2026-03-02T03:00:07.000Z' },
    user,
    parseConfig({ roles: { rules: [{ match: { department: 'Support' }, roleId: 4 }] }, ...input }, 'test'),
    'run-1',
  );

describe('reconcile and the safety rules', () => {
  it('finds an admin in step on the role the worker would never change, and still sees a name that differs', () => {
    expect(compare({ id: 7, name: 'Ada Lovelace', role_id: 1 })).toEqual({ kind: 'in-step', userId: 7 });
    expect(compare({ id: 7, name: 'Ada Byron', role_id: 1 })).toMatchObject({
      kind: 'differing',
      fields: ['last_name'],
    });
  });

  it('finds a protected user in step whatever they hold, so no run enqueues a change for them', () => {
    expect(compare({ id: 7, name: 'Someone Else', role_id: 6 }, { protectedUserIds: [7] })).toEqual({
      kind: 'in-step',
      userId: 7,
    });
  });

  it('still reports a role that differs for an ordinary user', () => {
    expect(compare({ id: 7, name: 'Ada Lovelace', role_id: 6 })).toMatchObject({
      kind: 'differing',
      fields: ['role_id'],
    });
  });
});
