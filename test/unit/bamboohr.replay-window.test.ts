import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SyncError } from '../../lambda/core/errors.js';
import { verifyBambooHr } from '../../lambda/providers/bamboohr/verify.js';
import { BAMBOOHR_KEY, bamboohrFixture } from '../support/fake-bamboohr.js';

const body = bamboohrFixture('event-employee-updated.json');
const NOW = Date.parse('2026-01-31T18:42:03Z');

/** Signs whatever timestamp string it is given, so only the window can refuse it. */
function verifyAt(timestamp: string) {
  const signature = createHmac('sha256', BAMBOOHR_KEY).update(`${body}${timestamp}`).digest('hex');
  const headers: Record<string, string> = {
    'x-bamboohr-signature': signature,
    'x-bamboohr-timestamp': timestamp,
  };
  verifyBambooHr({
    body: Buffer.from(body),
    header: (name) => headers[name],
    secret: BAMBOOHR_KEY,
    now: NOW,
  });
}

function refusal(timestamp: string): string {
  try {
    verifyAt(timestamp);
  } catch (error) {
    expect(error).toBeInstanceOf(SyncError);
    expect(error).toMatchObject({ kind: 'auth', code: 'signature-invalid' });
    return (error as SyncError).message;
  }
  throw new Error('expected verification to fail');
}

const seconds = (offsetMs: number) => String(Math.floor((NOW + offsetMs) / 1000));

describe('the BambooHR replay window on X-BambooHR-Timestamp', () => {
  it.each([
    ['unix seconds', seconds(-3_000)],
    ['unix seconds with a fraction', `${(NOW - 3_000) / 1000}.25`],
    ['unix milliseconds', String(NOW - 3_000)],
    ['ISO-8601 with +0000, as BambooHR writes its times', '2026-01-31T18:42:00+0000'],
    ['ISO-8601 with Z and milliseconds', '2026-01-31T18:42:00.123Z'],
    ['ISO-8601 with another offset', '2026-01-31T19:42:00+01:00'],
    ['ISO-8601 without an offset (UTC)', '2026-01-31T18:42:00'],
  ])('takes the time as %s', (_, timestamp) => {
    expect(() => verifyAt(timestamp)).not.toThrow();
  });

  it('takes a delivery sent up to 5 minutes ago or ahead (clock skew)', () => {
    expect(() => verifyAt(seconds(-300_000))).not.toThrow();
    expect(() => verifyAt(seconds(300_000))).not.toThrow();
  });

  it('refuses a delivery sent more than 5 minutes ago, even when correctly signed', () => {
    expect(refusal(seconds(-301_000))).toBe('bamboohr: x-bamboohr-timestamp is more than 5 minutes old');
    expect(refusal('2026-01-31T18:30:00+0000')).toBe(
      'bamboohr: x-bamboohr-timestamp is more than 5 minutes old',
    );
  });

  it('refuses a delivery stamped more than 5 minutes in the future', () => {
    expect(refusal(seconds(301_000))).toBe(
      'bamboohr: x-bamboohr-timestamp is more than 5 minutes in the future',
    );
  });

  it.each([
    ['a date without a time', '2026-01-31'],
    ['words', 'yesterday'],
    ['a US date', '01/31/2026 18:42'],
    ['a negative number', '-1769884920'],
    ['a huge string', '1'.repeat(200)],
  ])('refuses %s as not a time, without quoting it', (_, timestamp) => {
    const message = refusal(timestamp);
    expect(message).toBe('bamboohr: x-bamboohr-timestamp is neither unix seconds nor ISO-8601');
  });
});
