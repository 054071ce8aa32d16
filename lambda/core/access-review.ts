import {
  type AccessReviewReport,
  type Finding,
  type FindingEmployee,
  type FindingKind,
  type FindingUser,
  findingKey,
} from './access-review-report.js';
import type { Employee, ProviderName } from './employee-change.js';
import type { TerminationRule } from './mapping-rules.js';
import { ownValue } from './own-property.js';
import { isUserId } from './user-patch.js';

/** An HR record as a provider's listing gives it, leavers included. */
export interface DirectoryEmployee extends Employee {
  /** `YYYY-MM-DD`; a day that has passed (UTC) makes the employee a leaver whatever the status says. */
  terminationDate?: string | undefined;
  /** The HR system deleted the record (a deletion flag in its listing, a deletion event). */
  deleted?: boolean | undefined;
}

/**
 * One enabled provider's part of the directory: `listed` in full, `unavailable` (its listing failed:
 * the review is partial), or `unlistable` (a provider with no list API, only webhooks:
 * its people are known only by the Heymarket ids remembered for them, and it never makes a review partial).
 */
export type ProviderDirectory =
  | { provider: ProviderName; listing: 'listed'; employees: readonly DirectoryEmployee[] }
  | { provider: ProviderName; listing: 'unavailable' | 'unlistable' };

/** A member of the Heymarket team (`GET /v1/team`: id, name, role). */
export interface TeamMember {
  id: number;
  name?: string | null | undefined;
  roleId?: number | null | undefined;
}

/** `accessReview.scope[]`: matched like a role rule's `match`. */
export interface ScopeEntry {
  department?: string | undefined;
  jobTitle?: string | undefined;
}

/**
 * `accessReview.acknowledged[]`: hides the findings of `employee` (`provider:id`) through `until`; with
 * `kind`, only the findings of that kind, so "needs no seat" does not also hide their leaving later.
 */
export interface Acknowledgement {
  employee: string;
  kind?: FindingKind | undefined;
  /** `YYYY-MM-DD`, the last day (UTC) the findings stay hidden. */
  until: string;
  reason: string;
}

/** The parts of the configuration the review reads; the parsed `Config` satisfies it as it is. */
export interface AccessReviewRules {
  termination: TerminationRule;
  protectedUserIds: readonly number[];
  /** `provider:employee id` → Heymarket user id. */
  identityOverrides: Readonly<Record<string, number>>;
  accessReview: { scope: readonly ScopeEntry[]; acknowledged: readonly Acknowledgement[] };
}

export interface AccessReviewInput {
  directory: readonly ProviderDirectory[];
  team: readonly TeamMember[];
  /** Lower-cased work email → Heymarket user id, as `users/get` answered for the listed employees. */
  userIdsByEmail: ReadonlyMap<string, number>;
  /** `provider:employee id` → the Heymarket user id the applied store remembers for that employee. */
  remembered: ReadonlyMap<string, number>;
  rules: AccessReviewRules;
  /** The review before this one: a finding it held keeps its `firstSeenAt` and `notifiedAt`. */
  previous?: AccessReviewReport | undefined;
  /** Epoch ms. */
  now: number;
}

const KIND_ORDER: Record<FindingKind, number> = {
  'leaver-with-seat': 0,
  'hire-without-seat': 1,
  'seat-without-employee': 2,
};

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** The UTC day of `now` as `YYYY-MM-DD`, which compares with HR's dates as text. */
export const dayOf = (now: number) => new Date(now).toISOString().slice(0, 10);

export function isLeaver(employee: DirectoryEmployee, today: string): boolean {
  if (employee.deleted || employee.status === 'terminated') return true;
  return employee.terminationDate !== undefined && employee.terminationDate < today;
}

/** In scope when any entry matches (every criterion it gives); no entry means everyone. */
export function inScope(employee: DirectoryEmployee, scope: readonly ScopeEntry[]): boolean {
  if (scope.length === 0) return true;
  const { department, jobTitle } = employee;
  return scope.some(
    (entry) =>
      (entry.department === undefined || (department !== undefined && same(entry.department, department))) &&
      (entry.jobTitle === undefined || (jobTitle !== undefined && same(entry.jobTitle, jobTitle))),
  );
}

