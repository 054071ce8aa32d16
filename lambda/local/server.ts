import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Log } from '../observability/log.js';
import { type DeliveryRequest, type DeliveryResponse, MAX_BODY_BYTES, problem } from '../service/receive.js';
import { readBody } from './read-body.js';

/** What `GET /healthz` answers: the status code and its JSON body. */
export interface Health {
  status: number;
  body: object;
}

export interface LocalServerDeps {
  /** `receiveDelivery` with the local host's deps. */
  receive: (request: DeliveryRequest) => Promise<DeliveryResponse>;
  health: () => Promise<Health>;
  log: Log;
}

const WEBHOOK_PATH = /^\/webhooks\/([^/]+)\/?$/;

/**
 * The local host's HTTP front, in the role API Gateway and the receiver handler play in AWS:
 * `POST /webhooks/{provider}` hands the raw bytes to `receiveDelivery`, `GET /healthz` reports, and
 * anything else is a 404 problem.
 */
export function createLocalServer(deps: LocalServerDeps): Server {
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const { pathname } = new URL(req.url ?? '/', 'http://local');
    const webhook = WEBHOOK_PATH.exec(pathname);
    if (req.method === 'POST' && webhook) {
      const read = await readBody(req, MAX_BODY_BYTES);
      if (read.kind === 'too-large') {
        deps.log.warn('delivery too large', { status: 413 });
        // The rest of the body is never read, so this connection cannot carry another request.
        res.setHeader('connection', 'close');
        return send(
          res,
          problem(413, 'body-too-large', `the body is over the limit of ${MAX_BODY_BYTES} bytes`),
        );
      }
      const request = { provider: decodeSegment(webhook[1]), body: read.body, header: headerGetter(req) };
      return send(res, await deps.receive(request));
    }
    if (req.method === 'GET' && pathname === '/healthz') {
      const health = await deps.health();
      return send(res, {
        status: health.status,
        headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
        body: JSON.stringify(health.body),
      });
    }
    return send(res, notFound());
  };

  return createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      deps.log.error('request failed', { error });
      if (!res.headersSent) send(res, problem(500, 'unexpected', 'the local host failed; retry later'));
      else res.destroy();
    });
  });
}

function send(res: ServerResponse, response: DeliveryResponse) {
  res.writeHead(response.status, response.headers);
  res.end(response.body);
}

const notFound = (): DeliveryResponse => ({
  status: 404,
  headers: { 'content-type': 'application/problem+json' },
  body: JSON.stringify({
    type: 'urn:heymarket-hr-sync:not-found',
    title: 'Not found',
    status: 404,
    detail: 'the local host answers POST /webhooks/{provider} and GET /healthz',
  }),
});

function decodeSegment(segment: string | undefined): string | undefined {
  try {
    return segment === undefined ? undefined : decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** Case-insensitive, as the receiver handler's; node lower-cases names and joins repeats. */
function headerGetter(req: IncomingMessage) {
  return (name: string) => {
    const value = req.headers[name.toLowerCase()];
    return Array.isArray(value) ? value.join(', ') : value;
  };
}
