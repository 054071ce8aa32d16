import type { Config } from '../config/schema.js';
import type { EmployeeChange } from './employee-change.js';

export type UserRef = { kind: 'user'; userId: number } | { kind: 'email'; email: string } | { kind: 'none' };

/** Identity overrides win over the work email: they exist for people whose email does not match. */
export function userRefFor(change: EmployeeChange, overrides: Config['identityOverrides']): UserRef {
  const override = overrides[`${change.provider}:${change.employee.id}`] ?? overrides[change.employee.id];
  if (override !== undefined) return { kind: 'user', userId: override };
  const email = change.employee.workEmail?.trim().toLowerCase();
  return email ? { kind: 'email', email } : { kind: 'none' };
}
