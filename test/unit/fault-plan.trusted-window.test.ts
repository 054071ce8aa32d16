import { describe, expect, it } from 'vitest';
import { boundEventTimes } from '../../lambda/core/event-time.js';
import { makeChange } from '../support/changes.js';
import { faultPlan } from '../support/fault-plan.js';

const HOUR_MS = 3_600_000;

/**
 * The fault run (test/e2e/fault-run.test.ts) checks that no name moves back to an older version. That
 * holds only while the receiver keeps each event time as sent: it raises one older than 35 days to a
 * floor that moves with its clock (lambda/core/event-time.ts), which orders such changes by arrival.
 * A workload on fixed dates passed until the day they turned 35 days old, then failed.
 */
describe('the fault plan', () => {
  // The day the fixed dates were written for, the day they turned 35 days old, and years later.
  const days = ['2026-11-01T08:00:00Z', '2026-12-06T09:41:00Z', '2031-02-28T23:59:59Z'];
  const runs = days.map((day) => Date.parse(day));

  it.each(days)('dates every change where the receiver keeps its time as sent, for a run at %s', (day) => {
    const now = Date.parse(day);
    const plan = faultPlan({
      seed: 20_261_129,
      employees: 50,
      changesPerEmployee: 10,
      unknownEmployees: 5,
      now,
    });
    const changes = [...plan.changes, ...plan.unknown].map((change) =>
      makeChange({ eventId: change.id, occurredAt: change.occurredAt }),
    );

    expect(changes).toHaveLength(50 * 10 + 5 * 2);
    // Received as late as the run lasts (an hour is far more than it does): nothing raised or refused.
    for (const receivedAt of [now, now + HOUR_MS]) {
      expect(boundEventTimes(changes, receivedAt).clamped).toEqual([]);
    }
  });

  it('keeps each history in version order, before the run, and the seed in charge of all but the dates', () => {
    const [first, last] = [runs[0] ?? 0, runs[2] ?? 0];
    const plan = (now: number) =>
      faultPlan({ seed: 7, employees: 20, changesPerEmployee: 10, unknownEmployees: 0, now });
    const times = (now: number) => plan(now).changes.map((change) => Date.parse(change.occurredAt));
    const order = (now: number) =>
      plan(now).deliveries.map((delivery) => delivery.changes.map(({ id }) => id));

    expect(times(last)).toEqual(times(first).map((at) => at + (last - first)));
    expect(order(last)).toEqual(order(first));
    const byEmployee = new Map<string, number[]>();
    for (const change of plan(first).changes) {
      const history = byEmployee.get(change.employee) ?? [];
      history[change.version] = Date.parse(change.occurredAt);
      byEmployee.set(change.employee, history);
    }
    for (const history of byEmployee.values()) {
      expect(history).toHaveLength(10);
      for (const [version, at] of history.entries()) expect(at).toBeGreaterThan(history[version - 1] ?? 0);
      expect(Math.max(...history)).toBeLessThan(first);
    }
  });
});
