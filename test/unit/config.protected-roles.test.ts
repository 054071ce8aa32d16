import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../lambda/config/load.js';
import { loadConfigFile } from '../../lambda/config/load-file.js';
import { LOCAL_DEFAULT_CONFIG } from '../../lambda/local/default-config.js';

const fix = 'choose another role or set roles.allowAssigningProtected: true';

describe('configuration of protected roles and users', () => {
  it('protects the admin role (1) and no user by default', () => {
    expect(parseConfig({}, 'test')).toMatchObject({
      roles: { protectedRoleIds: [1], allowAssigningProtected: false },
      protectedUserIds: [],
    });
  });

  it('refuses a rule that assigns a protected role, naming the rule, the role and how to fix it', () => {
    const rules = [
      { match: { department: 'Support' }, roleId: 4 },
      { match: { jobTitle: 'Head of Support' }, roleId: 1 },
    ];
    expect(() => parseConfig({ roles: { rules } }, 'my.json')).toThrow(
      `config: roles.rules[1].roleId 1 is a protected role (roles.protectedRoleIds); ${fix} in my.json`,
    );
  });

  it('refuses a protected default role', () => {
    expect(() => parseConfig({ roles: { defaultRoleId: 1 } }, 'my.json')).toThrow(
      `config: roles.defaultRoleId 1 is a protected role (roles.protectedRoleIds); ${fix} in my.json`,
    );
  });

  it('refuses a protected termination role', () => {
    expect(() => parseConfig({ termination: { action: 'move-to-role', roleId: 1 } }, 'my.json')).toThrow(
      `config: termination.roleId 1 is a protected role (roles.protectedRoleIds); ${fix} in my.json`,
    );
  });

  it('reports every protected assignment at once, one line each', () => {
    const config = {
      roles: {
        rules: [{ match: { department: 'IT' }, roleId: 3 }],
        defaultRoleId: 3,
        protectedRoleIds: [1, 3],
      },
    };
    expect(() => parseConfig(config, 'my.json')).toThrow(
      /^config: roles\.rules\[0\]\.roleId 3 .*\nconfig: roles\.defaultRoleId 3 .* in my\.json$/,
    );
  });

  it('accepts all three when the operator allows assigning protected roles explicitly', () => {
    const config = parseConfig(
      {
        roles: {
          rules: [{ match: { jobTitle: 'Head of Support' }, roleId: 1 }],
          defaultRoleId: 1,
          allowAssigningProtected: true,
        },
        termination: { action: 'move-to-role', roleId: 1 },
      },
      'test',
    );
    expect(config.roles.rules[0]?.roleId).toBe(1);
  });

  it('accepts role 1 in a rule once it is no longer in protectedRoleIds', () => {
    const config = parseConfig(
      { roles: { rules: [{ match: { department: 'IT' }, roleId: 1 }], protectedRoleIds: [] } },
      'test',
    );
    expect(config.roles.protectedRoleIds).toEqual([]);
  });

  it('takes protected ids only as positive safe integers', () => {
    expect(() => parseConfig({ protectedUserIds: [0] }, 'c.json')).toThrow(/config: protectedUserIds\[0\] /);
    expect(() => parseConfig({ protectedUserIds: [2 ** 53] }, 'c.json')).toThrow(/protectedUserIds\[0\] /);
    expect(() => parseConfig({ protectedUserIds: ['42'] }, 'c.json')).toThrow(/protectedUserIds\[0\] /);
    expect(() => parseConfig({ roles: { protectedRoleIds: [1.5] } }, 'c.json')).toThrow(
      /roles\.protectedRoleIds\[0\] /,
    );
  });

  it('ships an example and a local default that hand out no protected role', () => {
    for (const config of [
      loadConfigFile('hr-sync.config.example.json'),
      parseConfig(LOCAL_DEFAULT_CONFIG, 'local'),
    ]) {
      const assigned = [...config.roles.rules.map((rule) => rule.roleId), config.roles.defaultRoleId];
      expect(assigned.filter((id) => id !== undefined && config.roles.protectedRoleIds.includes(id))).toEqual(
        [],
      );
      expect(config.roles.allowAssigningProtected).toBe(false);
    }
  });
});
