import type { Employee, EmployeeChange } from '../../core/employee-change.js';
import { permanent, type SyncError, transient } from '../../core/errors.js';
import type { EmployeeRead } from '../../core/ports.js';
import type { Log } from '../../observability/log.js';
import { unseenValues } from './field-updates.js';
import type { HiBobSettings } from './settings.js';

/** What HiBob answered for one employee, read once for every event of it in a batch. */
export interface HiBobRead {
  employee: Employee;
  /** The record's modification time, when it has one. */
  modifiedMs: number | undefined;
}

/**
 * HiBob's read-after-write guard for `fetchEmployees` (lambda/providers/hibob/api.ts): `check` throws
 * a transient `hr-stale-read` for a record that may predate its event; `modifiedMs` is the record's
 * modification time when it has one.
 */
export function createFreshnessCheck(deps: { settings: HiBobSettings; now: () => number; log: Log }) {
  const { settings, now, log } = deps;

  /**
   * HiBob may answer for a while with the record as it was before the write that raised the event
   * (read-after-write lag, up to ~20 s). Such a record is refused, transiently, so SQS redelivers the
   * change later, judged by the first of these the record and the event allow:
   * - the record's modification time: older than the event → stale;
   * - the new values the event carried (`fieldUpdates`): a record that does not show them → stale;
   * - neither: nothing tells a stale record from a fresh one, so it is not used until
   *   `staleReadSettleSeconds` after the event was received (our clock: the write came before it).
   * The first two hold only within `staleReadWindowSeconds` of the event: past it, a record that still
   * disagrees is not lag but the truth (a later write, or a field that is not what it seems), and
   * waiting longer would only end in the DLQ; it is used and a warning logged.
   */
  function check(modifiedMs: number | undefined, employee: Employee, change: EmployeeChange) {
    const windowMs = settings.staleReadWindowSeconds * 1000;
    if (windowMs === 0) return;
    const occurredMs = Date.parse(change.occurredAt);
    const ids = { employeeId: change.employee.id, eventId: change.eventId };
    if (modifiedMs !== undefined) {
      const behindMs = occurredMs - modifiedMs;
      if (behindMs <= settings.staleReadToleranceSeconds * 1000) return;
      const attributes = { ...ids, behindMs };
      if (now() - occurredMs < windowMs) {
        log.info('hibob record older than its event', attributes);
        throw transient(
          'hr-stale-read',
          `HiBob answered employee ${change.employee.id} as it was ${behindMs} ms before event ${change.eventId}: read-after-write lag, retry later`,
          { retryAfterMs: Math.max(0, occurredMs + 20_000 - now()) },
        );
      }
      log.warn('hibob record older than its event, used as it is', attributes);
      return;
    }

    const unseen = unseenValues(change.employee, employee);
    if (unseen === undefined) return awaitSettled(change);
    if (unseen.length === 0) return;
    const attributes = { ...ids, fields: unseen };
    if (now() - occurredMs < windowMs) {
      log.info('hibob record without its event values', attributes);
      throw transient(
        'hr-stale-read',
        `HiBob answered employee ${change.employee.id} without the values event ${change.eventId} wrote (${unseen.join(', ')}): read-after-write lag, retry later`,
        { retryAfterMs: Math.max(0, occurredMs + 20_000 - now()) },
      );
    }
    log.warn('hibob record without its event values, used as it is', attributes);
  }

  /** A record that cannot be judged is used only once HiBob has had `staleReadSettleSeconds` to settle. */
  function awaitSettled(change: EmployeeChange) {
    const settleMs = settings.staleReadSettleSeconds * 1000;
    const waitMs = Date.parse(change.receivedAt) + settleMs - now();
    if (waitMs <= 0) return;
    log.info('hibob record read before it settled', {
      employeeId: change.employee.id,
      eventId: change.eventId,
      waitMs,
    });
    throw transient(
      'hr-stale-read',
      `HiBob's record of employee ${change.employee.id} has no modification time and event ${change.eventId} no values to check it by: read again ${settings.staleReadSettleSeconds} s after the event was received`,
      { retryAfterMs: waitMs },
    );
  }

  /** 404: gone, unless the event is fresh enough that HiBob may not show a new employee yet. */
  function notFound(change: EmployeeChange): SyncError {
    const id = change.employee.id;
    const ageMs = now() - Date.parse(change.occurredAt);
    if (ageMs < settings.staleReadWindowSeconds * 1000) {
      return transient(
        'hr-stale-read',
        `HiBob does not know employee ${id} yet, ${ageMs} ms after event ${change.eventId}: retry later`,
        { status: 404 },
      );
    }
    return permanent('employee-not-found', `HiBob has no employee ${id} (404)`, { status: 404 });
  }

  /** What one event gets of its employee's read (`undefined`: a 404), judged by its own time and values. */
  function judge(read: HiBobRead | undefined, change: EmployeeChange): EmployeeRead {
    if (read === undefined) return { error: notFound(change) };
    try {
      check(read.modifiedMs, read.employee, change);
    } catch (error) {
      return { error: error as SyncError };
    }
    return { employee: read.employee };
  }

  return { check, judge };
}
