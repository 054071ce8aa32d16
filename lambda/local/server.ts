import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { classify } from '../core/errors.js';
import type { Log } from '../observability/log.js';
import { type DeliveryRequest, type DeliveryResponse, MAX_BODY_BYTES, problem } from '../service/receive.js';
import type { ReconcileSummary } from '../service/reconcile.js';
import { readBody } from './read-body.js';
import { LocalReconcileRequest } from './reconcile-runner.js';

/** What `GET /healthz` answers: the status code and its JSON body. */
export interface Health {
  status: number;
  body: object;
}

export interface LocalServerDeps {
  /** `receiveDelivery` with the local host's deps. */
  receive: (request: DeliveryRequest) => Promise<DeliveryResponse>;
  health: () => Promise<Health>;
  /** One reconcile run now (reconcile-runner.ts), or `busy`. */
  reconcile: (request: LocalReconcileRequest) => Promise<ReconcileSummary | 'busy'>;
  log: Log;
}

const WEBHOOK_PATH = /^\/webhooks\/([^/]+)\/?$/;
// `{"dryRun":true,"maxChanges":2000}` and room to spare.
const MAX_RECONCILE_BODY_BYTES = 1024;

/**
 * The local host's HTTP front, in the role API Gateway and the receiver handler play in AWS:
 * `POST /webhooks/{provider}` hands the raw bytes to `receiveDelivery`, `GET /healthz` reports,
 * `POST /reconcile` runs the reconcile job (what `hr-sync reconcile` calls), and anything else is a
 * 404 problem.
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
    if (req.method === 'POST' && pathname === '/reconcile') return send(res, await reconcileRoute(req, deps));
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

const RECONCILE_TITLES: Record<number, string> = {
  400: 'Reconcile request not valid',
  409: 'Reconcile already running',
  413: 'Body too large',
  415: 'Unsupported media type',
  500: 'Reconcile failed',
};

/** RFC 9457, as `problem` in service/receive.ts, with titles that speak of reconcile. */
const reconcileProblem = (status: number, code: string, detail: string): DeliveryResponse => ({
  status,
  headers: { 'content-type': 'application/problem+json' },
  body: JSON.stringify({
    type: `urn:heymarket-hr-sync:${code}`,
    title: RECONCILE_TITLES[status] ?? 'Error',
    status,
    detail,
  }),
});

async function reconcileRoute(req: IncomingMessage, deps: LocalServerDeps): Promise<DeliveryResponse> {
  // Unsigned, so only a JSON request: a web page cannot send one cross-origin without a CORS
  // preflight, which this server never grants.
  if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
    return reconcileProblem(
      415,
      'unsupported-media-type',
      'send POST /reconcile with content-type: application/json',
    );
  }
  const read = await readBody(req, MAX_RECONCILE_BODY_BYTES);
  if (read.kind === 'too-large') {
    const response = reconcileProblem(
      413,
      'body-too-large',
      `the body is over ${MAX_RECONCILE_BODY_BYTES} bytes`,
    );
    // As for a webhook: the rest of the body is never read, so this connection cannot carry another.
    return { ...response, headers: { ...response.headers, connection: 'close' } };
  }
  let parsed: ReturnType<typeof LocalReconcileRequest.safeParse>;
  try {
    const text = read.body.toString('utf8').trim();
    parsed = LocalReconcileRequest.safeParse(text === '' ? {} : JSON.parse(text), { reportInput: false });
  } catch {
    return reconcileProblem(400, 'invalid-json', 'the body is not JSON: send {"dryRun": true} or {}');
  }
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return reconcileProblem(
      400,
      'invalid-input',
      `reconcile: ${issue?.path.join('.') || 'body'} ${issue?.message ?? 'is invalid'}; the body is {"dryRun"?: boolean, "maxChanges"?: number}`,
    );
  }
  let result: ReconcileSummary | 'busy';
  try {
    result = await deps.reconcile(parsed.data);
  } catch (error) {
    const failure = classify(error);
    return reconcileProblem(
      500,
      failure.code,
      `the reconcile run failed: ${failure.message}; see the host's log`,
    );
  }
  if (result === 'busy') {
    return reconcileProblem(
      409,
      'reconcile-busy',
      'a reconcile run is in progress; try again once it has finished',
    );
  }
  return {
    status: 200,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
    body: JSON.stringify(result),
  };
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
    detail: 'the local host answers POST /webhooks/{provider}, GET /healthz and POST /reconcile',
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
    const key = name.toLowerCase();
    const value = Object.hasOwn(req.headers, key) ? req.headers[key] : undefined;
    return Array.isArray(value) ? value.join(', ') : value;
  };
}
