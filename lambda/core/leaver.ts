import type { EmployeeChange } from './employee-change.js';
import { isTermination } from './map-to-patch.js';

/**
 * Leavers stay leavers: once HR has said an employee left, a later change that does not say they are
 * back must not give them a role again (a partial update with no `status` would otherwise map their
 * department to a role and undo the termination role). Only an explicit return, a change whose status
 * is `active` with an event time newer than the termination, is honoured: a rehire.
 */
export type StatusEvent = 'left' | 'returned';

/** What the applied store keeps per employee: the newest termination and the newest `active` status. */
export interface Employment {
  /** Epoch ms of the newest termination seen (applied, or recorded under `termination.action: ignore`). */
  terminatedAt?: number;
  /** Epoch ms of the newest change whose status was `active`. */
  returnedAt?: number;
}

export function statusEventOf(change: EmployeeChange): StatusEvent | undefined {
  if (isTermination(change)) return 'left';
  return change.employee.status === 'active' ? 'returned' : undefined;
}

export interface LeaverChange {
  employeeKey: string;
  /** The change's event time (its `occurredAt`), epoch ms. */
  at: number;
  event?: StatusEvent;
  setsRole: boolean;
}

export interface LeaverVerdict {
  /**
   * `keep` the role field; drop it because the employee had left by then (`leaver`), or because it is
   * a termination older than a return already known (`stale`).
   */
  role: 'keep' | 'leaver' | 'stale';
  /** An explicit return that ends a termination: honoured, and worth a log line and a count. */
  rehire: boolean;
  /**
   * The employee is back by this change: it is an explicit return newer than every termination known,
   * or comes after one. With no termination known, any `active` status counts. Only then may a user
   * who holds the termination role now be given another (see `guardFields` in role-guard.ts).
   */
  back: boolean;
}

const max = (a: number | undefined, b: number | undefined) =>
  a === undefined ? b : b === undefined ? a : Math.max(a, b);

/**
 * Decides each change's role field from what was stored for its employee and every status event of
 * the batch (so a termination and an older or newer update in one batch are judged like two batches),
 * and returns the employment each employee leaves the batch with. On equal times the termination wins.
 */
export function judgeLeavers(
  changes: readonly LeaverChange[],
  stored: (employeeKey: string) => Employment,
): { verdicts: LeaverVerdict[]; employment: Map<string, Employment> } {
  const events = new Map<string, { terminations: number[]; returns: number[] }>();
  for (const { employeeKey, at, event } of changes) {
    let known = events.get(employeeKey);
    if (!known) {
      const { terminatedAt, returnedAt } = stored(employeeKey);
      known = {
        terminations: terminatedAt === undefined ? [] : [terminatedAt],
        returns: returnedAt === undefined ? [] : [returnedAt],
      };
      events.set(employeeKey, known);
    }
    if (event === 'left') known.terminations.push(at);
    if (event === 'returned') known.returns.push(at);
  }

  const verdicts = changes.map(({ employeeKey, at, event, setsRole }): LeaverVerdict => {
    const { terminations, returns } = events.get(employeeKey) ?? { terminations: [], returns: [] };
    if (event === 'left') {
      // HR said they are back after this termination: moving them to the leaver role would undo it.
      return { role: setsRole && returns.some((r) => r > at) ? 'stale' : 'keep', rehire: false, back: false };
    }
    const terminatedAt = terminations.length > 0 ? Math.max(...terminations) : undefined;
    if (terminatedAt === undefined) {
      return { role: 'keep', rehire: false, back: event === 'returned' || returns.some((r) => r <= at) };
    }
    if (at <= terminatedAt) return { role: setsRole ? 'leaver' : 'keep', rehire: false, back: false };
    if (event === 'returned') {
      return { role: 'keep', rehire: !returns.some((r) => r > terminatedAt && r < at), back: true };
    }
    const back = returns.some((r) => r > terminatedAt && r <= at);
    return { role: setsRole && !back ? 'leaver' : 'keep', rehire: false, back };
  });

  const employment = new Map<string, Employment>();
  for (const [key, { terminations, returns }] of events) {
    const terminatedAt = terminations.reduce<number | undefined>(max, undefined);
    const returnedAt = returns.reduce<number | undefined>(max, undefined);
    employment.set(key, {
      ...(terminatedAt === undefined ? {} : { terminatedAt }),
      ...(returnedAt === undefined ? {} : { returnedAt }),
    });
  }
  return { verdicts, employment };
}
