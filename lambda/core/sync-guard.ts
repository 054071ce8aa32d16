import { employeeKey, idempotencyKey } from './applied.js';
import type { AppliedLedger } from './applied-ledger.js';
import type { MappedChange } from './coalesce.js';
import type { EmployeeChange } from './employee-change.js';
import { permanent, type SyncError } from './errors.js';
import type { SyncRules } from './mapping-rules.js';
import { guardFields, guardRulesOf } from './role-guard.js';
import { emptyStep, type Failure, note, type PlannedChange, type Step } from './sync-plan.js';

/**
 * The batch once its users are known (lambda/service/user-lookup.ts reads them): the role guard
 * (lambda/core/role-guard.ts) on each change, then what the applied store says is stale. What is left
 * is coalesced into one patch per user (lambda/core/coalesce.ts).
 */

export interface LookupRequest {
  change: EmployeeChange;
  /** The user id the applied store holds for the employee (a changed work email still finds it). */
  storedUserId?: number | undefined;
  /** The email Heymarket held for `storedUserId` when it last answered for that user. */
  storedEmail?: string | undefined;
  /** The change sets a role, which is decided on what the user holds now, read in this batch. */
  wantsRole: boolean;
}

/** The user a change is for, with the role they hold now when it was read (else undefined). */
export type UserLookup =
  /** `heymarketEmail`: the email of the membership read for this very user, for the applied store. */
  | { kind: 'user'; userId: number; currentRoleId?: number; heymarketEmail?: string }
  | { kind: 'failed'; error: SyncError };

/** What to look up for each change: its employee's stored user, and whether its role must be read. */
export function lookupRequests(items: readonly PlannedChange[], ledger: AppliedLedger): LookupRequest[] {
  return items.map(({ change, fields }) => {
    const stored = ledger.stateOf(employeeKey(change));
    return {
      change,
      storedUserId: stored?.userId,
      storedEmail: stored?.userEmail,
      wantsRole: fields.role_id !== undefined,
    };
  });
}

/**
 * Drops the role of each change whose role a newer change already set (the applied store says so), as
 * `dropStale` would after the lookup: the role the user holds need not be read for a role that will
 * not be sent. Counted and noted as `dropStale` counts them; a change left with no field is done, once
 * recorded if it carries a termination or return.
 */
export function dropSupersededRoles(
  items: readonly PlannedChange[],
  ledger: AppliedLedger,
): Step<PlannedChange> {
  const step = emptyStep<PlannedChange>();
  for (const item of items) {
    const { role_id: role, ...rest } = item.fields;
    const key = employeeKey(item.change);
    const applied = ledger.stateOf(key)?.fields.role_id;
    if (role === undefined || !applied || applied.at <= Date.parse(item.change.occurredAt)) {
      step.items.push(item);
      continue;
    }
    step.skipped.push('stale');
    step.notes.push(
      note('info', 'stale fields dropped', { messageId: item.record.messageId, fields: ['role_id'] }),
    );
    if (Object.keys(rest).length > 0) step.items.push({ ...item, fields: rest });
    else {
      step.skipped.push('stale-change');
      if (item.event) ledger.noteDone(key, item.record.messageId);
    }
  }
  return step;
}

/**
 * Applies the role guard (lambda/core/role-guard.ts) with what each lookup found: a protected user
 * gets nothing, a role is changed only for a user whose current role was read and is not protected.
 * Records the user in the ledger; a change left with nothing to send is done (once recorded) if it
 * carries a termination or return.
 */
export function guardChanges(
  items: readonly PlannedChange[],
  lookups: readonly UserLookup[],
  ledger: AppliedLedger,
  rules: SyncRules,
): Step<MappedChange> {
  const step = emptyStep<MappedChange>();
  const guardRules = guardRulesOf(rules);
  for (const [index, { record, change, fields, event, back }] of items.entries()) {
    const lookup = lookups[index] ?? { kind: 'failed', error: permanent('unknown-email', 'not looked up') };
    if (lookup.kind === 'failed') {
      step.failures.push({ record, error: lookup.error } satisfies Failure);
      continue;
    }
    const { userId, heymarketEmail: userEmail } = lookup;
    const key = employeeKey(change);
    ledger.record(key, userEmail === undefined ? { userId } : { userId, userEmail });
    // A user in the termination role keeps it unless the employee is back (lambda/core/leaver.ts).
    const guarded = guardFields(fields, userId, lookup.currentRoleId, guardRules, back === true);
    if (guarded.skipped) {
      step.skipped.push(guarded.skipped);
      const level = guarded.skipped === 'protected-role' ? 'warn' : 'info';
      step.notes.push(
        note(level, 'change withheld', { messageId: record.messageId, userId, reason: guarded.skipped }),
      );
    }
    if (Object.keys(guarded.fields).length === 0) {
      if (event) ledger.noteDone(key, record.messageId);
      continue;
    }
    step.items.push({
      sourceId: record.messageId,
      userId,
      occurredAt: change.occurredAt,
      fields: guarded.fields,
    });
    ledger.noteSource(record.messageId, {
      employeeKey: key,
      key: idempotencyKey(change, userId, guarded.fields),
      at: Date.parse(change.occurredAt),
    });
  }
  return step;
}

/**
 * Drops each field a newer (or this same) change already set; a change with none left is done.
 * Counted per field dropped (`stale`), and once more per change with nothing left (`stale-change`).
 */
export function dropStale(changes: readonly MappedChange[], ledger: AppliedLedger): Step<MappedChange> {
  const step = emptyStep<MappedChange>();
  for (const change of changes) {
    const split = ledger.splitStale(change);
    if (!split || split.stale.length === 0) {
      step.items.push(change);
      continue;
    }
    const { fresh, stale } = split;
    for (const _ of stale) step.skipped.push('stale');
    step.notes.push(note('info', 'stale fields dropped', { messageId: change.sourceId, fields: stale }));
    if (Object.keys(fresh).length > 0) step.items.push({ ...change, fields: fresh });
    else step.skipped.push('stale-change');
  }
  return step;
}
