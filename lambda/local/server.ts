import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { AccessReviewReport } from '../core/access-review-report.js';
import { classify } from '../core/errors.js';
import type { Log } from '../observability/log.js';
import { type DeliveryRequest, type DeliveryResponse, MAX_BODY_BYTES, problem } from '../service/receive.js';
import type { ReconcileSummary } from '../service/reconcile-run.js';
import { accessReviewRoute } from './access-review-route.js';
import { bearerMatches } from './admin-token.js';
import { answerClientErrors, localProblem, SERVER_OPTIONS } from './client-errors.js';
import { readBody } from './read-body.js';
import { LocalReconcileRequest } from './reconcile-runner.js';
import { ALLOWED_HOSTS_VARIABLE, hostAllowed } from './request-guard.js';

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
  /** The latest access review (or undefined before the first run); `GET /access-review` answers it. */
  accessReview: () => Promise<AccessReviewReport | undefined>;
  /** Every route that changes state or names people requires `Authorization: Bearer <this>` (admin-token.ts). */
  adminToken: string;
  /** The configured `reconcile.maxChanges`: a request may ask for fewer, never for more. */
  reconcileMaxChanges: number;
  /** The HOST it listens on, and HR_SYNC_ALLOWED_HOSTS: what a request's `Host` may name. */
  listenHost: string;
  allowedHosts: readonly string[];
  log: Log;
}

const WEBHOOK_PATH = /^\/webhooks\/([^/]+)\/?$/;
// `{"dryRun":true,"maxChanges":2000}` and room to spare.
const MAX_RECONCILE_BODY_BYTES = 1024;

/**
 * The local host's HTTP front, in the role API Gateway and the receiver handler play in AWS:
 * `POST /webhooks/{provider}` hands the raw bytes to `receiveDelivery`, `GET /healthz` reports,
 * `POST /reconcile` runs the reconcile job (what `hr-sync reconcile` calls, with the admin token),
 * `GET /access-review` answers the latest access review (admin token too), and anything else is a 404 problem. Every route first checks `Host` (421 when it names another
 * host). Every refusal has a problem+json body, those Node makes before the handler included
 * (client-errors.ts), and a client slow to send its request is cut (SERVER_OPTIONS).
 */
export function createLocalServer(deps: LocalServerDeps): Server {
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const names = {
      listenHost: deps.listenHost,
      localAddress: req.socket.localAddress,
      allowed: deps.allowedHosts,
    };
    if (!hostAllowed(req.headers.host, names)) {
      deps.log.warn('request refused', { status: 421, reason: 'host' });
      res.setHeader('connection', 'close');
      return send(
        res,
        localProblem(
          421,
          'misdirected-request',
          'Misdirected request',
          `the Host header does not name this host: use localhost, 127.0.0.1, [::1] or the address it listens on, or add the name to ${ALLOWED_HOSTS_VARIABLE} and restart it`,
        ),
      );
    }
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
    if (req.method === 'GET' && pathname === '/access-review') {
      return send(res, await accessReviewRoute(req.headers.authorization, deps));
    }
    return send(res, notFound());
  };

  const responses = new WeakMap<Socket, ServerResponse>();
  const server = createServer(SERVER_OPTIONS, (req, res) => {
    const { socket } = req;
    responses.set(socket, res);
    res.once('finish', () => {
      if (responses.get(socket) === res) responses.delete(socket);
    });
    handle(req, res).catch((error: unknown) => {
      // Cut before its body was complete (by the client, or by the request timeout, which has
      // answered 408 already): there is no one to answer.
      if (req.destroyed && !req.complete) return;
      deps.log.error('request failed', { error });
      if (!res.headersSent) send(res, problem(500, 'unexpected', 'the local host failed; retry later'));
      else res.destroy();
    });
  });
  answerClientErrors(server, responses, deps.log);
  return server;
}

const RECONCILE_TITLES: Record<number, string> = {
  400: 'Reconcile request not valid',
  401: 'Admin token required',
  409: 'Reconcile already running',
  413: 'Body too large',
  415: 'Unsupported media type',
  500: 'Reconcile failed',
};

/** As `problem` in service/receive.ts, with titles that speak of reconcile. */
const reconcileProblem = (status: number, code: string, detail: string): DeliveryResponse =>
  localProblem(status, code, RECONCILE_TITLES[status] ?? 'Error', detail);

async function reconcileRoute(req: IncomingMessage, deps: LocalServerDeps): Promise<DeliveryResponse> {
  if (!bearerMatches(req.headers.authorization, deps.adminToken)) {
    deps.log.warn('request refused', { status: 401, reason: 'admin-token' });
    const response = reconcileProblem(
      401,
      'unauthorized',
      'send Authorization: Bearer <token>, the token in local-admin-token in the data directory or HR_SYNC_ADMIN_TOKEN (hr-sync reconcile sends it)',
    );
    return { ...response, headers: { ...response.headers, 'www-authenticate': 'Bearer realm="hr-sync"' } };
  }
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
  const asked = parsed.data.maxChanges;
  if (asked !== undefined && asked > deps.reconcileMaxChanges) {
    // Refused, not lowered: a run the caller thinks may enqueue `asked` changes must not quietly
    // stop short of that.
    return reconcileProblem(
      400,
      'over-max-changes',
      `reconcile: maxChanges ${asked} is over this host's reconcile.maxChanges (${deps.reconcileMaxChanges}); ask for at most ${deps.reconcileMaxChanges}, or raise reconcile.maxChanges in the configuration and restart the host`,
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

const notFound = (): DeliveryResponse =>
  localProblem(
    404,
    'not-found',
    'Not found',
    'the local host answers POST /webhooks/{provider}, GET /healthz and POST /reconcile',
  );

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
