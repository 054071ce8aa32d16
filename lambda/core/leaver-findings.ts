import {
  type AccessReviewRules,
  acknowledged,
  byListOrder,
  dayOf,
  describeEmployee,
  describeUser,
} from './access-review.js';
import { type AccessReviewReport, type Finding, findingKey } from './access-review-report.js';
import type { EmployeeChange } from './employee-change.js';
import { leaverRoleOf } from './role-guard.js';

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
