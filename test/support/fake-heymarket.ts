import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import type { HeymarketSecret } from '../../lambda/config/secrets.js';
import type { HeymarketTeam, HeymarketUsers } from '../../lambda/core/ports.js';
import { createHeymarketClient, type HeymarketClientDeps } from '../../lambda/heymarket/client.js';
import { type Incoming, parseJson, serveOnLoopback, writeJson } from './fake-server.js';
import { playFault } from './injected-faults.js';

/**
 * A loopback Heymarket that behaves as https://developers.heymarket.com documents it: it checks the JWT exactly (HS256,
 * `typ` JWT, `iss` a known secret id, HMAC key `ID||KEY`, `iat` at most 5 minutes old), answers
 * `POST /v1/users/update` and the GET-with-body `GET /v1/users/get` with memberships for known users
 * only, `GET /v1/team` with every user as a member, and sets `X-Request-Id` on every answer. Tests inject faults and read what it received.
 */
export interface FakeUserInput {
  id: number;
  email: string;
  first_name: string;
  last_name: string;
  role_id?: number;
  phone?: string;
}

export interface FakeUser extends Required<FakeUserInput> {
  /** "First Last", as Heymarket shows it. */
  name: string;
  created_at: string;
  updated_at: string;
}

export interface ApiSecret {
  id: string;
  key: string;
}

export type Fault =
  | { kind: 'status'; status: number; retryAfter?: string; body?: string }
  /** Reads the request, then never answers (the client's timeout must end it). */
  | { kind: 'hang' }
  /** Reads the request, then destroys the socket (ECONNRESET / socket hang up on the client). */
  | { kind: 'reset' };

export interface IncomingCall {
  method: string;
  path: string;
  body: unknown;
  /** 0 for the first request the fake received. */
  index: number;
}

/** Decides per request; `undefined` lets the request through. */
export type FaultRule = (call: IncomingCall) => Fault | undefined;

export type AuthCheck =
  | { ok: true; iss: string; iat: number; claims: Record<string, unknown> }
  | { ok: false; reason: string };

export interface RecordedRequest extends IncomingCall {
  headers: IncomingHttpHeaders;
  at: number;
  requestId: string;
  /** Checked on every request, even one a fault answers. */
  auth: AuthCheck;
  /** The status answered; absent for a hang or a reset. */
  status?: number;
  fault?: Fault['kind'] | 'rate-limit';
}

export interface FakeHeymarketOptions {
  users?: FakeUserInput[];
  /** The API secret the fake accepts; default `{ id: 'test-secret-id', key: 'test-secret-key' }`. */
  secret?: ApiSecret;
  /** Clock for JWT freshness and request times; default `Date.now`. */
  now?: () => number;
  /** When set, requests beyond this many in any 60 s window get 429 (Heymarket's budget is 500). */
  rateLimitPerMinute?: number;
  /** When set, users/update refuses any other `role_id` with 400 bad_data. */
  roleIds?: number[];
  /**
   * users/update refuses any call that carries one of these user ids with 400 bad_data, the whole call,
   * as Heymarket refuses a call with one bad entry.
   */
  rejectUserIds?: number[];
  teamId?: number;
  /** Added before every answer (faults included), as a network round trip and server time would. */
  latencyMs?: number;
}

export interface FakeHeymarket {
  url: string;
  users: Map<number, FakeUser>;
  requests: RecordedRequest[];
  /** The first `times` requests from now get `fault`; a rule applies to every request until cleared. */
  inject(fault: Fault | FaultRule, times?: number): void;
  clearFaults(): void;
  /** Accept only this secret from now on: tokens signed with the old one get 401. */
  rotateSecret(id: string, key: string): void;
  /** Accept this secret as well (Heymarket lets a team hold two at once). */
  addSecret(id: string, key: string): void;
  /** Most requests seen in any 60 s window, by the fake's clock. */
  peakRequestsPerMinute(): number;
  openConnections(): number;
  close(): Promise<void>;
}

