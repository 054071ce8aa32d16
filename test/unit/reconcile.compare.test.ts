import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../lambda/config/load.js';
import type { ConfigInput } from '../../lambda/config/schema.js';
import type { Employee } from '../../lambda/core/employee-change.js';
import {
  compareEmployee,
  decideCap,
  differingFields,
  type HeldUser,
} from '../../lambda/core/reconcile-compare.js';

const LISTED_AT = '2026-03-02T03:00:07.000Z';
const ada: Employee = {
  id: 'E1',
  workEmail: 'Ada.Lovelace@Example.test',
  firstName: 'Augusta',
  preferredName: 'Ada',
  lastName: 'Lovelace',
  department: 'Support',
};
const config = (input: ConfigInput = {}) =>
  parseConfig(
    { roles: { rules: [{ match: { department: 'Support' }, roleId: 4 }], defaultRoleId: 5 }, ...input },
    'test',
  );
const compare = (employee: Employee, user: HeldUser | undefined, input?: ConfigInput, runId = 'run-1') =>
  compareEmployee(
    { provider: 'bamboohr', tenant: '12345', employee, listedAt: LISTED_AT },
    user,
    config(input),
    runId,
  );

describe('comparing a listed employee with their Heymarket user', () => {
  it('finds a user in step when the name and role Heymarket reports are what the rules make', () => {
    expect(compare(ada, { id: 7, name: 'Ada Lovelace', role_id: 4 })).toEqual({ kind: 'in-step', userId: 7 });
  });

  it('compares only what Heymarket reports: a null name or role is unknown, never a difference', () => {
    expect(compare(ada, { id: 7, name: null, role_id: null })).toEqual({ kind: 'in-step', userId: 7 });
    expect(compare(ada, { id: 7 })).toEqual({ kind: 'in-step', userId: 7 });
  });

  it('names the fields that differ: a first name at the start of the name, a last name at its end, the role', () => {
    expect(
      differingFields({ first_name: 'Ada', last_name: 'Lovelace' }, { id: 1, name: 'Augusta Lovelace' }),
    ).toEqual(['first_name']);
    expect(
      differingFields({ first_name: 'Ada', last_name: 'Lovelace' }, { id: 1, name: 'Ada Byron' }),
    ).toEqual(['last_name']);
    expect(
      differingFields({ first_name: 'Ada', last_name: 'Lovelace' }, { id: 1, name: 'Ada King Lovelace' }),
    ).toEqual(['first_name', 'last_name']);
    expect(differingFields({ role_id: 4 }, { id: 1, name: 'x', role_id: 1 })).toEqual(['role_id']);
  });

  it('ignores white space and Unicode form, but not case', () => {
    expect(
      differingFields({ first_name: 'Zoë', last_name: 'Ng' }, { id: 1, name: '  Zoe\u0308   Ng ' }),
    ).toEqual([]);
    expect(
      differingFields({ first_name: 'Ada', last_name: 'Lovelace' }, { id: 1, name: 'ada lovelace' }),
    ).toEqual(['first_name', 'last_name']);
  });

  it('builds the change to enqueue: the listed employee, occurred when listed, an event id per run and employee', () => {
    const first = compare(ada, { id: 7, name: 'Ada Byron', role_id: 4 }, {}, 'run-1');
    const second = compare(ada, { id: 7, name: 'Ada Byron', role_id: 4 }, {}, 'run-2');
    expect(first).toMatchObject({ kind: 'differing', userId: 7, fields: ['last_name'] });
    if (first.kind !== 'differing' || second.kind !== 'differing') throw new Error('expected differing');
    expect(first.change).toEqual({
      v: 1,
      provider: 'bamboohr',
      tenant: '12345',
      eventId: 'reconcile:run-1:E1',
      type: 'employee.updated',
      occurredAt: LISTED_AT,
      receivedAt: LISTED_AT,
      employee: ada,
      needsEnrichment: false,
    });
    expect(second.change.eventId).not.toBe(first.change.eventId);
  });

  it('leaves a terminated employee alone when terminations are ignored, and moves them when configured', () => {
    const leaver: Employee = { ...ada, status: 'terminated' };
    expect(compare(leaver, { id: 7, name: 'Someone Else', role_id: 4 })).toEqual({
      kind: 'in-step',
      userId: 7,
    });
    const moved = compare(
      leaver,
      { id: 7, name: 'Ada Lovelace', role_id: 4 },
      { termination: { action: 'move-to-role', roleId: 9 } },
    );
    expect(moved).toMatchObject({
      kind: 'differing',
      fields: ['role_id'],
      change: { type: 'employee.terminated' },
    });
  });
});

describe('the cap', () => {
  it('allows up to maxChanges and refuses above it, saying how many and what to do', () => {
    expect(decideCap(10, 10)).toEqual({ allowed: true });
    const refused = decideCap(11, 10);
    expect(refused.allowed).toBe(false);
    expect(refused.reason).toMatch(
      /^11 users differ .* cap of 10 .*nothing was enqueued.*--dry-run.*--max-changes 11/,
    );
  });
});
