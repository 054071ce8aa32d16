import { describe, expect, it } from 'vitest';
import { SyncError } from '../../lambda/core/errors.js';
import { findProvider } from '../../lambda/providers/index.js';
import { webhookHandlerOf } from '../../lambda/providers/webhook-handlers.js';
import type { Headers, SignatureCase } from '../support/provider-cases/case.js';
import { BY_TITLE, type ProviderCase } from '../support/provider-cases/index.js';

/** The providers that sign the body (Personio's token: test/unit/personio.token.test.ts). */
const SIGNING = BY_TITLE.flatMap(([title, provider]) =>
  provider.signature ? [[title, provider, provider.signature] as const] : [],
);

function verifier(provider: ProviderCase, signature: SignatureCase) {
  const found = findProvider(provider.name);
  if (!found) throw new Error(`no provider ${provider.name} in lambda/providers/index.ts`);
  const handler = webhookHandlerOf(found.name);
  return (headers: Headers, options: { body?: string | Buffer; key?: string } = {}) =>
    handler.verify({
      body: Buffer.from(options.body ?? signature.body),
      header: (name) => headers[name.toLowerCase()],
      secret: options.key ?? provider.secret,
      now: signature.now,
    });
}

/** The SyncError verification refused with: always kind auth, code signature-invalid. */
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

describe.each(SIGNING)('a %s webhook signature', (_title, provider, signature) => {
  const verify = verifier(provider, signature);
  const { body, carrying, sign } = signature;

  it.each(signature.selfChecks)('is, as the test computes it, %s', (_, check) => check());

  it('is accepted when it is the HMAC of the raw body with the key', () => {
    expect(() => verify(carrying(sign(body, provider.secret)))).not.toThrow();
  });

  it('is accepted over other bytes and another key, non-ASCII included', () => {
    const { other } = signature;
    const around = other.around ?? '';
    const headers = carrying(`${around}${sign(other.body, other.key)}${around}`);
    expect(() => verify(headers, { body: other.body, key: other.key })).not.toThrow();
  });

  it.each(signature.acceptedForms)('is accepted in %s', (_, forms) => {
    for (const headers of forms) expect(() => verify(headers)).not.toThrow();
  });

  it('is refused when made with another key, and says so', () => {
    const error = authFailure(() => verify(carrying(sign(body, 'not the key'))));
    expect(error.message).toBe(signature.wrongKeyMessage);
  });

  it('is refused when the body changed after signing', () => {
    const headers = carrying(sign(body, provider.secret));
    for (const changed of signature.changedBodies) authFailure(() => verify(headers, { body: changed }));
  });

  it.each(signature.refusedForms)('is refused when it is %s', (_, forms) => {
    for (const headers of forms) authFailure(() => verify(headers));
  });

  it('is refused when missing, and the message names the header', () => {
    for (const [headers, message] of signature.missing) {
      expect(authFailure(() => verify(headers)).message).toBe(message);
    }
  });

  it('is refused when it is not in its encoding or far too long, without quoting it', () => {
    const { junk } = signature;
    const error = authFailure(() => verify(carrying(junk.signature)));
    if (junk.message !== undefined) expect(error.message).toBe(junk.message);
    expect(error.message).not.toContain(junk.hidden);
    authFailure(() => verify(carrying(signature.tooLong)));
  });
});
