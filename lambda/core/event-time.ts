import type { EmployeeChange } from './employee-change.js';
import { invalidInput } from './errors.js';

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

/**
 * The worker orders changes by `occurredAt` (lambda/core/applied.ts), so a time taken from a payload
 * decides which change wins. It is trusted only within [received − 35 days, received + 5 minutes]:
 * - ahead: 5 minutes of clock skew, as the signature windows allow; a later time would win over every
 *   genuine change for as long as it is in the future, so the delivery is refused;
 * - behind: 35 days, as long as the receiver remembers a delivery (DELIVERY_MEMORY_SECONDS) and
 *   longer than the worker keeps applied state (30 days), so an older time orders nothing it could
 *   still compare. Such a delivery (a late retry, a backfill) is accepted with its time raised to the
 *   floor, which keeps it older than every change of the last 35 days.
 */
export const MAX_EVENT_LEAD_MS = 5 * MINUTE_MS;
export const MAX_EVENT_AGE_MS = 35 * DAY_MS;

export interface BoundedChanges {
  changes: EmployeeChange[];
  /** Event ids of the changes whose time was raised to the floor. */
  clamped: string[];
}

/**
 * Applies the bounds to one delivery's changes, received at `receivedMs` (epoch ms). Throws
 * `occurred-in-future` (invalid input, a 400) when any change is beyond the lead: nothing of that
 * delivery may be queued, since its other changes come from the same doubtful clock.
 */
export function boundEventTimes(changes: readonly EmployeeChange[], receivedMs: number): BoundedChanges {
  const latest = receivedMs + MAX_EVENT_LEAD_MS;
  const floor = receivedMs - MAX_EVENT_AGE_MS;
  const future = changes.findIndex((change) => Date.parse(change.occurredAt) > latest);
  if (future >= 0) {
    const which = changes.length > 1 ? `change ${future}` : 'the change';
    throw invalidInput(
      'occurred-in-future',
      `body: the event time of ${which} is more than 5 minutes after the delivery was received; event times are trusted from 35 days before to 5 minutes after receipt: check the sender's clock`,
    );
  }
  const clamped: string[] = [];
  // Every clamped change lands on the floor; ranked a millisecond apart by their own times (equal
  // times stay equal), so a termination and a later return of one delivery keep their order.
  const early = [
    ...new Set(changes.map((change) => Date.parse(change.occurredAt)).filter((at) => at < floor)),
  ];
  const rank = new Map(early.sort((a, b) => a - b).map((at, index) => [at, index]));
  const bounded = changes.map((change) => {
    const at = Date.parse(change.occurredAt);
    if (at >= floor) return change;
    clamped.push(change.eventId);
    return { ...change, occurredAt: new Date(floor + (rank.get(at) ?? 0)).toISOString() };
  });
  return { changes: bounded, clamped };
}

/**
 * The worker's own bound (the receiver's applies only to what it received): a time from the queue
 * later than `nowMs` + the lead (a DLQ replay of a message from before the bound, a reconcile run
 * from a skewed laptop) is lowered to that, so it cannot outrank every later change. Undefined when
 * the change's time is within it.
 */
export function capEventTime(change: EmployeeChange, nowMs: number): EmployeeChange | undefined {
  const latest = nowMs + MAX_EVENT_LEAD_MS;
  if (!(Date.parse(change.occurredAt) > latest)) return undefined;
  return { ...change, occurredAt: new Date(latest).toISOString() };
}
