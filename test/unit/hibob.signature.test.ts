import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SyncError } from '../../lambda/core/errors.js';
import { verifyHiBob } from '../../lambda/providers/hibob/verify.js';
import { HIBOB_SECRET, hibobFixture } from '../support/fake-hibob.js';

const body = hibobFixture('employee-updated.json');

/** Independent of the code under test and of the support helper: node:crypto, spelled out here. */
const vector = (payload: string | Buffer, secret: string) =>
  createHmac('sha512', secret).update(payload).digest('base64');

function verify(options: { body?: string | Buffer; signature?: string; secret?: string }) {
  const headers: Record<string, string> =
    options.signature === undefined ? {} : { 'bob-signature': options.signature };
  verifyHiBob({
    body: Buffer.from(options.body ?? body),
    header: (name) => headers[name.toLowerCase()],
    secret: options.secret ?? HIBOB_SECRET,
    now: Date.parse('2030-01-01T00:00:00Z'),
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

describe('a HiBob Bob-Signature', () => {
  it('is a 64-byte HMAC-SHA512 in base64, as the test computes it', () => {
    expect(Buffer.from(vector(body, HIBOB_SECRET), 'base64')).toHaveLength(64);
    expect(vector('Ping test', 'key')).toBe(
      createHmac('sha512', Buffer.from('key', 'utf8')).update(Buffer.from('Ping test')).digest('base64'),
    );
  });

  it('is accepted when it is the HMAC of the raw body with the secret', () => {
    expect(() => verify({ signature: vector(body, HIBOB_SECRET) })).not.toThrow();
  });

  it('is accepted over other bytes and another key, non-ASCII included', () => {
    const other = Buffer.from(body.replace('work.title', 'root.firstName → Zoë'));
    const secret = 'another secret with spaces and ü';
    expect(() => verify({ body: other, secret, signature: vector(other, secret) })).not.toThrow();
  });

  it('is accepted in base64url and without padding, and with whitespace around it', () => {
    const standard = vector(body, HIBOB_SECRET);
    const url = standard.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    expect(() => verify({ signature: url })).not.toThrow();
    expect(() => verify({ signature: ` ${standard} ` })).not.toThrow();
  });

  it('is refused when made with another key', () => {
    const error = authFailure(() => verify({ signature: vector(body, 'not the secret') }));
    expect(error.message).toBe('hibob: bob-signature does not match the body');
  });

  it('is refused when the body changed after signing', () => {
    const signature = vector(body, HIBOB_SECRET);
    authFailure(() => verify({ body: body.replace('636192', '636193'), signature }));
  });

  it('is refused when it is the hex digest instead of base64', () => {
    const hex = createHmac('sha512', HIBOB_SECRET).update(body).digest('hex');
    authFailure(() => verify({ signature: hex }));
  });

  it('is refused when it is a SHA-256 HMAC', () => {
    authFailure(() =>
      verify({ signature: createHmac('sha256', HIBOB_SECRET).update(body).digest('base64') }),
    );
  });

  it('is refused when missing, and the message names the header', () => {
    expect(authFailure(() => verify({})).message).toBe('hibob: missing header bob-signature');
    expect(authFailure(() => verify({ signature: '' })).message).toBe('hibob: missing header bob-signature');
  });

  it('is refused when it is not base64 or far too long, without quoting it', () => {
    const error = authFailure(() => verify({ signature: 'not base64 at all!' }));
    expect(error.message).not.toContain('not base64');
    authFailure(() => verify({ signature: 'A'.repeat(10_000) }));
  });

  it('is not needed on an exact setup ping, plain text or JSON', () => {
    for (const ping of ['Ping test', '{"text":"Ping test"}', ' { "text" : "Ping test" }\n', '"Ping test"']) {
      expect(() => verify({ body: ping })).not.toThrow();
      expect(() => verify({ body: ping, signature: vector(ping, 'a key we do not hold') })).not.toThrow();
    }
  });

  it('is still needed on anything that is only like a ping', () => {
    for (const almost of [
      'Ping test!',
      'ping test',
      '{"text":"Ping test","type":"employee.deleted"}',
      '{"text":"Ping test ","data":{}}',
      '["Ping test"]',
      JSON.stringify({ ...JSON.parse(body), text: 'Ping test' }),
    ]) {
      authFailure(() => verify({ body: almost }));
    }
  });
});
