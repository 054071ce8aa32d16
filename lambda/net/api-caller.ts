import { classify, type SyncError, transient } from '../core/errors.js';
import type { ApiClientOptions } from '../providers/provider.js';
import { type HttpAnswer, requestJson } from './http.js';
import { parseJsonText, refusal } from './refusal.js';
import { withRetry } from './retry.js';

export interface ApiCall {
  method: 'GET' | 'POST';
  /** Path and query, escaped. */
  path: string;
  /** The path with placeholders, for logs and messages: no id in a log dimension. */
  template: string;
  /** What the call is about (`employee 123`), for messages. */
  subject: string;
  body?: unknown;
}

/**
 * One JSON call to an HR system's API, the same way for each: a budget cut to the deadline, retried on
 * what may pass by itself (withRetry), logged without bodies, any non-2xx turned into a classified
 * SyncError (`refusal`), and a 2xx that is not JSON transient `<service>-bad-response`.
 */
export function createApiCaller(
  options: Omit<ApiClientOptions<unknown, unknown>, 'settings' | 'credentials'> & {
    service: string;
    /** How the service is named in messages (`HiBob`). */
    label: string;
    baseUrl: string;
    headers: Record<string, string>;
    maxBodyBytes: number;
    hints: { auth?: string; badRequest?: string };
  },
): (call: ApiCall, deadline?: number) => Promise<unknown> {
  const { service, label, log, connectTimeoutMs = 3_000, totalTimeoutMs = 10_000 } = options;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = options.random ?? Math.random;
  const baseUrl = options.baseUrl.replace(/\/+$/, '');

  return (call, deadline) =>
    withRetry(
      async (attempt) => {
        const startedAt = now();
        const budget =
          deadline === undefined ? totalTimeoutMs : Math.min(totalTimeoutMs, deadline - startedAt);
        if (budget <= 0) {
          throw transient(
            'deadline',
            `no time left before the deadline to call ${label} ${call.method} ${call.template}`,
          );
        }
        const attributes = { method: call.method, path: call.template, attempt };
        let answer: HttpAnswer;
        try {
          answer = await requestJson({
            service,
            method: call.method,
            url: `${baseUrl}${call.path}`,
            headers: options.headers,
            body: call.body,
            connectTimeoutMs: Math.min(connectTimeoutMs, budget),
            totalTimeoutMs: budget,
            maxBodyBytes: options.maxBodyBytes,
          });
        } catch (error) {
          const failure = classify(error);
          log.warn(`${service} call failed`, {
            ...attributes,
            code: failure.code,
            latencyMs: now() - startedAt,
          });
          throw failure;
        }
        const outcome = { ...attributes, status: answer.status, latencyMs: now() - startedAt };
        const where = `${label} ${call.method} ${call.template} answered ${answer.status} for ${call.subject}`;
        if (answer.status >= 200 && answer.status < 300) {
          log.info(`${service} call`, outcome);
          const json = answer.truncated ? undefined : parseJsonText(answer.text);
          if (json === undefined) {
            throw transient(`${service}-bad-response`, `${where} with a body that is not JSON`, {
              status: answer.status,
            });
          }
          return json;
        }
        log.warn(`${service} call refused`, outcome);
        throw refusal(service, where, answer, now(), options.hints);
      },
      { now, sleep, random },
      {
        deadline,
        policy: options.retry,
        onRetry: (error: SyncError, attempt, delayMs) =>
          log.warn(`${service} retry`, {
            path: call.template,
            code: error.code,
            status: error.details.status,
            attempt,
            delayMs,
          }),
      },
    );
}
