import type { EmployeeChange } from './employee-change.js';
import { ownValue } from './own-property.js';
import { isUserId } from './user-patch.js';

export type UserRef = { kind: 'user'; userId: number } | { kind: 'email'; email: string } | { kind: 'none' };

/**
 * Identity overrides win over the work email: they exist for people whose email does not match. Only
 * `provider:id` matches (HR systems number employees independently), and only a key the table holds
 * itself: an employee id such as `constructor` must not find what every object inherits.
 */
export function userRefFor(change: EmployeeChange, overrides: Readonly<Record<string, number>>): UserRef {
  const override = ownValue(overrides, `${change.provider}:${change.employee.id}`);
  if (isUserId(override)) return { kind: 'user', userId: override };
  const email = change.employee.workEmail?.trim().toLowerCase();
  return email ? { kind: 'email', email } : { kind: 'none' };
}
