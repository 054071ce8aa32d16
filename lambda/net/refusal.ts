import { permanent, type SyncError, transient } from '../core/errors.js';
import type { HttpAnswer } from './http.js';
import { parseRetryAfter } from './retry.js';

/**
 * The SyncError for an HR API's non-2xx answer, the same way for every provider: 429, 408 and 5xx are
 * transient (with `Retry-After` when sent), 401/403 is `<service>-auth` with a hint at which secret
 * keys to check, anything else `<service>-<status>`. Bodies are never quoted.
 */
export function refusal(
  service: string,
  where: string,
  answer: HttpAnswer,
  nowMs: number,
  hints: { auth?: string; badRequest?: string; requestId?: string } = {},
): SyncError {
  const { status } = answer;
  const trace = hints.requestId ? { requestId: hints.requestId } : {};
  if ((status === 401 || status === 403) && hints.auth) {
    return permanent(`${service}-auth`, `${where}: ${hints.auth}`, { status, ...trace });
  }
  if (status === 429 || status === 408 || status >= 500) {
    const value = answer.headers['retry-after'];
    const retryAfterMs = parseRetryAfter(Array.isArray(value) ? value[0] : value, nowMs);
    const code =
      status === 429 ? `${service}-429` : status >= 500 ? `${service}-5xx` : `${service}-${status}`;
    return transient(code, where, {
      status,
      ...trace,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    });
  }
  const hint = status === 400 && hints.badRequest ? `: ${hints.badRequest}` : '';
  return permanent(`${service}-${status}`, `${where}${hint}`, { status, ...trace });
}

/** A response body as JSON, or undefined: callers validate the shape with zod next. */
export function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
