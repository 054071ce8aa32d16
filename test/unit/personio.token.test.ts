import { describe, expect, it } from 'vitest';
import { verifyPersonio } from '../../lambda/providers/personio/verify.js';
import { authFailure } from '../support/auth-failure.js';
import { PERSONIO_TOKEN, personioFixture } from '../support/fake-personio.js';

const body = personioFixture('person-updated.json');

function verify(authorization: string | undefined, secret = PERSONIO_TOKEN) {
  const headers: Record<string, string> = authorization === undefined ? {} : { authorization };
  verifyPersonio({
    body: Buffer.from(body),
    header: (name) => headers[name.toLowerCase()],
    secret,
    now: Date.parse('2030-01-01T00:00:00Z'),
  });
}

const tokenFailure = (run: () => void) => authFailure(run, 'token-invalid');

// Through the receiver (forged, missing, any header case): test/contract/provider.unauthorized.test.ts.
describe('the Personio webhook token', () => {
  it('is accepted when Authorization is the configured token, verbatim', () => {
    expect(() => verify(PERSONIO_TOKEN)).not.toThrow();
  });

  it('is accepted with or without "Bearer " on either side, any case, spaces around', () => {
    expect(() => verify(`Bearer ${PERSONIO_TOKEN}`)).not.toThrow();
    expect(() => verify(`bearer  ${PERSONIO_TOKEN} `)).not.toThrow();
    expect(() => verify(PERSONIO_TOKEN, `Bearer ${PERSONIO_TOKEN}`)).not.toThrow();
    expect(() => verify(`Bearer ${PERSONIO_TOKEN}`, `Bearer ${PERSONIO_TOKEN}`)).not.toThrow();
  });

  it('is compared whole: a prefix, an extension or one changed character is refused', () => {
    for (const wrong of [
      PERSONIO_TOKEN.slice(0, -1),
      `${PERSONIO_TOKEN}1`,
      `${PERSONIO_TOKEN.slice(0, -1)}2`,
      PERSONIO_TOKEN.toUpperCase(),
      `Basic ${PERSONIO_TOKEN}`,
    ]) {
      const error = tokenFailure(() => verify(wrong));
      expect(error.message).toBe('personio: authorization does not match the webhook token');
    }
  });

  it('never repeats the token it was given or the one it expected', () => {
    const error = tokenFailure(() => verify('someone-elses-token'));
    expect(error.message).not.toContain('someone-elses-token');
    expect(error.message).not.toContain(PERSONIO_TOKEN);
  });

  it('is refused when missing or blank, and the message names the header', () => {
    for (const missing of [undefined, '', '   ']) {
      expect(tokenFailure(() => verify(missing)).message).toBe('personio: missing header authorization');
    }
  });

  it('is refused when only "Bearer " is sent', () => {
    tokenFailure(() => verify('Bearer '));
  });

  it('is refused when far too long, without hashing it', () => {
    tokenFailure(() => verify(`Bearer ${'A'.repeat(10_000)}`));
  });
});
