import type { PatchField } from './applied.js';
import type { Employee, EmployeeChange, ProviderName } from './employee-change.js';
import { mapToPatch } from './map-to-patch.js';
import type { SyncRules } from './mapping-rules.js';
import { userRefFor } from './resolve-user.js';
import { currentRoleOf, guardFields, guardRulesOf } from './role-guard.js';
import type { PatchFields } from './user-patch.js';

/**
 * The reconcile job's rules, as plain data: whether a listed employee's Heymarket user is out of step
 * with what the mapping rules make of the HR record, and the change that brings it back.
 */

/**
 * What `users/get` reports of a user (https://developers.heymarket.com/api-reference/users, TeamUser):
 * one `name` and the `role_id`; either may be null.
 */
export interface HeldUser {
  id: number;
  name?: string | null | undefined;
  role_id?: number | null | undefined;
}

/**
 * Why an employee was not compared: no work email to look up, no Heymarket user with it, or an
 * identity override naming a user the work email does not find (`users/get` looks up by email only).
 */
export type UnmatchedReason = 'no-email' | 'no-user' | 'override';
export const UNMATCHED_REASONS = ['no-email', 'no-user', 'override'] as const satisfies UnmatchedReason[];

export type Verdict =
  | { kind: 'unmatched'; reason: UnmatchedReason }
  /** Matched, and the user holds what the rules ask (or the rules ask nothing of it). */
  | { kind: 'in-step'; userId: number }
  | { kind: 'differing'; userId: number; fields: PatchField[]; change: EmployeeChange };

export interface Listed {
  provider: ProviderName;
  /** The tenant webhooks carry (company or linked account id), so both share the applied state. */
  tenant?: string | undefined;
  employee: Employee;
  /** ISO time the HR system was read: the change's `occurredAt`, so a newer webhook still wins. */
  listedAt: string;
}

/** The lower-cased work email `users/get` is asked for, or undefined when there is none. */
export function lookupEmail(employee: Employee): string | undefined {
  return employee.workEmail?.trim().toLowerCase() || undefined;
}

/**
 * One event id per run and employee: the idempotency key (provider, event id, user, patch) differs
 * between runs, so a later run can apply the same values again after a webhook moved them away, while
 * a redelivery of this run's message stays a duplicate.
 */
export function reconcileEventId(runId: string, employeeId: string): string {
  return `reconcile:${runId}:${employeeId}`;
}

/**
 * Compares one listed employee with the user found by its work email. Only what Heymarket reports is
 * compared: a null `name` or `role_id` is unknown, never a difference, so a reconcile cannot keep
 * enqueuing a change it can never see applied.
 */
export function compareEmployee(
  listed: Listed,
  user: HeldUser | undefined,
  config: SyncRules,
  runId: string,
): Verdict {
  const change: EmployeeChange = {
    v: 1,
    provider: listed.provider,
    ...(listed.tenant === undefined ? {} : { tenant: listed.tenant }),
    eventId: reconcileEventId(runId, listed.employee.id),
    type: listed.employee.status === 'terminated' ? 'employee.terminated' : 'employee.updated',
    occurredAt: listed.listedAt,
    receivedAt: listed.listedAt,
    employee: listed.employee,
    needsEnrichment: false,
  };
  const ref = userRefFor(change, config.identityOverrides);
  if (ref.kind === 'none') return { kind: 'unmatched', reason: 'no-email' };
  if (!user) return { kind: 'unmatched', reason: ref.kind === 'user' ? 'override' : 'no-user' };
  if (ref.kind === 'user' && ref.userId !== user.id) return { kind: 'unmatched', reason: 'override' };
  const mapped = mapToPatch(change, config);
  if (mapped.kind === 'skip') return { kind: 'in-step', userId: user.id };
  // What the worker would withhold (a protected user, a protected role, the role of a user in the
  // termination role whom HR does not list as active) is never a difference either: queued, it would
  // be withheld every day and count against maxChanges.
  const { fields: sendable } = guardFields(
    mapped.fields,
    user.id,
    currentRoleOf(user.id, user),
    guardRulesOf(config),
    listed.employee.status === 'active',
  );
  const fields = differingFields(sendable, user);
  return fields.length === 0
    ? { kind: 'in-step', userId: user.id }
    : { kind: 'differing', userId: user.id, fields, change };
}

/**
 * The patch fields the user does not hold. Heymarket reports one `name` ("First Last",
 * https://developers.heymarket.com/api-reference/users),
 * so a first name is checked at its start and a last name at its end; both given, the whole must match
 * (a middle name Heymarket holds that HR does not is a difference). Compared after trimming, collapsing
 * white space and Unicode normalisation; case counts, as a person reads it.
 */
export function differingFields(fields: PatchFields, user: HeldUser): PatchField[] {
  const differing: PatchField[] = [];
  const held = typeof user.name === 'string' ? normalise(user.name) : undefined;
  const first = fields.first_name === undefined ? undefined : normalise(fields.first_name);
  const last = fields.last_name === undefined ? undefined : normalise(fields.last_name);
  if (held !== undefined) {
    const firstHeld = first === undefined || held === first || held.startsWith(`${first} `);
    const lastHeld = last === undefined || held === last || held.endsWith(` ${last}`);
    // Both ends right but something between them (a middle name HR does not have): both are sent.
    const between =
      firstHeld && lastHeld && first !== undefined && last !== undefined && held !== `${first} ${last}`;
    if (first !== undefined && (!firstHeld || between)) differing.push('first_name');
    if (last !== undefined && (!lastHeld || between)) differing.push('last_name');
  }
  if (fields.role_id !== undefined && typeof user.role_id === 'number' && user.role_id !== fields.role_id) {
    differing.push('role_id');
  }
  return differing;
}

const normalise = (text: string) => text.normalize('NFC').trim().replace(/\s+/g, ' ');

export interface CapDecision {
  /** Whether the run may enqueue what it found. */
  allowed: boolean;
  /** Why not, for the log, the summary and the operator: counts only. */
  reason?: string;
}

/** Above `maxChanges`, nothing: a mapping mistake must not rewrite the whole team. */
export function decideCap(differing: number, maxChanges: number): CapDecision {
  if (differing <= maxChanges) return { allowed: true };
  return {
    allowed: false,
    reason: `${differing} users differ from the HR system, over the cap of ${maxChanges} changes per run (reconcile.maxChanges): nothing was enqueued. Check the mapping with "hr-sync reconcile --dry-run"; if the changes are expected, raise reconcile.maxChanges or run "hr-sync reconcile --max-changes ${differing}" once.`,
  };
}
