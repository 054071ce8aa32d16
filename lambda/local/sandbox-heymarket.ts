import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { jwtVerify } from 'jose';
import * as z from 'zod/mini';
import type { HeymarketSecret } from '../config/secrets.js';
import type { Log } from '../observability/log.js';
import { readBody } from './read-body.js';
import { demoUsers, loadSandboxUsers, type SandboxUser, saveSandboxUsers } from './sandbox-users.js';

/**
 * A Heymarket for trying the project out without an account: a loopback HTTP server in the host's
 * process that the real Heymarket client talks to over HTTP, as it would to api.heymarket.com. It
 * answers what the worker calls (https://developers.heymarket.com/api-reference/users): `GET /v1/users/get`
 * with a JSON body and
 * `POST /v1/users/update`, each only with a valid JWT (HS256, `iss` the secret id, key `ID||KEY`,
 * `iat` at most 5 minutes old) signed with a secret generated at start; and, for the demo,
 * `GET /v1/sandbox/users`, which lists the team. Its users are kept in the data directory.
 */
export interface SandboxHeymarket {
  url: string;
  /** What the worker's Heymarket client signs its tokens with. */
  secret: HeymarketSecret;
  users(): SandboxUser[];
  close(): Promise<void>;
}

export interface SandboxOptions {
  /** The JSON file the team is kept in; seeded with demo users when it does not exist. */
  stateFile: string;
  log: Log;
  now?: () => number;
  host?: string;
}

const TEAM_ID = 1;
const MAX_BODY_BYTES = 1024 * 1024;

const UsersGet = z.object({
  email: z._default(z.array(z.string()), []),
  phone: z._default(z.array(z.string()), []),
});
const UsersUpdate = z.object({
  users: z.array(
    z.strictObject({
      id: z.int(),
      first_name: z.optional(z.string()),
      last_name: z.optional(z.string()),
      role_id: z.optional(z.int()),
    }),
  ),
});

export async function startSandboxHeymarket(options: SandboxOptions): Promise<SandboxHeymarket> {
  const { stateFile, log, now = Date.now, host = '127.0.0.1' } = options;
  const secret: HeymarketSecret = {
    apiSecretId: `sandbox-${randomBytes(6).toString('hex')}`,
    apiSecretKey: randomBytes(32).toString('base64url'),
  };
  const key = new TextEncoder().encode(`${secret.apiSecretId}||${secret.apiSecretKey}`);
  let users = loadSandboxUsers(stateFile);
  if (!users) {
    users = demoUsers(new Date(now()).toISOString());
    saveSandboxUsers(stateFile, users);
  }
  const team = new Map(users.map((user) => [user.id, user]));

  const membership = (user: SandboxUser) => ({
    id: user.id,
    name: `${user.first_name} ${user.last_name}`,
    email: user.email,
    role_id: user.role_id,
    team_id: TEAM_ID,
    created_at: user.created_at,
    updated_at: user.updated_at,
  });

  const authorized = async (authorization: string | undefined): Promise<boolean> => {
    const token = /^Bearer (\S+)$/.exec(authorization ?? '')?.[1];
    if (!token) return false;
    try {
      await jwtVerify(token, key, {
        algorithms: ['HS256'],
        typ: 'JWT',
        issuer: secret.apiSecretId,
        maxTokenAge: '5m',
        currentDate: new Date(now()),
      });
      return true;
    } catch {
      return false;
    }
  };

  const getUsers = (body: unknown): [number, unknown] => {
    const query = UsersGet.safeParse(body);
    if (!query.success) return [400, { error: 'bad_data' }];
    const emails = new Set(query.data.email.map((email) => email.trim().toLowerCase()));
    const found = [...team.values()].filter((user) => emails.has(user.email.toLowerCase()));
    return [200, { memberships: found.map(membership) }];
  };

  const updateUsers = (body: unknown): [number, unknown] => {
    const request = UsersUpdate.safeParse(body);
    if (!request.success) return [400, { error: 'bad_data' }];
    const at = new Date(now()).toISOString();
    const answered: ReturnType<typeof membership>[] = [];
    for (const patch of request.data.users) {
      const user = team.get(patch.id);
      // Unknown ids are left out of the answer, as in Heymarket's own example.
      if (!user) continue;
      if (patch.first_name !== undefined) user.first_name = patch.first_name;
      if (patch.last_name !== undefined) user.last_name = patch.last_name;
      if (patch.role_id !== undefined) user.role_id = patch.role_id;
      user.updated_at = at;
      answered.push(membership(user));
    }
    if (answered.length > 0) saveSandboxUsers(stateFile, [...team.values()]);
    return [200, { memberships: answered }];
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const requestId = randomUUID();
    const answer = (status: number, payload: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json', 'x-request-id': requestId });
      res.end(JSON.stringify(payload));
    };
    const { pathname } = new URL(req.url ?? '/', 'http://sandbox');
    const read = await readBody(req, MAX_BODY_BYTES);
    if (read.kind === 'too-large') {
      res.setHeader('connection', 'close');
      return answer(413, { error: 'too_large' });
    }
    if (req.method === 'GET' && pathname === '/v1/sandbox/users') {
      return answer(200, { sandbox: true, users: [...team.values()].map(membership) });
    }
    const route =
      req.method === 'GET' && pathname === '/v1/users/get'
        ? getUsers
        : req.method === 'POST' && pathname === '/v1/users/update'
          ? updateUsers
          : undefined;
    if (!route) return answer(404, { error: 'not_found' });
    if (!(await authorized(req.headers.authorization))) return answer(401, { error: 'unauthorized' });
    let body: unknown;
    try {
      body = read.body.length === 0 ? {} : JSON.parse(read.body.toString('utf8'));
    } catch {
      return answer(400, { error: 'bad_data' });
    }
    const [status, payload] = route(body);
    return answer(status, payload);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log.error('sandbox heymarket failed', { error });
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'internal' }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, resolve);
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://${host}:${port}`,
    secret,
    users: () => [...team.values()].map((user) => ({ ...user })),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
