import { classify, type SyncError, transient } from '../core/errors.js';
import type { CallerDeps } from './client-options.js';
import { type HttpAnswer, requestJson } from './http.js';
import { parseJsonText, refusal } from './refusal.js';
import { withRetry } from './retry.js';

export type { ApiClientOptions, CallerDeps } from './client-options.js';

export interface ApiCall {
  method: 'GET' | 'POST';
  /** Path and query, escaped. */
  path: string;
  /** The path with placeholders, for logs and messages: no id in a log dimension. */
  template: string;
  /** What the call is about (`employee 123`), for messages. */
  subject: string;
  /** Sent as JSON whatever the method: Heymarket's `GET /v1/users/get` takes a body (lambda/net/http.ts). */
  body?: unknown;
  /** Sent form-encoded instead of `body`: OAuth token calls. */
  form?: Record<string, string>;
  /** Logged with each request of this call (Heymarket's chunk size); never personal data. */
  attributes?: Record<string, unknown>;
  /** Response bytes kept for this call, when it answers more than the caller's `maxBodyBytes`. */
  maxBodyBytes?: number;
}

/** Credentials sent with each request, fetched or minted by the client (a token, a signed JWT). */
export interface Authorizer {
  /** Headers for the next request; `refused` holds the ones a 401 just answered, to be replaced. */
  headers(deadline: number | undefined, refused?: Record<string, string>): Promise<Record<string, string>>;
  /**
   * After a 401 the request is sent once more with fresh credentials: on each attempt, or once in the
   * whole call (when fetching them costs a secret read, a second 401 will not be the token's fault).
   */
  refresh: 'attempt' | 'call';
}

export interface CallerOptions<T, C extends ApiCall> extends CallerDeps {
  /** Who is called (`bamboohr`): prefixes error codes and log messages. */
  service: string;
  /** How the service is named in messages (`BambooHR`). */
  label: string;
  baseUrl: string;
  /** Sent with every request (Basic or a static bearer); `auth` adds per-request credentials. */
  headers?: Record<string, string>;
  auth?: Authorizer;
  maxBodyBytes?: number;
  /** Added to a 401/403 (which secret keys to check) and to a 400, by `refusal`. */
  hints?: { auth?: string; badRequest?: string };
  /** The id the service gives an answer for its support (a header, a problem+json field): logged and kept. */
  requestIdOf?: (answer: HttpAnswer) => string | undefined;
  /**
   * Reads an answer (any status) into the result or throws the SyncError it stands for; by default the
   * JSON of a 2xx, a 2xx that is not JSON (BambooHR's XML) transient `<service>-bad-response`, and any
   * other status `refusal`.
   */
  read?: (call: C, answer: HttpAnswer, nowMs: number) => T;
  /** Waited for before every request, the 401 re-send included: a rate budget. */
  beforeRequest?: (deadline: number | undefined) => Promise<void>;
  /** Told of every request's end, answered or not, e.g. to count it. */
  onRequest?: (latencyMs: number) => void;
  /** Told of each retry before its wait, after it is logged. */
  onRetry?: (error: SyncError) => void;
}

/**
 * The one way this project calls an API, Heymarket and the HR systems alike: per attempt a rate budget
 * (`beforeRequest`), credentials (`auth`), a time budget cut to the deadline, the request
 * (lambda/net/http.ts), a log line without bodies, the answer read into a result or a classified
 * SyncError (lambda/net/refusal.ts), one re-send with fresh credentials after a 401; and the attempts
 * retried on what may pass by itself (lambda/net/retry.ts), never past the deadline.
 */
export function createApiCaller<T = unknown, C extends ApiCall = ApiCall>(
  options: CallerOptions<T, C>,
): (call: C, deadline?: number) => Promise<T> {
  const { service, label, log, auth, connectTimeoutMs = 3_000, totalTimeoutMs = 10_000 } = options;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = options.random ?? Math.random;
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const read = options.read ?? readJson;

  function readJson(call: ApiCall, answer: HttpAnswer, nowMs: number): T {
    const where = `${label} ${call.method} ${call.template} answered ${answer.status} for ${call.subject}`;
    if (answer.status >= 200 && answer.status < 300) {
      const json = answer.truncated ? undefined : parseJsonText(answer.text);
      if (json === undefined) {
        throw transient(`${service}-bad-response`, `${where} with a body that is not JSON`, {
          status: answer.status,
        });
      }
      return json as T;
    }
    const requestId = options.requestIdOf?.(answer);
    throw refusal(service, where, answer, nowMs, { ...options.hints, ...(requestId ? { requestId } : {}) });
  }

  async function send(call: C, attempt: number, headers: Record<string, string>, deadline?: number) {
    const startedAt = now();
    const budget = deadline === undefined ? totalTimeoutMs : Math.min(totalTimeoutMs, deadline - startedAt);
    if (budget <= 0) {
      throw transient(
        'deadline',
        `no time left before the deadline to call ${label} ${call.method} ${call.template}`,
      );
    }
    const attributes = { method: call.method, path: call.template, ...call.attributes, attempt };
    let answer: HttpAnswer;
    try {
      answer = await requestJson({
        service,
        method: call.method,
        url: `${baseUrl}${call.path}`,
        headers: { ...options.headers, ...headers },
        body: call.body,
        ...(call.form ? { form: call.form } : {}),
        connectTimeoutMs: Math.min(connectTimeoutMs, budget),
        totalTimeoutMs: budget,
        ...((call.maxBodyBytes ?? options.maxBodyBytes) === undefined
          ? {}
          : { maxBodyBytes: call.maxBodyBytes ?? options.maxBodyBytes }),
      });
    } catch (error) {
      const failure = classify(error);
      const latencyMs = now() - startedAt;
      options.onRequest?.(latencyMs);
      log.warn(`${service} call failed`, { ...attributes, code: failure.code, latencyMs });
      throw failure;
    }
    const latencyMs = now() - startedAt;
    options.onRequest?.(latencyMs);
    const requestId = options.requestIdOf?.(answer);
    const outcome = { ...attributes, status: answer.status, ...(requestId ? { requestId } : {}), latencyMs };
    if (answer.status >= 200 && answer.status < 300) log.info(`${service} call`, outcome);
    else log.warn(`${service} call refused`, outcome);
    return answer;
  }

  return async (call, deadline) => {
    let refreshed = false;
    return withRetry(
      async (attempt) => {
        await options.beforeRequest?.(deadline);
        let headers = (await auth?.headers(deadline)) ?? {};
        let answer = await send(call, attempt, headers, deadline);
        if (answer.status === 401 && auth && !(auth.refresh === 'call' && refreshed)) {
          // The cached credentials may have been revoked or rotated: fetch them anew, once.
          refreshed = true;
          await options.beforeRequest?.(deadline);
          headers = await auth.headers(deadline, headers);
          answer = await send(call, attempt, headers, deadline);
        }
        return read(call, answer, now());
      },
      { now, sleep, random },
      {
        deadline,
        policy: options.retry,
        onRetry: (error: SyncError, attempt, delayMs) => {
          const { status, requestId } = error.details;
          log.warn(`${service} retry`, {
            method: call.method,
            path: call.template,
            code: error.code,
            status,
            ...(requestId ? { requestId } : {}),
            attempt,
            delayMs,
          });
          options.onRetry?.(error);
        },
      },
    );
  };
}
