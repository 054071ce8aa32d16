import type { Employee, EmployeeChange } from './employee-change.js';
import type { MappingRules } from './mapping-rules.js';
import type { PatchFields } from './user-patch.js';

export type MapResult =
  | { kind: 'patch'; fields: PatchFields }
  | { kind: 'skip'; reason: 'termination-ignored' | 'nothing-to-change' };

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

export function isTermination(change: EmployeeChange): boolean {
  return (
    change.type === 'employee.terminated' ||
    change.type === 'employee.deleted' ||
    change.employee.status === 'terminated'
  );
}

/**
 * First matching rule wins; a criterion on a field the change does not carry never matches, so a
 * partial update cannot knock a user back to the default role. No role data at all → no role change.
 */
export function pickRole(employee: Employee, roles: MappingRules['roles']): number | undefined {
  const { department, jobTitle } = employee;
  if (department === undefined && jobTitle === undefined) return undefined;
  const rule = roles.rules.find(
    ({ match }) =>
      (match.department === undefined || (department !== undefined && same(match.department, department))) &&
      (match.jobTitle === undefined || (jobTitle !== undefined && same(match.jobTitle, jobTitle))),
  );
  return rule?.roleId ?? roles.defaultRoleId;
}

export function pickFirstName(employee: Employee, names: MappingRules['names']): string | undefined {
  const preferred = employee.preferredName?.trim();
  if (names.usePreferredName && preferred) return preferred;
  return employee.firstName?.trim() || undefined;
}

/** What one change asks of the Heymarket user, under the configured rules. */
export function mapToPatch(change: EmployeeChange, config: MappingRules): MapResult {
  if (isTermination(change)) {
    // Heymarket cannot deactivate a user (https://developers.heymarket.com/api-reference/users): the only
    // lever is the role.
    return config.termination.action === 'move-to-role'
      ? { kind: 'patch', fields: { role_id: config.termination.roleId } }
      : { kind: 'skip', reason: 'termination-ignored' };
  }
  const fields: PatchFields = {};
  const firstName = pickFirstName(change.employee, config.names);
  const lastName = change.employee.lastName?.trim();
  const roleId = pickRole(change.employee, config.roles);
  if (firstName) fields.first_name = firstName;
  if (lastName) fields.last_name = lastName;
  if (roleId !== undefined) fields.role_id = roleId;
  return Object.keys(fields).length > 0
    ? { kind: 'patch', fields }
    : { kind: 'skip', reason: 'nothing-to-change' };
}
