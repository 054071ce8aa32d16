import { createHash } from 'node:crypto';
import { afterEach, beforeEach, expect, vi } from 'vitest';
import { EmployeeChange } from '../../../lambda/core/employee-change.js';
import type { ProviderCase } from './case.js';
import type { deliverTo } from './index.js';

/**
 * What each vendor's mapping suite (test/unit/<provider>.accepted.test.ts) checks of a queued message,
 * written once: the frozen clock, the fields every message carries, and the assertions on a delivery
 * that queues exactly one change. The vendor files keep their fixtures and expected fields.
 */

export const sha256 = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');

/** Freezes Date at `now` for each test of the enclosing describe (a test may move it on). */
export function frozenAt(now: number): void {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(now);
  });
  afterEach(() => vi.useRealTimers());
}

/**
 * Moves the clock to the time an event at `occurredAt` is received: `now`, or just after an event later
 * than that (a time ahead of the clock is refused). Returns that time, as the message's receivedAt.
 */
export function receiveAfter(now: number, occurredAt: string): string {
  const at = Math.max(now, Date.parse(occurredAt) + 2_000);
  vi.setSystemTime(at);
  return new Date(at).toISOString();
}

/** What a change queued for `body` says besides the provider, tenant and event id (sha256 of the body). */
export interface Queued {
  type: string;
  occurredAt: string;
  receivedAt: string;
  employee: Record<string, unknown>;
  needsEnrichment: boolean;
}

/** The message body `provider` queues for a delivery of `body` from `tenant`. */
export const queuedBy =
  (provider: ProviderCase['name'], tenant: string) => (body: string, queued: Queued) => ({
    v: 1,
    provider,
    tenant,
    eventId: sha256(body),
    ...queued,
  });

/** A delivery was answered 202 and queued exactly `expected`, in order. */
export function expectQueued(
  { response, messages }: Awaited<ReturnType<typeof deliverTo>>,
  expected: readonly Record<string, unknown>[],
): void {
  expect(response.statusCode).toBe(202);
  expect(messages.map((message) => message.body)).toEqual(expected);
}

/**
 * A delivery of `body` was answered 202 naming its one event, and queued exactly `expected`: a valid
 * EmployeeChange whose eventId attribute is the body's hash.
 */
export function expectQueuedOne(
  { response, messages }: Awaited<ReturnType<typeof deliverTo>>,
  body: string,
  expected: Record<string, unknown>,
): void {
  expect(response.statusCode).toBe(202);
  expect(JSON.parse(response.body)).toEqual({ accepted: 1, duplicates: 0, eventIds: [sha256(body)] });
  expect(messages).toHaveLength(1);
  expect(messages[0]?.body).toEqual(expected);
  expect(EmployeeChange.safeParse(messages[0]?.body).success).toBe(true);
  expect(messages[0]?.attributes?.eventId?.StringValue).toBe(sha256(body));
}
