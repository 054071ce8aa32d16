import * as http from 'node:http';
import * as https from 'node:https';
import { SyncError, transient } from '../core/errors.js';

/**
 * One JSON request over `node:http`/`node:https`, for Heymarket and the HR systems' APIs alike. Not
 * the global `fetch`: Heymarket's `GET /v1/users/get` takes a JSON body, which `fetch` refuses on a
 * GET (https://developers.heymarket.com/api-reference/users, "Look up users").
 */
export interface JsonRequest {
  /** Who is called (`heymarket`, `bamboohr`, ...): prefixes error codes and names the call in messages. */
  service: string;
  method: 'GET' | 'POST';
  url: string;
  headers?: Record<string, string>;
  /** Serialised as JSON, with `Content-Type` and `Content-Length`, whatever the method. */
  body?: unknown;
  /** Sent form-encoded (`application/x-www-form-urlencoded`) instead of `body`: OAuth token calls. */
  form?: Record<string, string>;
  /** Until the TCP connection is up (a reused keep-alive socket is up already). */
  connectTimeoutMs: number;
  /** The whole exchange, reading the response body included. */
  totalTimeoutMs: number;
  /** Response bytes kept; beyond them the rest is dropped and `truncated` is set. */
  maxBodyBytes?: number;
}

export interface HttpAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  truncated: boolean;
}

const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

// Kept warm across invocations: a TLS handshake per call would dominate a Lambda's latency.
const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 16 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 16 }),
};

/**
 * Resolves with any HTTP status; rejects only when no full answer came back, with a transient
 * SyncError (`<service>-timeout`, `<service>-network`): nothing is known about whether the call
 * took effect, so only requests that are safe to repeat may be retried.
 */
export function requestJson(request: JsonRequest): Promise<HttpAnswer> {
  const url = new URL(request.url);
  const where = `${request.service} ${request.method} ${url.pathname}`;
  const payload = request.form
    ? Buffer.from(new URLSearchParams(request.form).toString())
    : request.body === undefined
      ? undefined
      : Buffer.from(JSON.stringify(request.body));
  const contentType = request.form ? 'application/x-www-form-urlencoded' : 'application/json';
  const maxBodyBytes = request.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const transport = url.protocol === 'https:' ? https : http;
  const agent = url.protocol === 'https:' ? agents['https:'] : agents['http:'];

  return new Promise<HttpAnswer>((resolve, reject) => {
    let settled = false;
    let connectTimer: NodeJS.Timeout | undefined;
    const settle = (outcome: { error: SyncError } | { answer: HttpAnswer }) => {
      if (settled) return;
      settled = true;
      clearTimeout(totalTimer);
      clearTimeout(connectTimer);
      if ('error' in outcome) {
        // Destroying the request destroys its socket: a hung connection never returns to the pool.
        req.destroy();
        reject(outcome.error);
      } else {
        resolve(outcome.answer);
      }
    };
    const timeout = (phase: 'connect' | 'total', ms: number) =>
      settle({
        error: transient(
          `${request.service}-timeout`,
          `${where}: no ${phase === 'connect' ? 'connection' : 'answer'} within ${ms} ms`,
        ),
      });

    const req = transport.request(url, {
      method: request.method,
      agent,
      headers: {
        accept: 'application/json',
        ...(payload ? { 'content-type': contentType, 'content-length': String(payload.length) } : {}),
        ...request.headers,
      },
    });
    const totalTimer = setTimeout(() => timeout('total', request.totalTimeoutMs), request.totalTimeoutMs);

    req.on('socket', (socket) => {
      if (!socket.connecting) return;
      connectTimer = setTimeout(() => timeout('connect', request.connectTimeoutMs), request.connectTimeoutMs);
      socket.once('connect', () => clearTimeout(connectTimer));
    });
    req.on('error', (error) => settle({ error: networkError(request.service, where, error) }));
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const answer = (truncated: boolean): HttpAnswer => ({
        status: res.statusCode ?? 0,
        headers: res.headers,
        text: Buffer.concat(chunks).toString('utf8'),
        truncated,
      });
      res.on('data', (chunk: Buffer) => {
        if (settled) return;
        const room = maxBodyBytes - size;
        chunks.push(chunk.length > room ? chunk.subarray(0, room) : chunk);
        size += chunk.length;
        if (size > maxBodyBytes) {
          settle({ answer: answer(true) });
          // The rest is never read, so the socket cannot be reused.
          req.destroy();
        }
      });
      res.on('end', () => settle({ answer: answer(false) }));
      res.on('error', (error) => settle({ error: networkError(request.service, where, error) }));
      res.on('close', () => {
        if (!res.complete)
          settle({
            error: transient(`${request.service}-network`, `${where}: connection closed mid-answer`),
          });
      });
    });
    req.end(payload);
  });
}

function networkError(service: string, where: string, error: Error): SyncError {
  if (error instanceof SyncError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  // The error code (ECONNRESET, ECONNREFUSED, ...) is safe to show; the message may name hosts.
  return new SyncError(
    'transient',
    `${service}-network`,
    `${where}: ${code ?? 'network error'}`,
    {},
    { cause: error },
  );
}
