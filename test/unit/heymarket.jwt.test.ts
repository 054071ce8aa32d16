import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createTokenCache, signHeymarketJwt } from '../../lambda/heymarket/jwt.js';

// https://developers.heymarket.com: header {"alg":"HS256","typ":"JWT"}, claims {iss, iat}, HMAC-SHA256 keyed with ID||KEY.
const secret = { apiSecretId: 'sec_123', apiSecretKey: 'k3y-ÄÖ' };
const NOW = Date.UTC(2026, 0, 31, 18, 42, 7, 654);

const decode = (part: string | undefined) => Buffer.from(part ?? '', 'base64url').toString('utf8');
const signatureWith = (key: string, token: string) => {
  const [header, payload] = token.split('.');
  return createHmac('sha256', Buffer.from(key, 'utf8')).update(`${header}.${payload}`).digest('base64url');
};
const iatOf = (token: string) => (JSON.parse(decode(token.split('.')[1])) as { iat: number }).iat;

describe('the Heymarket JWT', () => {
  it('has exactly the documented header', async () => {
    const token = await signHeymarketJwt(secret, NOW);
    expect(decode(token.split('.')[0])).toBe('{"alg":"HS256","typ":"JWT"}');
  });

  it('claims only iss = the secret id and iat = unix seconds now, with no exp', async () => {
    const token = await signHeymarketJwt(secret, NOW);
    expect(JSON.parse(decode(token.split('.')[1]))).toEqual({ iss: 'sec_123', iat: Math.floor(NOW / 1000) });
  });

  it('is signed with HMAC-SHA256 over the UTF-8 of ID||KEY', async () => {
    const token = await signHeymarketJwt(secret, NOW);
    expect(token.split('.')[2]).toBe(signatureWith('sec_123||k3y-ÄÖ', token));
  });

  it('does not verify with the key alone or with a single pipe', async () => {
    const token = await signHeymarketJwt(secret, NOW);
    expect(token.split('.')[2]).not.toBe(signatureWith('k3y-ÄÖ', token));
    expect(token.split('.')[2]).not.toBe(signatureWith('sec_123|k3y-ÄÖ', token));
  });
});

describe('the token cache', () => {
  const cacheAt = (start: number) => {
    const clock = { now: start };
    return { clock, cache: createTokenCache({ now: () => clock.now }) };
  };

  it('reuses a token for just under 4 minutes after its iat', async () => {
    const { clock, cache } = cacheAt(NOW);
    const first = await cache.get(secret);
    clock.now = Math.floor(NOW / 1000) * 1000 + 4 * 60_000 - 1;
    expect(await cache.get(secret)).toBe(first);
  });

  it('mints a new token 4 minutes after the iat, well before Heymarket kills it at 5', async () => {
    const { clock, cache } = cacheAt(NOW);
    const first = await cache.get(secret);
    clock.now = Math.floor(NOW / 1000) * 1000 + 4 * 60_000;
    const second = await cache.get(secret);
    expect(second).not.toBe(first);
    expect(iatOf(second)).toBe(iatOf(first) + 240);
  });

  it('mints a new token when the credentials change', async () => {
    const { cache } = cacheAt(NOW);
    const first = await cache.get(secret);
    const rotatedKey = await cache.get({ ...secret, apiSecretKey: 'other-key' });
    const rotatedId = await cache.get({ apiSecretId: 'sec_456', apiSecretKey: 'other-key' });
    expect(new Set([first, rotatedKey, rotatedId]).size).toBe(3);
    expect(rotatedKey.split('.')[2]).toBe(signatureWith('sec_123||other-key', rotatedKey));
  });

  it('mints a new token after being cleared', async () => {
    const { clock, cache } = cacheAt(NOW);
    await cache.get(secret);
    cache.clear();
    clock.now += 1_000;
    expect(iatOf(await cache.get(secret))).toBe(Math.floor(NOW / 1000) + 1);
  });

  it('mints a new token when the clock went backwards', async () => {
    const { clock, cache } = cacheAt(NOW);
    const first = await cache.get(secret);
    clock.now = NOW - 10_000;
    expect(await cache.get(secret)).not.toBe(first);
  });
});