export const DEFAULT_SECRET: ApiSecret = { id: 'test-secret-id', key: 'test-secret-key' };
const UPDATABLE = new Set(['id', 'first_name', 'last_name', 'role_id']);

export async function startFakeHeymarket(options: FakeHeymarketOptions = {}): Promise<FakeHeymarket> {
  const now = options.now ?? Date.now;
  const teamId = options.teamId ?? 1001;
  const secrets = new Map<string, string>();
  const initial = options.secret ?? DEFAULT_SECRET;
  secrets.set(initial.id, initial.key);
  const users = new Map<number, FakeUser>();
  for (const input of options.users ?? []) users.set(input.id, toUser(input, new Date(now()).toISOString()));
  const requests: RecordedRequest[] = [];
  const queued: { fault: Fault; left: number }[] = [];
  const rules: FaultRule[] = [];
  const arrivals: number[] = [];
  let windowStart = 0;
  let peak = 0;

  const membership = (user: FakeUser) => ({
    id: user.id,
    phone: user.phone,
    name: user.name,
    email: user.email,
    role_id: user.role_id,
    created_at: user.created_at,
    updated_at: user.updated_at,
    user_created_at: user.created_at,
    user_updated_at: user.updated_at,
    team_id: teamId,
  });

  // `role` is documented only as a string: the fake answers role names, never ids, so nothing may
  // depend on reading an id from it.
  const roleName = (roleId: number) =>
    roleId === 1 ? 'admin' : roleId === 4 ? 'member' : `custom ${roleId}`;
  /** `GET /v1/team` (https://developers.heymarket.com/api-reference/team): every member, no emails. */
  const team = () => ({
    id: teamId,
    name: 'Invented Team',
    list_size: users.size,
    members: [...users.values()].map((user) => ({
      id: user.id,
      name: user.name,
      role: roleName(user.role_id),
    })),
  });

  const nextFault = (call: IncomingCall): Fault | undefined => {
    const head = queued.find((entry) => entry.left > 0);
    if (head) {
      head.left -= 1;
      return head.fault;
    }
    for (const rule of rules) {
      const fault = rule(call);
      if (fault) return fault;
    }
    return undefined;
  };

  /** Counts the request in the sliding minute; true when it is over the budget. */
  const overBudget = (at: number) => {
    arrivals.push(at);
    while (windowStart < arrivals.length && (arrivals[windowStart] ?? at) <= at - 60_000) windowStart += 1;
    const inWindow = arrivals.length - windowStart;
    peak = Math.max(peak, inWindow);
    return options.rateLimitPerMinute !== undefined && inWindow > options.rateLimitPerMinute;
  };

  const route = (method: string, path: string, body: unknown): [number, unknown] => {
    if (method === 'POST' && path === '/v1/users/update') return updateUsers(body);
    if (method === 'GET' && path === '/v1/users/get') return getUsers(body);
    if (method === 'GET' && path === '/v1/team') return [200, team()];
    return [404, { error: 'not_found' }];
  };

  const updateUsers = (body: unknown): [number, unknown] => {
    const entries = (body as { users?: unknown } | undefined)?.users;
    if (!Array.isArray(entries) || !entries.every(isValidPatch)) return [400, { error: 'bad_data' }];
    if (
      options.roleIds &&
      entries.some((e) => e.role_id !== undefined && !options.roleIds?.includes(e.role_id))
    ) {
      return [400, { error: 'bad_data' }];
    }
    if (entries.some((entry) => options.rejectUserIds?.includes(entry.id)))
      return [400, { error: 'bad_data' }];
    const updatedAt = new Date(now()).toISOString();
    const answered: ReturnType<typeof membership>[] = [];
    for (const entry of entries) {
      const user = users.get(entry.id);
      if (!user) continue; // unknown ids are left out of the answer, as in the docs' example
      if (entry.first_name !== undefined) user.first_name = entry.first_name;
      if (entry.last_name !== undefined) user.last_name = entry.last_name;
      if (entry.role_id !== undefined) user.role_id = entry.role_id;
      user.name = `${user.first_name} ${user.last_name}`;
      user.updated_at = updatedAt;
      answered.push(membership(user));
    }
    return [200, { memberships: answered }];
  };

  const getUsers = (body: unknown): [number, unknown] => {
    const query = body as { email?: unknown; phone?: unknown } | undefined;
    const emails = query?.email ?? [];
    const phones = query?.phone ?? [];
    if (!isStringArray(emails) || !isStringArray(phones)) return [400, { error: 'bad_data' }];
    const wanted = new Set(emails.map((email) => email.toLowerCase()));
    const found = [...users.values()].filter(
      (user) => wanted.has(user.email.toLowerCase()) || phones.includes(user.phone),
    );
    return [200, { memberships: found.map(membership) }];
  };

  const handle = async ({ req, url, raw, json: body }: Incoming, res: ServerResponse) => {
    const at = now();
    const call: IncomingCall = {
      method: req.method ?? 'GET',
      path: url.pathname,
      body,
      index: requests.length,
    };
    const requestId = randomUUID();
    const record: RecordedRequest = {
      ...call,
      headers: req.headers,
      at,
      requestId,
      auth: checkJwt(req.headers.authorization, secrets, at),
    };
    requests.push(record);
    if (options.latencyMs) await new Promise((resolve) => setTimeout(resolve, options.latencyMs));
    const answer = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      record.status = status;
      writeJson(res, status, payload, { 'x-request-id': requestId, ...headers });
    };

    // The budget is counted before faults: a test's injected fault is not spent on a rate-limited call.
    if (overBudget(at)) {
      record.fault = 'rate-limit';
      return answer(429, { error: 'rate_limited' });
    }
    const fault = nextFault(call);
    const faultBody = fault?.kind === 'status' ? fault.body : undefined;
    if (
      playFault(fault, req, record, (status, headers) =>
        answer(status, faultBody ?? { error: `injected ${status}` }, headers),
      )
    ) {
      return;
    }
    if (!record.auth.ok) return answer(401, { error: 'unauthorized' });
    if (raw !== '' && body === undefined) return answer(400, { error: 'bad_data' });
    const [status, payload] = route(call.method, call.path, body);
    return answer(status, payload);
  };

  const server = await serveOnLoopback(handle);

  return {
    url: server.url,
    users,
    requests,
    inject(fault, times = 1) {
      if (typeof fault === 'function') rules.push(fault);
      else queued.push({ fault, left: times });
    },
    clearFaults() {
      queued.length = 0;
      rules.length = 0;
    },
    rotateSecret(id, key) {
      secrets.clear();
      secrets.set(id, key);
    },
    addSecret(id, key) {
      secrets.set(id, key);
    },
    peakRequestsPerMinute: () => peak,
    openConnections: server.openConnections,
    close: server.close,
  };
}

