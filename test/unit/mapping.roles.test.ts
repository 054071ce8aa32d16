import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../lambda/config/load.js';
import { mapToPatch } from '../../lambda/core/map-to-patch.js';
import { makeChange } from '../support/changes.js';

const config = parseConfig(
  {
    roles: {
      rules: [
        { match: { department: 'Support', jobTitle: 'Team Lead' }, roleId: 7 },
        { match: { department: 'Support' }, roleId: 4 },
        { match: { jobTitle: 'CTO' }, roleId: 5 },
      ],
      defaultRoleId: 9,
    },
  },
  'test',
);

const roleOf = (employee: { department?: string; jobTitle?: string }) => {
  const result = mapToPatch(makeChange({ employee }), config);
  return result.kind === 'patch' ? result.fields.role_id : undefined;
};

describe('role rules', () => {
  it('applies the first rule that matches', () => {
    expect(roleOf({ department: 'Support', jobTitle: 'Team Lead' })).toBe(7);
    expect(roleOf({ department: 'Support', jobTitle: 'Agent' })).toBe(4);
  });

  it('compares department and job title without regard to case or surrounding spaces', () => {
    expect(roleOf({ department: '  support ', jobTitle: 'cto' })).toBe(4);
    expect(roleOf({ jobTitle: ' Cto' })).toBe(5);
  });

  it('falls back to the default role when no rule matches', () => {
    expect(roleOf({ department: 'Finance' })).toBe(9);
  });

  it('leaves the role alone when the change carries neither department nor job title', () => {
    expect(roleOf({})).toBeUndefined();
  });

  it('leaves the role alone when nothing matches and there is no default', () => {
    const noDefault = parseConfig(
      { roles: { rules: [{ match: { department: 'Support' }, roleId: 4 }] } },
      'test',
    );
    const result = mapToPatch(makeChange({ employee: { department: 'Finance' } }), noDefault);
    expect(result).toEqual({ kind: 'patch', fields: { first_name: 'Ada', last_name: 'Lovelace' } });
  });
});
