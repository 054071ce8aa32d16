import { afterEach, beforeEach, expect } from 'vitest';
import { EmployeeChange, type ProviderName } from '../../lambda/core/employee-change.js';
import { SyncError } from '../../lambda/core/errors.js';

/**
 * What every test of an HR API client (test/contract/<provider>.faults, .token, .stale-read and the
 * hr-api.* suites) needs besides its vendor's fake: the change to read, the error a failed call throws,
 * and a fake started before each test and closed after it.
 */

// An hour before the suites' clock (2026-02-06T10:00): HiBob's stale-read window is long past.
const OCCURRED_AT = '2026-02-06T09:00:00.000Z';

/** A thin change about employee `id`, as the receiver queues it for enrichment. */
export function thinChange(
  provider: ProviderName,
  id: string,
  at: { occurredAt?: string; receivedAt?: string; eventId?: string; tenant?: string } = {},
): EmployeeChange {
  const { occurredAt = OCCURRED_AT, receivedAt = occurredAt, eventId = `evt-${provider}-1`, tenant } = at;
  return EmployeeChange.parse({
    v: 1,
    provider,
    ...(tenant === undefined ? {} : { tenant }),
    eventId,
    type: 'employee.updated',
    occurredAt,
    receivedAt,
    employee: { id },
    needsEnrichment: true,
  });
}

/** The SyncError `promise` rejects with; the test fails if it resolves or throws anything else. */
export async function failure(promise: Promise<unknown>): Promise<SyncError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(SyncError);
    return error as SyncError;
  }
  throw new Error('expected the call to fail');
}

/** Client options that give up on a hung fake quickly, at the clock `now`. */
export const fastCalls = (now: () => number) => ({ now, connectTimeoutMs: 200, totalTimeoutMs: 200 });

/** A fake started by `start` before each test of the enclosing describe, closed after it; call to get it. */
export function freshFake<F extends { close(): Promise<void> }>(start: () => Promise<F>): () => F {
  let fake: F | undefined;
  beforeEach(async () => {
    fake = await start();
  });
  afterEach(() => fake?.close());
  return () => {
    if (fake === undefined) throw new Error('the fake starts before each test: call it inside one');
    return fake;
  };
}

/** The sha256 of an empty body: an event id of the receiver's form, for a change no delivery made. */
export const EMPTY_BODY_HASH = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
