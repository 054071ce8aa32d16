import type { Server, ServerOptions, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Log } from '../observability/log.js';
import type { DeliveryResponse } from '../service/receive.js';

/**
 * How long a client may take to send a request. Node checks `headersTimeout` and `requestTimeout`
 * only every `connectionsCheckingInterval` (30 s by default), so that is set too: a client that has
 * not sent its whole request (headers and body) 9 s after it began is answered 408 and cut within
 * 9.5 s. A request fully received is never cut, however long its answer takes (a reconcile run).
 * https://nodejs.org/api/http.html#httpcreateserveroptions-requestlistener
 */
export const SERVER_OPTIONS = {
  headersTimeout: 9_000,
  requestTimeout: 9_000,
  connectionsCheckingInterval: 500,
  // Node's default: an idle kept-alive connection is closed after 5 s.
  keepAliveTimeout: 5_000,
  // Node would answer a bare 400 to a request without Host; the host's own check answers 421 with
  // a problem body instead (server.ts).
  requireHostHeader: false,
} satisfies ServerOptions;

// After the answer, what the client still sends is read and dropped this long before the socket is
// destroyed: destroying it with unread bytes would reset the connection, and the client could lose
// the answer before reading it.
const LINGER_MS = 1_000;

const REFUSALS: Record<string, { status: number; code: string; title: string; detail: string }> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    code: 'headers-too-large',
    title: 'Request header fields too large',
    detail: 'the request line and headers are over 16 KB',
  },
  HPE_CHUNK_EXTENSIONS_OVERFLOW: {
    status: 413,
    code: 'body-too-large',
    title: 'Body too large',
    detail: 'the chunk extensions are too large',
  },
  ERR_HTTP_REQUEST_TIMEOUT: {
    status: 408,
    code: 'request-timeout',
    title: 'Request timeout',
    detail: `the request (headers and body) was not complete within ${SERVER_OPTIONS.requestTimeout / 1000} s`,
  },
};
const BAD_REQUEST = {
  status: 400,
  code: 'bad-request',
  title: 'Bad request',
  detail: 'the request is not valid HTTP/1.1',
};

/** RFC 9457 problem details, the shape every refusal of the local host has. */
export function localProblem(status: number, code: string, title: string, detail: string): DeliveryResponse {
  return {
    status,
    headers: { 'content-type': 'application/problem+json' },
    body: JSON.stringify({ type: `urn:heymarket-hr-sync:${code}`, title, status, detail }),
  };
}

/**
 * Answers what Node refuses before a request reaches the handler (headers too large, not HTTP, too
 * slow) with a problem+json body, as every other refusal, where Node would write a bare status line.
 * `responses` maps a socket to the response the handler is writing on it, if any: bytes written
 * into the middle of an answer would corrupt it, so then the socket is only closed.
 */
export function answerClientErrors(
  server: Server,
  responses: WeakMap<Socket, ServerResponse>,
  log: Log,
): void {
  const answered = new WeakSet<Socket>();
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    // Node reports each further byte of a refused request as another error: the first is answered.
    if (answered.has(socket)) return;
    answered.add(socket);
    const refusal = (error.code && REFUSALS[error.code]) || BAD_REQUEST;
    if (error.code === 'ECONNRESET' || !socket.writable || responses.get(socket)?.headersSent) {
      socket.destroy();
      return;
    }
    log.warn('request refused', { status: refusal.status, code: error.code ?? 'error' });
    const problem = localProblem(refusal.status, refusal.code, refusal.title, refusal.detail);
    socket.end(
      [
        `HTTP/1.1 ${refusal.status} ${refusal.title}`,
        'content-type: application/problem+json',
        `content-length: ${Buffer.byteLength(problem.body)}`,
        'connection: close',
        '',
        problem.body,
      ].join('\r\n'),
    );
    socket.resume();
    setTimeout(() => socket.destroy(), LINGER_MS).unref();
  });
}
