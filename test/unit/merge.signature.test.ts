import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SyncError } from '../../lambda/core/errors.js';
import { verifyMerge } from '../../lambda/providers/merge/verify.js';
import { MERGE_SIGNATURE_KEY, mergeFixture } from '../support/fake-merge.js';

/** Independent of the code under test and of the support helper: node:crypto, spelled out here. */
const mac = (payload: string | Buffer, key: string) => createHmac('sha256', key).update(payload).digest();

// The fixture with trailing newlines (still the same JSON) until its signature holds both a `+` or `/`
// and so differs between the alphabets: every form below is then a different string.
const body = (() => {
  const fixture = mergeFixture('employee-changed.json');
  for (let extra = 0; ; extra++) {
    const candidate = fixture + '\n'.repeat(extra);
    const signature = mac(candidate, MERGE_SIGNATURE_KEY).toString('base64');
    if (/[+]/.test(signature) && /[/]/.test(signature)) return candidate;
  }
})();
const forms = (payload: string | Buffer, key = MERGE_SIGNATURE_KEY) => {
  const standard = mac(payload, key).toString('base64');
  const url = standard.replace(/\+/g, '-').replace(/\//g, '_');
  return {
    'base64url without padding': url.replace(/=+$/, ''),
    'base64url with padding': url,
    'base64 with padding': standard,
    'base64 without padding': standard.replace(/=+$/, ''),
  };
};

function verify(options: { body?: string | Buffer; signature?: string; secret?: string }) {
  const headers: Record<string, string> =
    options.signature === undefined ? {} : { 'x-merge-webhook-signature': options.signature };
  verifyMerge({
    body: Buffer.from(options.body ?? body),
    header: (name) => headers[name.toLowerCase()],
    secret: options.secret ?? MERGE_SIGNATURE_KEY,
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

describe('a Merge X-Merge-Webhook-Signature', () => {
  it('is a 32-byte HMAC-SHA256 of the body, as the test computes it', () => {
    expect(mac(body, MERGE_SIGNATURE_KEY)).toHaveLength(32);
    // A fixed vector, so the test's own helper cannot drift: HMAC-SHA256("key", "The quick brown fox...").
    expect(mac('The quick brown fox jumps over the lazy dog', 'key').toString('hex')).toBe(
      'f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8',
    );
  });

  it.each(Object.entries(forms(body)))('is accepted in %s', (_, signature) => {
    expect(() => verify({ signature })).not.toThrow();
  });

  it('really differs between the four forms for this body (the vectors cover both alphabets)', () => {
    const values = new Set(Object.values(forms(body)));
    expect(values.size).toBe(4);
  });

  it('is accepted over other bytes and another key, non-ASCII included, and with whitespace around it', () => {
    const other = Buffer.from(body.replace('Katherine', 'Zoë'));
    const secret = 'another key with spaces and ü';
    const signature = forms(other, secret)['base64url without padding'];
    expect(() => verify({ body: other, secret, signature: ` ${signature} ` })).not.toThrow();
  });

  it('is refused when made with another key', () => {
    const error = authFailure(() =>
      verify({ signature: forms(body, 'not the key')['base64url without padding'] }),
    );
    expect(error.message).toBe('merge: x-merge-webhook-signature does not match the body');
  });

  it('is refused when the body changed after signing, one byte is enough', () => {
    const signature = forms(body)['base64url without padding'];
    authFailure(() => verify({ body: `${body} `, signature }));
    authFailure(() => verify({ body: body.replace('ACTIVE', 'INACTIVE'), signature }));
  });

  it('is refused when it is the hex digest, or a SHA-512 HMAC', () => {
    authFailure(() => verify({ signature: mac(body, MERGE_SIGNATURE_KEY).toString('hex') }));
    const sha512 = createHmac('sha512', MERGE_SIGNATURE_KEY).update(body).digest('base64url');
    authFailure(() => verify({ signature: sha512 }));
  });

  it('is refused when it is cut short', () => {
    authFailure(() => verify({ signature: forms(body)['base64 with padding'].slice(0, 40) }));
  });

  it('is refused when missing, and the message names the header', () => {
    expect(authFailure(() => verify({})).message).toBe('merge: missing header x-merge-webhook-signature');
    expect(authFailure(() => verify({ signature: '  ' })).message).toBe(
      'merge: missing header x-merge-webhook-signature',
    );
  });

  it('is refused when it is not base64 or far too long, without quoting it', () => {
    const error = authFailure(() => verify({ signature: 'sha256=not base64 at all!' }));
    expect(error.message).toBe('merge: x-merge-webhook-signature is not a base64 HMAC-SHA256');
    expect(error.message).not.toContain('not base64 at all');
    authFailure(() => verify({ signature: 'A'.repeat(10_000) }));
  });

  it('is refused when it is signed with an empty key', () => {
    authFailure(() => verify({ signature: forms(body, '')['base64 with padding'] }));
  });
});
