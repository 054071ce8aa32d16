import { describe, expect, it } from 'vitest';
import type { EmployeeChange } from '../../lambda/core/employee-change.js';
import { SyncError } from '../../lambda/core/errors.js';
import { boundEventTimes, MAX_EVENT_AGE_MS, MAX_EVENT_LEAD_MS } from '../../lambda/core/event-time.js';

const RECEIVED = Date.parse('2026-03-10T12:00:00.000Z');
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

const change = (eventId: string, occurredMs: number): EmployeeChange => ({
  v: 1,
  provider: 'standard',
  eventId,
  type: 'employee.updated',
  occurredAt: new Date(occurredMs).toISOString(),
  receivedAt: new Date(RECEIVED).toISOString(),
  employee: { id: 'E1' },
  needsEnrichment: false,
});

function refusal(changes: EmployeeChange[]): SyncError {
  try {
    boundEventTimes(changes, RECEIVED);
  } catch (error) {
    expect(error).toBeInstanceOf(SyncError);
    return error as SyncError;
  }
  throw new Error('expected the delivery to be refused');
}

describe('the bounds on a delivery’s event times', () => {
  it('are 35 days back and 5 minutes ahead of the time received', () => {
    expect(MAX_EVENT_AGE_MS).toBe(35 * DAY);
    expect(MAX_EVENT_LEAD_MS).toBe(5 * MINUTE);
  });

  it('keep every time inside them as it is, the edges included', () => {
    const inside = [
      change('a', RECEIVED + 5 * MINUTE),
      change('b', RECEIVED),
      change('c', RECEIVED - 35 * DAY),
    ];
    expect(boundEventTimes(inside, RECEIVED)).toEqual({ changes: inside, clamped: [] });
  });

  it('refuse the whole delivery as invalid input when one change is more than 5 minutes ahead', () => {
    const error = refusal([change('a', RECEIVED), change('b', RECEIVED + 5 * MINUTE + 1)]);
    expect(error).toMatchObject({ kind: 'invalid-input', code: 'occurred-in-future' });
    expect(error.message).toBe(
      "body: the event time of change 1 is more than 5 minutes after the delivery was received; event times are trusted from 35 days before to 5 minutes after receipt: check the sender's clock",
    );
  });

  it('name no index when the delivery holds one change, and never quote the time', () => {
    const error = refusal([change('a', Date.parse('2999-01-01T00:00:00Z'))]);
    expect(error.message).toMatch(/^body: the event time of the change is more than 5 minutes after/);
    expect(error.message).not.toContain('2999');
  });

  it('raise a time older than 35 days to that floor and report which changes they were', () => {
    const old = change('old', RECEIVED - 40 * DAY);
    const recent = change('recent', RECEIVED - DAY);
    const { changes, clamped } = boundEventTimes([old, recent], RECEIVED);

    expect(changes).toEqual([{ ...old, occurredAt: '2026-02-03T12:00:00.000Z' }, recent]);
    expect(clamped).toEqual(['old']);
  });

  // The worker orders by these times and a termination wins a tie (lambda/core/leaver.ts): a rehire
  // 40 days ago after a termination 60 days ago must stay the later of the two.
  it('keep the order of the changes they raise, a millisecond apart, equal times staying equal', () => {
    const terminated = { ...change('terminated', RECEIVED - 60 * DAY), type: 'employee.terminated' as const };
    const rehired = change('rehired', RECEIVED - 40 * DAY);
    const alsoRehired = change('also-rehired', RECEIVED - 40 * DAY);
    const floor = RECEIVED - 35 * DAY;

    const { changes } = boundEventTimes([rehired, terminated, alsoRehired], RECEIVED);

    expect(changes.map(({ occurredAt }) => Date.parse(occurredAt) - floor)).toEqual([1, 0, 1]);
  });
});
