import { request } from 'node:http';
import { join } from 'node:path';
import * as z from 'zod/mini';
import { formatPath } from '../config/load.js';
import { withDotEnv } from '../config/local-env.js';
import { ADMIN_TOKEN_FILE, ADMIN_TOKEN_VARIABLE, readAdminTokenFile } from '../local/admin-token.js';
import { readHostAddress, urlHost } from '../local/host-settings.js';
import type { LocalReconcileRequest } from '../local/reconcile-runner.js';
import type { ReconcileSummary } from '../service/reconcile-run.js';
import { CommandError, UsageError } from './exit-errors.js';
import { localDataDir } from './local-target.js';

// What a connection attempt to a port nobody listens on ends with (ETIMEDOUT: see CONNECT_TIMEOUT_MS).
const NOBODY_LISTENS = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENOTFOUND', 'EADDRNOTAVAIL', 'ETIMEDOUT']);
// Only the connection is bounded: the answer comes when the run is done, which may take many minutes.
const CONNECT_TIMEOUT_MS = 5_000;

const Count = z.int().check(z.minimum(0));
/** The host's answer, checked before it is printed: the summary the reconcile service returns. */
const SummaryAnswer = z.object({
  runId: z.string(),
  status: z.enum(['complete', 'interrupted', 'busy']),
  dryRun: z.boolean(),
  segment: Count,
  listed: Count,
  matched: Count,
  differing: Count,
  enqueued: Count,
  unmatched: Count,
  skippedByCap: Count,
  unmatchedByReason: z.record(z.string(), Count),
  listedByProvider: z.record(z.string(), Count),
  maxChanges: Count,
  capExceeded: z.optional(z.string()),
  failures: z.record(z.string(), z.string()),
});

/** Where the running local host is: PORT and HOST (and `.env`) read as `npm start` reads them. */
export function localHostUrl(env: Record<string, string | undefined>, cwd: string): string {
  const { port, host } = readHostAddress(env, cwd);
  if (port === 0) {
    throw new UsageError(
      'PORT is 0, so the local host picked a free port: set PORT to the port its banner shows (listening on ...)',
      false,
    );
  }
  return `http://${urlHost(host)}:${port}`;
}

/**
 * The running host's admin token, as it finds it: HR_SYNC_ADMIN_TOKEN (environment over `.env`),
 * else the one it generated into its data directory (HR_SYNC_DATA_DIR, default .hr-sync), so
 * `hr-sync reconcile` beside `npm start` needs nothing more. Undefined when there is neither: the
 * host then answers 401, which says what to do.
 */
export function localAdminToken(
  env: Record<string, string | undefined>,
  cwd: string,
): { token: string | undefined; where: string } {
  const fromEnvironment = withDotEnv(env, cwd).env[ADMIN_TOKEN_VARIABLE];
  if (fromEnvironment) return { token: fromEnvironment, where: ADMIN_TOKEN_VARIABLE };
  const file = join(localDataDir(undefined, env, cwd).dataDir, ADMIN_TOKEN_FILE);
  return { token: readAdminTokenFile(file), where: file };
}

/**
 * `POST /reconcile` on the local host, which runs the job with its own configuration, HR credentials,
 * Heymarket and queue, and answers the run's summary once it has finished. node:http rather than
 * fetch: fetch gives up waiting for the answer after 5 minutes, and a large run may take longer.
 */
export function requestLocalReconcile(
  url: string,
  body: LocalReconcileRequest,
  admin: { token: string | undefined; where: string } = { token: undefined, where: ADMIN_TOKEN_VARIABLE },
): Promise<ReconcileSummary> {
  const noHost = () =>
    new UsageError(
      `no hr-sync host answers at ${url}: run \`npm start\` first (with the same PORT and HOST), or pass --stack NAME to reconcile a deployed stack`,
      false,
    );
  return new Promise((resolve, reject) => {
    const payload = JSON.stringify(body);
    const req = request(
      `${url}/reconcile`,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          ...(admin.token === undefined ? {} : { authorization: `Bearer ${admin.token}` }),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const answer = parseJson(text) as
            | { detail?: unknown; runId?: unknown; status?: unknown }
            | undefined;
          if (res.statusCode === 200) {
            const summary = SummaryAnswer.safeParse(answer);
            if (summary.success) resolve(summary.data as ReconcileSummary);
            else {
              const [issue] = summary.error.issues;
              const where = issue ? `${formatPath(issue.path)} ${issue.message}` : 'not JSON';
              reject(
                new CommandError(
                  `the local host at ${url} answered 200 with a summary this CLI cannot read (${where}): is it an hr-sync host of this version?`,
                ),
              );
            }
          } else if (res.statusCode === 409) {
            reject(
              new CommandError(
                `the local host at ${url} is already running a reconcile: try again once it has finished`,
              ),
            );
          } else if (res.statusCode === 401) {
            reject(
              new CommandError(
                `the local host at ${url} refused the admin token (${admin.token === undefined ? `none found: no ${admin.where}` : `from ${admin.where}`}): run this where the host keeps its data (the same HR_SYNC_DATA_DIR), or set ${ADMIN_TOKEN_VARIABLE} to the host's token`,
              ),
            );
          } else if (res.statusCode === 404) {
            reject(
              new CommandError(
                `${url} answers 404 to POST /reconcile: is it an hr-sync host of this version? Restart it with npm start`,
              ),
            );
          } else {
            const detail = typeof answer?.detail === 'string' ? `: ${answer.detail}` : '';
            reject(new CommandError(`the local host at ${url} answered ${res.statusCode}${detail}`));
          }
        });
      },
    );
    req.on('socket', (socket) => {
      if (!socket.connecting) return;
      const timer = setTimeout(
        () => req.destroy(Object.assign(new Error('connect timeout'), { code: 'ETIMEDOUT' })),
        CONNECT_TIMEOUT_MS,
      );
      socket.once('connect', () => clearTimeout(timer));
      socket.once('close', () => clearTimeout(timer));
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      reject(error.code && NOBODY_LISTENS.has(error.code) ? noHost() : error);
    });
    req.end(payload);
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
