import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { faultQueue, playFault } from './injected-faults.js';
import { listenOnLoopback } from './loopback.js';

/**
 * The loopback scaffolding every fake API shares (the HR systems' and Heymarket's): listen on
 * 127.0.0.1:0, read and parse each request, record it, play a queued fault, close. A fake keeps only
 * its vendor's routes, auth check, answer format and data.
 */

/** One request as it arrived: the whole body is read before the fake decides anything. */
export interface Incoming {
  req: IncomingMessage;
  url: URL;
  raw: string;
  /** The body as JSON; undefined when it is empty or not JSON. */
  json: unknown;
}

export interface LoopbackServer {
  url: string;
  /** Connections open now (keep-alive sockets included). */
  openConnections(): number;
  close(): Promise<void>;
}

/** Serves `handle` on a free loopback port; a handler that throws destroys the socket. */
export async function serveOnLoopback(
  handle: (incoming: Incoming, res: ServerResponse) => void | Promise<void>,
): Promise<LoopbackServer> {
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    readBody(req)
      .then((raw) => {
        const url = new URL(req.url ?? '/', 'http://fake');
        return handle({ req, url, raw, json: raw === '' ? undefined : parseJson(raw) }, res);
      })
      .catch(() => res.destroy());
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const loopback = await listenOnLoopback(server);
  return { url: loopback.url, openConnections: () => sockets.size, close: loopback.close };
}

/** What every recorded request carries besides the vendor's own fields. */
export interface RecordedBase {
  /** The status answered; absent for a hang or a reset. */
  status?: number;
  fault?: string;
}

export type Answer = (status: number, payload?: unknown, headers?: Record<string, string>) => void;

export interface Exchange<R, F> {
  incoming: Incoming;
  record: R;
  /** The queued fault this request got that is not a transport fault (a vendor's own kind), if any. */
  fault: F | undefined;
  answer: Answer;
}

export interface FakeServerSpec<R extends RecordedBase, F extends { kind: string }> {
  /** The vendor's record of a request, with its auth check: made before any fault is played. */
  record(incoming: Incoming): R;
  /** Writes an answer in the vendor's format; default JSON. */
  write?(
    res: ServerResponse,
    status: number,
    payload: unknown,
    headers: Record<string, string>,
    fault?: F,
  ): void;
  /** The vendor's error body for an injected status. */
  faultBody(status: number): unknown;
  /** The vendor's answer to a request no transport fault took. */
  respond(exchange: Exchange<R, F>): void;
}

export interface FakeServer<R, F> extends LoopbackServer {
  requests: R[];
  /** The next `times` requests (under `path`, when given) get `fault`, first queued first. */
  inject(fault: F, times?: number, path?: string): void;
}

/** A fake HR API: every request recorded, queued faults played, the rest answered by `spec.respond`. */
export async function startFakeServer<
  R extends RecordedBase,
  F extends { kind: string; status?: number; retryAfter?: string | undefined },
>(spec: FakeServerSpec<R, F>): Promise<FakeServer<R, F>> {
  const requests: R[] = [];
  const faults = faultQueue<F>();
  const write = spec.write ?? writeJson;
  const server = await serveOnLoopback((incoming, res) => {
    const record = spec.record(incoming);
    requests.push(record);
    const fault = faults.next(incoming.url.pathname);
    const answer: Answer = (status, payload, headers = {}) => {
      record.status = status;
      write(res, status, payload, headers, fault);
    };
    const onStatus = (status: number, headers: Record<string, string>) =>
      answer(status, spec.faultBody(status), headers);
    if (playFault(fault, incoming.req, record, onStatus)) return;
    spec.respond({ incoming, record, fault, answer });
  });
  return { ...server, requests, inject: (fault, times = 1, path) => faults.inject(fault, times, path) };
}

export function writeJson(
  res: ServerResponse,
  status: number,
  payload: unknown,
  headers: Record<string, string>,
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(typeof payload === 'string' ? payload : JSON.stringify(payload));
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
