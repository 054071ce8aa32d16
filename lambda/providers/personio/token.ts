import { permanent, transient } from '../../core/errors.js';
import { isObject } from '../../core/values.js';
import { type Authorizer, type CallerDeps, createApiCaller } from '../../net/api-caller.js';
import type { HttpAnswer } from '../../net/http.js';
import { parseJsonText, refusal } from '../../net/refusal.js';
import { traceIdOf } from './records.js';

// A token is dropped this long before Personio says it expires, so no call goes out with a dying one.
const TOKEN_MARGIN_MS = 60_000;
// When the token answer does not say how long it lives; a 401 fetches a new one anyway.
const DEFAULT_TOKEN_LIFETIME_MS = 15 * 60_000;
const TOKEN_PATH = '/v2/auth/token';

export interface PersonioTokenOptions extends CallerDeps {
  baseUrl: string;
  credentials: { clientId: string; clientSecret: string };
}

/**
 * Personio's bearer token as an `Authorizer`: a client-credentials token from `POST /v2/auth/token`
 * (form body; developer.personio.de, v2 reference, "Obtain Access Token"), kept until shortly before
 * it expires, dropped when a call is refused with 401 (it may have been revoked or rotated).
 * Concurrent callers share one token request.
 */
export function createPersonioToken(options: PersonioTokenOptions): Authorizer {
  const { credentials, log } = options;
  const now = options.now ?? Date.now;
  // Not retried on its own: a token that fails transiently fails the attempt that needed it, which
  // the caller retries with its backoff.
  const fetch = createApiCaller({
    ...options,
    retry: { ...options.retry, maxAttempts: 1 },
    service: 'personio',
    label: 'Personio',
    requestIdOf: traceIdOf,
    read: readToken,
  });
  let token: { value: string; expiresAt: number } | undefined;
  let pending: Promise<string> | undefined;

  async function fetchToken(deadline: number | undefined): Promise<string> {
    const form = {
      grant_type: 'client_credentials',
      client_id: credentials.clientId,
      client_secret: credentials.clientSecret,
    };
    const { value, lifetimeMs } = await fetch(
      { method: 'POST', path: TOKEN_PATH, template: TOKEN_PATH, subject: 'the API credential', form },
      deadline,
    );
    // A short-lived token keeps at least nine tenths of its life.
    token = { value, expiresAt: now() + lifetimeMs - Math.min(TOKEN_MARGIN_MS, lifetimeMs / 10) };
    log.info('personio token', { expiresInS: Math.round(lifetimeMs / 1000) });
    return value;
  }

  return {
    refresh: 'attempt',
    async headers(deadline, refused) {
      // The refused token is dropped, unless a concurrent call has replaced it already.
      if (token && refused && `Bearer ${token.value}` === refused.authorization) token = undefined;
      if (token && now() < token.expiresAt) return { authorization: `Bearer ${token.value}` };
      pending ??= fetchToken(deadline).finally(() => {
        pending = undefined;
      });
      return { authorization: `Bearer ${await pending}` };
    },
  };
}

function readToken(_call: unknown, answer: HttpAnswer, nowMs: number): { value: string; lifetimeMs: number } {
  const where = `Personio POST ${TOKEN_PATH} answered ${answer.status}`;
  if (answer.status < 200 || answer.status >= 300) {
    const requestId = traceIdOf(answer);
    // An OAuth token endpoint says "wrong client" with 400 (invalid_client) as often as with 401.
    if (answer.status === 400 || answer.status === 401 || answer.status === 403) {
      return throwAuth(
        `${where}: check clientId and clientSecret in the HR-system secret (personio)`,
        answer,
      );
    }
    throw refusal('personio', where, answer, nowMs, requestId ? { requestId } : {});
  }
  const json = answer.truncated ? undefined : parseJsonText(answer.text);
  const value = isObject(json) ? json.access_token : undefined;
  if (typeof value !== 'string' || value === '') {
    throw transient('personio-bad-response', `${where} without an access_token`, { status: answer.status });
  }
  const seconds = isObject(json) ? json.expires_in : undefined;
  const lifetimeMs =
    typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0
      ? seconds * 1000
      : DEFAULT_TOKEN_LIFETIME_MS;
  return { value, lifetimeMs };
}

/** The credential is wrong or lacks a scope. Permanent, so an operator sees it in the DLQ. */
function throwAuth(message: string, answer: HttpAnswer): never {
  const requestId = traceIdOf(answer);
  throw permanent('personio-auth', message, { status: answer.status, ...(requestId ? { requestId } : {}) });
}
