import { describe, expect, it } from 'vitest';
import { currentRoleOf, guardFields } from '../../lambda/core/role-guard.js';

const rules = { protectedRoleIds: [1], protectedUserIds: [99] };
const fields = { first_name: 'Ada', last_name: 'Lovelace', role_id: 4 };

describe('the role guard', () => {
  it('sends nothing at all to a protected user', () => {
    expect(guardFields(fields, 99, 4, rules)).toEqual({ fields: {}, skipped: 'protected-user' });
    expect(guardFields({ first_name: 'Ada' }, 99, undefined, rules)).toEqual({
      fields: {},
      skipped: 'protected-user',
    });
  });

  it('drops the role of a user who holds a protected role, keeping the names', () => {
    expect(guardFields(fields, 7, 1, rules)).toEqual({
      fields: { first_name: 'Ada', last_name: 'Lovelace' },
      skipped: 'protected-role',
    });
  });

  it('drops a role it could not read the user for, keeping the names', () => {
    expect(guardFields(fields, 7, undefined, rules)).toEqual({
      fields: { first_name: 'Ada', last_name: 'Lovelace' },
      skipped: 'role-unverified',
    });
  });

  // Stateless, so it holds after the applied record is gone: the role itself says they left.
  it('keeps the termination role of a user who holds it unless the employee is back, names still sent', () => {
    const withLeaver = { ...rules, leaverRoleId: 9 };
    expect(guardFields(fields, 7, 9, withLeaver)).toEqual({
      fields: { first_name: 'Ada', last_name: 'Lovelace' },
      skipped: 'leaver',
    });
    expect(guardFields(fields, 7, 9, withLeaver, true)).toEqual({ fields });
    expect(guardFields({ role_id: 9 }, 7, 9, withLeaver)).toEqual({ fields: { role_id: 9 } });
    expect(guardFields(fields, 7, 9, rules)).toEqual({ fields });
  });

  it('lets a role change through for a user whose ordinary role was read', () => {
    expect(guardFields(fields, 7, 4, rules)).toEqual({ fields });
    expect(guardFields(fields, 7, 6, rules)).toEqual({ fields });
  });

  it('needs no read for a change that sets no role', () => {
    expect(guardFields({ last_name: 'Byron' }, 7, undefined, rules)).toEqual({
      fields: { last_name: 'Byron' },
    });
  });
});

describe('the role a user holds now', () => {
  it('is the role of the membership read for that very user', () => {
    expect(currentRoleOf(7, { id: 7, role_id: 1 })).toBe(1);
  });

  it('is unknown when the membership is another user, absent, or has no usable role', () => {
    expect(currentRoleOf(7, { id: 8, role_id: 4 })).toBeUndefined();
    expect(currentRoleOf(7, undefined)).toBeUndefined();
    expect(currentRoleOf(7, { id: 7, role_id: null })).toBeUndefined();
    expect(currentRoleOf(7, { id: 7 })).toBeUndefined();
    expect(currentRoleOf(7, { id: 7, role_id: 0 })).toBeUndefined();
    expect(currentRoleOf(7, { id: 7, role_id: 2 ** 53 })).toBeUndefined();
  });
});
