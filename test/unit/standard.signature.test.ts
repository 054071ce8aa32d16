import { describe, expect, it } from 'vitest';
import { SyncError } from '../../lambda/core/errors.js';
import { verifyStandard } from '../../lambda/providers/standard/webhooks.js';
import { signStandard } from '../support/standard-webhook.js';

/**
 * The published vector: standard-webhooks/standard-webhooks, libraries/javascript/src/webhook.test.ts,
 * test "sign function works" (the same values appear in Svix's documentation).
 */
const VECTOR = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: 1614265330,
  body: '{"test": 2432232314}',
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};
const AT_VECTOR_TIME = VECTOR.timestamp * 1000;

const headerGetter = (headers: Record<string, string>) => (name: string) =>
  Object.entries(headers).find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1];

function verify(options: {
  headers: Record<string, string>;
  body?: string | Buffer;
  secret?: string;
  now?: number;
}) {
  verifyStandard({
    body: Buffer.from(options.body ?? VECTOR.body),
    header: headerGetter(options.headers),
    secret: options.secret ?? VECTOR.secret,
    now: options.now ?? AT_VECTOR_TIME,
  });
}

const vectorHeaders = (overrides: Record<string, string> = {}) => ({
  'webhook-id': VECTOR.id,
  'webhook-timestamp': String(VECTOR.timestamp),
  'webhook-signature': VECTOR.signature,
  ...overrides,
});

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

describe('a Standard Webhooks signature', () => {
  it('matches the published test vector', () => {
    expect(signStandard(VECTOR.secret, VECTOR.id, VECTOR.timestamp, VECTOR.body)).toBe(VECTOR.signature);
    expect(() => verify({ headers: vectorHeaders() })).not.toThrow();
  });

  it('is accepted when computed independently over other bytes and another key', () => {
    const secret = `whsec_${Buffer.from('another 32-byte key for tests!!!').toString('base64')}`;
    const body = Buffer.from('[{"type":"employee.updated","employee":{"id":"E1","firstName":"Zoë"}}]');
    const headers = {
      'webhook-id': 'msg_other',
      'webhook-timestamp': '1700000000',
      'webhook-signature': signStandard(secret, 'msg_other', 1700000000, body),
    };
    expect(() => verify({ headers, body, secret, now: 1700000000_000 })).not.toThrow();
  });

  it('is accepted when any one of several space-separated signatures matches', () => {
    const headers = vectorHeaders({
      'webhook-signature': [
        'v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=',
        `v1a,${VECTOR.signature.slice(3)}`,
        VECTOR.signature,
        'v1,AAAA',
      ].join(' '),
    });
    expect(() => verify({ headers })).not.toThrow();
  });

  it('is rejected when the body was changed by one byte', () => {
    const error = authFailure(() => verify({ headers: vectorHeaders(), body: '{"test": 2432232315}' }));
    expect(error.message).toBe('standard: no webhook-signature matches the body');
  });

  it('is rejected when signed with another key', () => {
    const forged = signStandard(
      `whsec_${Buffer.from('not the key').toString('base64')}`,
      VECTOR.id,
      VECTOR.timestamp,
      VECTOR.body,
    );
    authFailure(() => verify({ headers: vectorHeaders({ 'webhook-signature': forged }) }));
  });

  it('is rejected when the id or the timestamp differs from what was signed', () => {
    authFailure(() => verify({ headers: vectorHeaders({ 'webhook-id': 'msg_other' }) }));
    authFailure(() =>
      verify({ headers: vectorHeaders({ 'webhook-timestamp': String(VECTOR.timestamp + 1) }) }),
    );
  });

  it('is rejected under a version other than v1', () => {
    authFailure(() =>
      verify({ headers: vectorHeaders({ 'webhook-signature': `v2,${VECTOR.signature.slice(3)}` }) }),
    );
  });

  it('is accepted up to 5 minutes either side of its timestamp', () => {
    expect(() => verify({ headers: vectorHeaders(), now: AT_VECTOR_TIME + 300_000 })).not.toThrow();
    expect(() => verify({ headers: vectorHeaders(), now: AT_VECTOR_TIME - 300_000 })).not.toThrow();
  });

  it('is rejected when older than 5 minutes', () => {
    const error = authFailure(() => verify({ headers: vectorHeaders(), now: AT_VECTOR_TIME + 301_000 }));
    expect(error.message).toBe('standard: webhook-timestamp is more than 5 minutes old');
  });

  it('is rejected when more than 5 minutes in the future', () => {
    const error = authFailure(() => verify({ headers: vectorHeaders(), now: AT_VECTOR_TIME - 301_000 }));
    expect(error.message).toBe('standard: webhook-timestamp is more than 5 minutes in the future');
  });

  it('is rejected when the timestamp is not unix seconds', () => {
    authFailure(() => verify({ headers: vectorHeaders({ 'webhook-timestamp': '2021-02-25T15:02:10Z' }) }));
  });

  it.each(['webhook-id', 'webhook-timestamp', 'webhook-signature'])('is rejected without %s', (name) => {
    const headers: Record<string, string> = vectorHeaders();
    delete headers[name];
    const error = authFailure(() => verify({ headers }));
    expect(error.message).toBe(`standard: missing header ${name}`);
  });

  it('finds its headers whatever their case', () => {
    const headers = {
      'Webhook-Id': VECTOR.id,
      'WEBHOOK-TIMESTAMP': String(VECTOR.timestamp),
      'Webhook-Signature': VECTOR.signature,
    };
    expect(() => verify({ headers })).not.toThrow();
  });

  it('is rejected when the signature is empty or truncated', () => {
    authFailure(() => verify({ headers: vectorHeaders({ 'webhook-signature': 'v1,' }) }));
    authFailure(() =>
      verify({ headers: vectorHeaders({ 'webhook-signature': VECTOR.signature.slice(0, 8) }) }),
    );
  });

  it('reports a secret that is not a whsec_ key as our misconfiguration, not the sender’s', () => {
    expect(() => verify({ headers: vectorHeaders(), secret: 'whsec_' })).toThrow(
      expect.objectContaining({ kind: 'permanent', code: 'secret-invalid' }),
    );
  });
});