/**
 * The documented scheme, verified independently of the client (node:crypto, not jose): header exactly
 * `{"alg":"HS256","typ":"JWT"}`, `iss` a known secret id, HMAC-SHA256 keyed `ID||KEY`, `iat` in seconds
 * no more than 5 minutes old and no more than a minute ahead.
 */
export function checkJwt(
  authorization: string | undefined,
  secrets: Map<string, string>,
  nowMs: number,
): AuthCheck {
  const match = /^Bearer ([\w-]+)\.([\w-]+)\.([\w-]+)$/.exec(authorization ?? '');
  if (!match) return { ok: false, reason: 'no bearer JWT' };
  const [, headerPart = '', payloadPart = '', signaturePart = ''] = match;
  const header = decodeJson(headerPart);
  if (!header || Object.keys(header).length !== 2 || header.alg !== 'HS256' || header.typ !== 'JWT') {
    return { ok: false, reason: 'header is not {"alg":"HS256","typ":"JWT"}' };
  }
  const claims = decodeJson(payloadPart);
  if (!claims || typeof claims.iss !== 'string') return { ok: false, reason: 'no iss claim' };
  const key = secrets.get(claims.iss);
  if (key === undefined) return { ok: false, reason: 'unknown secret id' };
  const expected = createHmac('sha256', `${claims.iss}||${key}`)
    .update(`${headerPart}.${payloadPart}`)
    .digest();
  const given = Buffer.from(signaturePart, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, reason: 'bad signature' };
  const { iat } = claims;
  if (typeof iat !== 'number' || !Number.isInteger(iat))
    return { ok: false, reason: 'iat is not unix seconds' };
  const nowSeconds = nowMs / 1000;
  if (nowSeconds - iat > 300) return { ok: false, reason: 'token older than 5 minutes' };
  if (iat - nowSeconds > 60) return { ok: false, reason: 'iat in the future' };
  return { ok: true, iss: claims.iss, iat, claims };
}

