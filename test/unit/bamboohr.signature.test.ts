import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SyncError } from '../../lambda/core/errors.js';
import { verifyBambooHr } from '../../lambda/providers/bamboohr/verify.js';
import { BAMBOOHR_KEY, bamboohrFixture } from '../support/fake-bamboohr.js';

const body = bamboohrFixture('event-employee-updated.json');
const NOW = Date.parse('2026-01-31T18:42:03Z');
const SECONDS = String(NOW / 1000 - 3);

/** Independent of the code under test and of the support helper: node:crypto, spelled out here. */
const vector = (payload: string, timestamp: string, key: string) =>
  createHmac('sha256', key).update(`${payload}${timestamp}`).digest('hex');

function verify(options: { body?: string | Buffer; signature?: string; timestamp?: string; key?: string }) {
  const headers: Record<string, string> = {};
  if (options.signature !== undefined) headers['x-bamboohr-signature'] = options.signature;
  if (options.timestamp !== undefined) headers['x-bamboohr-timestamp'] = options.timestamp;
  verifyBambooHr({
    body: Buffer.from(options.body ?? body),
    header: (name) => headers[name.toLowerCase()],
    secret: options.key ?? BAMBOOHR_KEY,
    now: NOW,
  });
}

function authFailure(run: () => void): SyncError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(SyncError);
    expect(error).toMatchObject({ kind: 'auth', code: 'signature-invalid' });
    return error as SyncError;
  }
  throw new Error('expected verification to fail');
}

describe('a BambooHR X-BambooHR-Signature', () => {
  it('matches a fixed vector: hex HMAC-SHA256 of the body followed by the timestamp', () => {
    expect(vector('{}', '1769884920', 'key')).toBe(
      createHmac('sha256', Buffer.from('key', 'utf8')).update('{}1769884920').digest('hex'),
    );
    expect(vector('{}', '1769884920', 'key')).toMatch(/^[0-9a-f]{64}$/);
    const timestamp = '1769884920';
    expect(() =>
      verifyBambooHr({
        body: Buffer.from('{}'),
        header: (name) =>
          ({ 'x-bamboohr-signature': vector('{}', timestamp, 'key'), 'x-bamboohr-timestamp': timestamp })[
            name
          ],
        secret: 'key',
        now: 1769884920_000,
      }),
    ).not.toThrow();
  });

  it('is accepted when it is the HMAC of the raw body and the timestamp with the private key', () => {
    expect(() =>
      verify({ timestamp: SECONDS, signature: vector(body, SECONDS, BAMBOOHR_KEY) }),
    ).not.toThrow();
  });

  it('is accepted with another key and non-ASCII bytes in the body and the key', () => {
    const other = body.replace('firstName', 'preferredName → Zoë');
    const key = 'clé privée ü';
    expect(() =>
      verify({ body: other, key, timestamp: SECONDS, signature: vector(other, SECONDS, key) }),
    ).not.toThrow();
  });

  it('is accepted in upper-case hex, with a sha256= prefix, and with spaces around it', () => {
    const hex = vector(body, SECONDS, BAMBOOHR_KEY);
    expect(() => verify({ timestamp: SECONDS, signature: hex.toUpperCase() })).not.toThrow();
    expect(() => verify({ timestamp: SECONDS, signature: `sha256=${hex}` })).not.toThrow();
    expect(() => verify({ timestamp: ` ${SECONDS} `, signature: ` ${hex} ` })).not.toThrow();
  });

  it('is refused when made with another key', () => {
    const error = authFailure(() =>
      verify({ timestamp: SECONDS, signature: vector(body, SECONDS, 'not the private key') }),
    );
    expect(error.message).toBe('bamboohr: x-bamboohr-signature does not match the body and timestamp');
  });

  it('is refused when the body changed after signing', () => {
    const signature = vector(body, SECONDS, BAMBOOHR_KEY);
    authFailure(() => verify({ body: body.replace('67890', '67899'), timestamp: SECONDS, signature }));
  });

  it('is refused when the timestamp header is not the one that was signed', () => {
    const signature = vector(body, SECONDS, BAMBOOHR_KEY);
    authFailure(() => verify({ timestamp: String(Number(SECONDS) + 1), signature }));
  });

  it('is refused when it covers the body alone, or the timestamp before the body, or a separator', () => {
    const bodyOnly = createHmac('sha256', BAMBOOHR_KEY).update(body).digest('hex');
    authFailure(() => verify({ timestamp: SECONDS, signature: bodyOnly }));
    authFailure(() => verify({ timestamp: SECONDS, signature: vector(SECONDS, body, BAMBOOHR_KEY) }));
    authFailure(() => verify({ timestamp: SECONDS, signature: vector(`${body}.`, SECONDS, BAMBOOHR_KEY) }));
  });

  it('is refused when it is base64 instead of hex', () => {
    const base64 = createHmac('sha256', BAMBOOHR_KEY).update(`${body}${SECONDS}`).digest('base64');
    authFailure(() => verify({ timestamp: SECONDS, signature: base64 }));
  });

  it('is refused when a header is missing, and the message names it', () => {
    expect(authFailure(() => verify({ timestamp: SECONDS })).message).toBe(
      'bamboohr: missing header x-bamboohr-signature',
    );
    expect(authFailure(() => verify({ signature: 'ab' })).message).toBe(
      'bamboohr: missing header x-bamboohr-timestamp',
    );
    expect(authFailure(() => verify({ signature: '', timestamp: '' })).message).toBe(
      'bamboohr: missing header x-bamboohr-signature, x-bamboohr-timestamp',
    );
  });

  it('is refused when it is not hex or far too long, without quoting it', () => {
    const error = authFailure(() => verify({ timestamp: SECONDS, signature: 'not hex at all!' }));
    expect(error.message).not.toContain('not hex');
    authFailure(() => verify({ timestamp: SECONDS, signature: 'a'.repeat(10_000) }));
  });
});
