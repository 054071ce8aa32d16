import { SignJWT } from 'jose';
import type { HeymarketSecret } from '../config/secrets.js';

/**
 * The per-request Heymarket JWT (https://developers.heymarket.com/authentication): header
 * `{"alg":"HS256","typ":"JWT"}`, claims
 * `{"iss": secret id, "iat": unix seconds}`, HMAC-SHA256 keyed with the UTF-8 of `ID||KEY` (two pipes).
 * No `exp`: Heymarket documents none and kills a token 5 minutes after `iat` by itself.
 */
export async function signHeymarketJwt(secret: HeymarketSecret, nowMs: number): Promise<string> {
  const key = new TextEncoder().encode(`${secret.apiSecretId}||${secret.apiSecretKey}`);
  return new SignJWT({ iss: secret.apiSecretId, iat: Math.floor(nowMs / 1000) })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .sign(key);
}

export interface TokenCache {
  /** A token for these credentials, minted at most `maxAgeMs` ago (by its `iat`). */
  get(secret: HeymarketSecret): Promise<string>;
  /** Forget the token, e.g. after Heymarket refused it with a 401. */
  clear(): void;
}

// A token dies 5 minutes after iat (https://developers.heymarket.com/authentication); 4 minutes leaves
// room for clock skew and a slow call.
export const TOKEN_MAX_AGE_MS = 4 * 60_000;

export function createTokenCache(options: { now: () => number; maxAgeMs?: number }): TokenCache {
  const { now, maxAgeMs = TOKEN_MAX_AGE_MS } = options;
  let cached: { id: string; key: string; issuedAtMs: number; token: string } | undefined;
  return {
    async get(secret) {
      const at = now();
      if (
        cached &&
        cached.id === secret.apiSecretId &&
        cached.key === secret.apiSecretKey &&
        // A clock that went backwards makes the age unknowable: mint anew rather than guess.
        at >= cached.issuedAtMs &&
        at - cached.issuedAtMs < maxAgeMs
      ) {
        return cached.token;
      }
      const token = await signHeymarketJwt(secret, at);
      // Age is measured from the whole second in `iat`, which is what Heymarket measures from.
      cached = {
        id: secret.apiSecretId,
        key: secret.apiSecretKey,
        issuedAtMs: Math.floor(at / 1000) * 1000,
        token,
      };
      return token;
    },
    clear() {
      cached = undefined;
    },
  };
}