function toUser(input: FakeUserInput, at: string): FakeUser {
  return {
    role_id: 4,
    phone: `1555000${String(input.id).padStart(4, '0')}`,
    ...input,
    name: `${input.first_name} ${input.last_name}`,
    created_at: at,
    updated_at: at,
  };
}

function isValidPatch(
  entry: unknown,
): entry is { id: number; first_name?: string; last_name?: string; role_id?: number } {
  if (typeof entry !== 'object' || entry === null) return false;
  const patch = entry as Record<string, unknown>;
  return (
    Object.keys(patch).every((key) => UPDATABLE.has(key)) &&
    Number.isInteger(patch.id) &&
    (patch.first_name === undefined || typeof patch.first_name === 'string') &&
    (patch.last_name === undefined || typeof patch.last_name === 'string') &&
    (patch.role_id === undefined || Number.isInteger(patch.role_id))
  );
}

const isStringArray = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string');

function decodeJson(part: string): Record<string, unknown> | undefined {
  const value = parseJson(Buffer.from(part, 'base64url').toString('utf8'));
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

export interface LogLine {
  level: 'info' | 'warn';
  message: string;
  attributes: Record<string, unknown>;
}

export interface ClientHarness {
  client: HeymarketUsers & HeymarketTeam;
  logs: LogLine[];
  /** Every wait the retry policy asked for, in ms (the sleep itself returns at once). */
  sleeps: number[];
  /** Every credentials call the client made. */
  credentialCalls: { forceRefresh: boolean }[];
  /** What "Secrets Manager" holds now; the client sees it on its first call or a forced refresh. */
  secretsManager: HeymarketSecret;
}

/**
 * A real client pointed at the fake, with a caller-side secret cache like the worker's, no real
 * sleeping and a fixed `random`; override any dependency.
 */
export function clientFor(fake: FakeHeymarket, overrides: Partial<HeymarketClientDeps> = {}): ClientHarness {
  const harness: ClientHarness = {
    client: undefined as unknown as HeymarketUsers & HeymarketTeam,
    logs: [],
    sleeps: [],
    credentialCalls: [],
    secretsManager: { apiSecretId: DEFAULT_SECRET.id, apiSecretKey: DEFAULT_SECRET.key },
  };
  let cached: HeymarketSecret | undefined;
  harness.client = createHeymarketClient({
    baseUrl: fake.url,
    credentials: async ({ forceRefresh }) => {
      harness.credentialCalls.push({ forceRefresh });
      if (forceRefresh || !cached) cached = { ...harness.secretsManager };
      return cached;
    },
    log: {
      info: (message, attributes = {}) => harness.logs.push({ level: 'info', message, attributes }),
      warn: (message, attributes = {}) => harness.logs.push({ level: 'warn', message, attributes }),
    },
    sleep: async (ms) => {
      harness.sleeps.push(ms);
    },
    random: () => 0.5,
    ...overrides,
  });
  return harness;
}

/** `count` invented users, ids from `firstId`, emails `user<id>@example.test`, named `Ada<id> Lovelace`. */
export function sampleUsers(count: number, firstId = 1): FakeUserInput[] {
  return Array.from({ length: count }, (_, index) => {
    const id = firstId + index;
    return { id, email: `user${id}@example.test`, first_name: `Ada${id}`, last_name: 'Lovelace', role_id: 4 };
  });
}