/**
 * The HR directory against the Heymarket team: who left and still holds a seat, who joined (in scope,
 * with a work email) and has none, and which seats belong to nobody in HR. An employee's user is found
 * by identity override, then by the id the applied store remembers, then by work email; an override is
 * final even when its user holds no seat.
 */
export function reviewAccess(input: AccessReviewInput): AccessReviewReport {
  const { directory, rules, now } = input;
  const today = dayOf(now);
  const team = new Map<number, TeamMember>();
  for (const member of input.team) if (isUserId(member.id)) team.set(member.id, member);

  const seatOf = (key: string, employee: DirectoryEmployee): TeamMember | undefined => {
    const override = ownValue(rules.identityOverrides, key);
    if (override !== undefined) return isUserId(override) ? team.get(override) : undefined;
    const remembered = input.remembered.get(key);
    if (isUserId(remembered) && team.has(remembered)) return team.get(remembered);
    const byEmail = employee.workEmail
      ? input.userIdsByEmail.get(employee.workEmail.toLowerCase())
      : undefined;
    return isUserId(byEmail) ? team.get(byEmail) : undefined;
  };

  const matched = new Set<number>();
  const heldByCurrent = new Set<number>();
  const leavers: { employee: DirectoryEmployee & { provider: ProviderName }; user: TeamMember }[] = [];
  const found: Omit<Finding, 'firstSeenAt'>[] = [];

  for (const part of directory) {
    if (part.listing !== 'listed') continue;
    for (const employee of part.employees) {
      const key = `${part.provider}:${employee.id}`;
      const seat = seatOf(key, employee);
      if (seat) matched.add(seat.id);
      if (isLeaver(employee, today)) {
        if (seat) leavers.push({ employee: { ...employee, provider: part.provider }, user: seat });
        continue;
      }
      if (seat) {
        // Any record that is not a leaver holds its seat, one on leave (`inactive`) included.
        heldByCurrent.add(seat.id);
        continue;
      }
      if (employee.status === 'inactive' || !employee.workEmail) continue;
      if (!inScope(employee, rules.accessReview.scope)) continue;
      found.push({
        kind: 'hire-without-seat',
        employee: describeEmployee(part.provider, employee),
        user: null,
      });
    }
  }

  const leaverRoleId = rules.termination.action === 'move-to-role' ? rules.termination.roleId : undefined;
  for (const { employee, user } of leavers) {
    // Moved to the termination role: what the service can do is done. A seat a record that is no
    // leaver also holds (a rehire under a new id, at work or on leave) is that employee's.
    if (leaverRoleId !== undefined && user.roleId === leaverRoleId) continue;
    if (heldByCurrent.has(user.id)) continue;
    found.push({
      kind: 'leaver-with-seat',
      employee: describeEmployee(employee.provider, employee),
      user: describeUser(user),
    });
  }

  // A provider that could not be listed this run said nothing about its people: its open leavers and
  // hires stay, so one failed listing neither restarts the grace clock nor sends their notice again.
  const unavailable = new Set<string>(
    directory.filter((part) => part.listing === 'unavailable').map((part) => part.provider),
  );
  for (const finding of carriedOver(input.previous, unavailable, team)) {
    const seat = finding.user;
    // A seat still on the team is that employee's, not an orphan, even when done or held anew.
    if (seat) matched.add(seat.id);
    const done = leaverRoleId !== undefined && seat?.roleId === leaverRoleId;
    if (seat && (done || heldByCurrent.has(seat.id))) continue;
    found.push(finding);
  }

  const listedInFull = directory.some((part) => part.listing === 'listed');
  if (listedInFull) {
    // Providers whose people cannot be listed now are known only through the ids remembered or
    // overridden for them; those seats are theirs, not orphans.
    const unlisted = new Set(
      directory.filter((part) => part.listing !== 'listed').map((part) => part.provider),
    );
    const ofUnlisted = (key: string) => unlisted.has(key.slice(0, key.indexOf(':')) as ProviderName);
    for (const [key, userId] of input.remembered) if (ofUnlisted(key)) matched.add(userId);
    for (const [key, userId] of Object.entries(rules.identityOverrides))
      if (ofUnlisted(key)) matched.add(userId);
    const protectedIds = new Set(rules.protectedUserIds);
    for (const user of team.values()) {
      if (matched.has(user.id) || protectedIds.has(user.id)) continue;
      found.push({ kind: 'seat-without-employee', employee: null, user: describeUser(user) });
    }
  }

  // One finding a key: a record listed twice (pages that overlap, a duplicate in HR) is one person.
  const shown = new Map<string, Omit<Finding, 'firstSeenAt'>>();
  for (const finding of found) {
    if (!acknowledged(finding, rules.accessReview.acknowledged, today))
      shown.set(findingKey(finding), finding);
  }
  const before = new Map((input.previous?.findings ?? []).map((f) => [findingKey(f), f]));
  const generatedAt = new Date(now).toISOString();
  return {
    generatedAt,
    stale: false,
    partial: [...unavailable],
    findings: [...shown]
      .map(([key, finding]): Finding => {
        const previous = before.get(key);
        return {
          ...finding,
          firstSeenAt: previous?.firstSeenAt ?? generatedAt,
          notifiedAt: previous?.notifiedAt ?? null,
        };
      })
      .sort(byListOrder),
  };
}

