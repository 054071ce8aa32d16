import {
  type AccessReviewRules,
  acknowledged,
  byListOrder,
  dayOf,
  describeEmployee,
  describeUser,
} from './access-review.js';
import { type AccessReviewReport, type Finding, findingKey } from './access-review-report.js';
import type { SourcedPatch } from './coalesce.js';
import type { EmployeeChange } from './employee-change.js';
import { leaverRoleOf } from './role-guard.js';
import type { UserLookup } from './sync-guard.js';
import type { WorkItem } from './sync-plan.js';

/**
 * The worker's share of the access review (lambda/core/access-review.ts): a termination it has just
 * processed is a `leaver-with-seat` finding at once, not at the next daily reconcile. The reconcile
 * run replaces the whole review, so what is added here lasts until then and is confirmed or dropped
 * by it.
 */

/** A termination (or deletion) a batch processed, whose employee is still a leaver after the batch. */
export interface BatchLeaver {
  change: EmployeeChange;
  /** The Heymarket user the employee resolved to. */
  userId: number;
  /** The role the user holds once the batch is done (the one applied, else the one read), if known. */
  roleId?: number | undefined;
}

/**
 * Each leaver of the batch (`keepLeaversLeft`) with what the batch learnt of its user: the lookup
 * made for its message (`lookups[i]` is `looked[i]`'s), and the role the user holds now, the one a
 * patch the batch applied gave it, else the one read. A leaver whose user was not resolved (no
 * Heymarket user has the email) holds no seat the worker can name: the reconcile run's review
 * decides about it.
 */
export function batchLeavers(
  leavers: readonly WorkItem[],
  found: { looked: readonly WorkItem[]; lookups: readonly UserLookup[] },
  applied: readonly SourcedPatch[],
): (BatchLeaver & { messageId: string })[] {
  const lookups = new Map<string, UserLookup>();
  for (const [index, { record }] of found.looked.entries()) {
    const lookup = found.lookups[index];
    if (lookup) lookups.set(record.messageId, lookup);
  }
  const roles = new Map<number, number>();
  for (const { patch } of applied) if (patch.role_id !== undefined) roles.set(patch.id, patch.role_id);
  return leavers.flatMap(({ record, change }) => {
    const lookup = lookups.get(record.messageId);
    if (lookup?.kind !== 'user') return [];
    const { userId } = lookup;
    const roleId = roles.get(userId) ?? lookup.currentRoleId;
    return [{ messageId: record.messageId, change, userId, roleId }];
  });
}

/** A finding before it is placed in a review, which gives it its `firstSeenAt`. */
export type NewFinding = Omit<Finding, 'firstSeenAt'>;

/**
 * The leavers that still hold a seat that counts: not moved to the termination role under
 * `move-to-role` (then what the service can do is done), as the review decides it; a role change the
 * guard withheld (a protected role, a role it could not read) leaves the seat counted. Protected users
 * stay findings, as in the review: `protectedUserIds` only keeps the service from touching them.
 * Acknowledged employees give none through their `until` day.
 */
export function leaverSeatFindings(
  leavers: readonly BatchLeaver[],
  rules: Pick<AccessReviewRules, 'termination' | 'accessReview'>,
  now: number,
): NewFinding[] {
  const leaverRoleId = leaverRoleOf(rules.termination);
  const today = dayOf(now);
  const findings: NewFinding[] = [];
  for (const { change, userId, roleId } of leavers) {
    if (leaverRoleId !== undefined && roleId === leaverRoleId) continue;
    const deleted = change.type === 'employee.deleted';
    const employee = { ...change.employee, deleted, status: change.employee.status ?? 'terminated' };
    const finding: NewFinding = {
      kind: 'leaver-with-seat',
      employee: describeEmployee(change.provider, employee),
      user: describeUser({ id: userId, roleId }),
    };
    if (!acknowledged(finding, rules.accessReview.acknowledged, today)) findings.push(finding);
  }
  return findings;
}

/**
 * `review` with `findings` added: one already there (same kind, employee and user) stays as it is,
 * with its `firstSeenAt`; the others are `added`, first seen `now`. With no review yet, one is started
 * that is `partial` for `unlisted` (the enabled providers with a list API: until a reconcile run lists
 * them, their people are missing from every list). `review` is undefined when nothing was added.
 */
export function addLeaverFindings(
  review: AccessReviewReport | undefined,
  findings: readonly NewFinding[],
  options: { now: number; unlisted: readonly string[] },
): { review: AccessReviewReport | undefined; added: Finding[] } {
  const firstSeenAt = new Date(options.now).toISOString();
  const known = new Set((review?.findings ?? []).map(findingKey));
  const added: Finding[] = [];
  for (const finding of findings) {
    const key = findingKey(finding);
    if (known.has(key)) continue;
    known.add(key);
    added.push({ ...finding, firstSeenAt });
  }
  if (added.length === 0) return { review: undefined, added };
  const base = review ?? {
    generatedAt: firstSeenAt,
    stale: false,
    partial: [...options.unlisted],
    findings: [],
  };
  return { review: { ...base, findings: [...base.findings, ...added].sort(byListOrder) }, added };
}
