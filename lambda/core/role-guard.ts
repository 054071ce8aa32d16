import type { SyncRules } from './mapping-rules.js';
import type { PatchFields } from './user-patch.js';

/**
 * What the service will never do to a Heymarket user, whatever an HR feed says: patch a protected user
 * (owners, service accounts) at all, change the role of a user who holds a protected role (an admin),
 * or change a role it could not read first. The configured rules themselves can never name a protected
 * role (see `refuseProtectedAssignments` in lambda/config/schema.ts), so together no HR change can hand
 * out or take away one.
 */
export interface RoleGuardRules {
  protectedRoleIds: readonly number[];
  protectedUserIds: readonly number[];
  /** `termination.roleId` when the action is `move-to-role`: a user holding it is a leaver. */
  leaverRoleId?: number | undefined;
}

/** The leaver role of a configuration's termination rule, if it moves leavers to one. */
export const leaverRoleOf = (termination: { action: string; roleId?: number | undefined }) =>
  termination.action === 'move-to-role' ? termination.roleId : undefined;

/** Why a change, or its role field, was not sent; a closed set, used as a metric dimension. */
export type GuardSkip = 'protected-user' | 'protected-role' | 'role-unverified' | 'leaver';

export interface GuardedFields {
  /** The fields still to send: none for a protected user, no `role_id` when the role is refused. */
  fields: PatchFields;
  skipped?: GuardSkip;
}

/** A team membership as `users/get` returns it; only the id and role matter here. */
export interface MembershipRole {
  id: number;
  role_id?: number | null;
}

/**
 * The role the user holds now, from a membership read in this batch: only when that membership is
 * the very user the patch is for (an override or a stored id may name another user than the email)
 * and its role is a usable id.
 */
export function currentRoleOf(userId: number, membership: MembershipRole | undefined): number | undefined {
  if (!membership || membership.id !== userId) return undefined;
  const role = membership.role_id;
  return typeof role === 'number' && Number.isSafeInteger(role) && role > 0 ? role : undefined;
}

/**
 * Applies the rules above to one change's fields for one user whose current role may be unknown. A
 * user who holds the leaver role now keeps it unless the change is an explicit return (`returning`:
 * its status is `active` and it is newer than any termination known, see lambda/core/leaver.ts). This
 * holds without any stored state, so a leaver stays one after the applied record has expired.
 */
export function guardFields(
  fields: PatchFields,
  userId: number,
  currentRoleId: number | undefined,
  rules: RoleGuardRules,
  returning = false,
): GuardedFields {
  if (rules.protectedUserIds.includes(userId)) return { fields: {}, skipped: 'protected-user' };
  if (fields.role_id === undefined) return { fields };
  const { role_id: _dropped, ...rest } = fields;
  if (currentRoleId === undefined) return { fields: rest, skipped: 'role-unverified' };
  if (rules.protectedRoleIds.includes(currentRoleId)) return { fields: rest, skipped: 'protected-role' };
  const leaver = rules.leaverRoleId !== undefined && currentRoleId === rules.leaverRoleId;
  if (leaver && fields.role_id !== currentRoleId && !returning) return { fields: rest, skipped: 'leaver' };
  return { fields };
}

/** The guard's rules as the configuration states them. */
export const guardRulesOf = (
  rules: Pick<SyncRules, 'roles' | 'termination' | 'protectedUserIds'>,
): RoleGuardRules => ({
  protectedRoleIds: rules.roles.protectedRoleIds,
  protectedUserIds: rules.protectedUserIds,
  leaverRoleId: leaverRoleOf(rules.termination),
});