/**
 * The previous review's leavers and hires of the providers that could not be listed now; a leaver only
 * while the seat is still on the team, with the seat as the team shows it now.
 */
function carriedOver(
  previous: AccessReviewReport | undefined,
  unavailable: ReadonlySet<string>,
  team: ReadonlyMap<number, TeamMember>,
): Omit<Finding, 'firstSeenAt'>[] {
  const carried: Omit<Finding, 'firstSeenAt'>[] = [];
  for (const { kind, employee, user } of previous?.findings ?? []) {
    if (!employee || !unavailable.has(employee.provider)) continue;
    if (kind === 'hire-without-seat') carried.push({ kind, employee, user: null });
    const seat = user && team.get(user.id);
    if (kind === 'leaver-with-seat' && seat) carried.push({ kind, employee, user: describeUser(seat) });
  }
  return carried;
}

/** The kinds in order; leavers by termination date, newest first; then first seen, newest first. */
export function byListOrder(a: Finding, b: Finding): number {
  const kind = KIND_ORDER[a.kind] - KIND_ORDER[b.kind];
  if (kind !== 0) return kind;
  const left = (b.employee?.terminationDate ?? '').localeCompare(a.employee?.terminationDate ?? '');
  if (left !== 0) return left;
  const seen = b.firstSeenAt.localeCompare(a.firstSeenAt);
  if (seen !== 0) return seen;
  return findingKey(a) < findingKey(b) ? -1 : findingKey(a) > findingKey(b) ? 1 : 0;
}

/**
 * An acknowledgement hides its employee's findings (of its `kind`, when it names one) through its
 * `until` day (UTC), then no longer.
 */
export function acknowledged(
  finding: Omit<Finding, 'firstSeenAt'>,
  entries: readonly Acknowledgement[],
  today: string,
): boolean {
  const { employee } = finding;
  if (!employee) return false;
  const key = `${employee.provider}:${employee.id}`;
  return entries.some(
    (entry) =>
      entry.employee === key &&
      (entry.kind === undefined || entry.kind === finding.kind) &&
      today <= entry.until,
  );
}

export function describeEmployee(provider: ProviderName, employee: DirectoryEmployee): FindingEmployee {
  const first = employee.preferredName?.trim() || employee.firstName?.trim();
  const name = [first, employee.lastName?.trim()].filter(Boolean).join(' ');
  return {
    provider,
    id: employee.id,
    name: name || null,
    workEmail: employee.workEmail ?? null,
    status: employee.deleted ? 'deleted' : (employee.status ?? null),
    terminationDate: employee.terminationDate ?? null,
  };
}

export function describeUser(user: TeamMember): FindingUser {
  return {
    id: user.id,
    name: user.name?.trim() || null,
    roleId: isUserId(user.roleId) ? user.roleId : null,
  };
}
