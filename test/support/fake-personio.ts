import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { createPersonioClient } from '../../lambda/providers/personio/api.js';
import type { PersonioCredentials } from '../../lambda/providers/personio/settings.js';
import { PersonioSettings } from '../../lambda/providers/personio/settings.js';
import { type FakeServer, startFakeServer } from './fake-server.js';
import type { TransportFault } from './injected-faults.js';
import { clientOnFake } from './recording.js';

/**
 * A loopback Personio v2 API as developer.personio.de describe it: `POST /v2/auth/token`
 * (client credentials in a form body) issues bearer tokens; `GET /v2/persons/{id}`,
 * `GET /v2/persons/{id}/employments`, `GET /v2/org-units/{id}` and the cursor-paged `GET /v2/persons`
 * (`limit` ≤ 50, `_meta.links.next.href` an absolute link on api.personio.de) answer only a token it
 * issued and has not revoked. Errors are problem+json with a `personio_trace_id`. Tests inject faults
 * and read what it received.
 */
export interface FakePerson {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  preferredName?: string;
  /** `ACTIVE`, `INACTIVE`, `LEAVE`, `ONBOARDING` (on the person and the current employment). */
  status?: string;
  employments?: FakeEmployment[];
}

export interface FakeEmployment {
  id: string;
  status?: string;
  title?: string;
  /** An org-unit id of type department. */
  departmentId?: string;
  teamId?: string;
  startDate?: string;
}

export interface FakeOrgUnit {
  id: string;
  name: string;
  type: 'department' | 'team';
}

export type Fault = TransportFault;

export interface RecordedRequest {
  method: string;
  /** Path and query as sent. */
  path: string;
  body: string;
  headers: IncomingHttpHeaders;
  /** Whether the bearer token was one the fake issued and still honours. */
  authorized: boolean;
  status?: number;
  fault?: Fault['kind'];
}

export interface FakePersonioOptions {
  people?: FakePerson[];
  orgUnits?: FakeOrgUnit[];
  credentials?: PersonioCredentials;
  /** `expires_in` of each token issued; default 86400 (a day). */
  tokenLifetimeSeconds?: number | null;
  /** Answer a single person wrapped as `{"_data": {...}}` instead of the bare object. */
  wrapSingle?: boolean;
}

export interface FakePersonio {
  url: string;
  people: Map<string, FakePerson>;
  orgUnits: Map<string, FakeOrgUnit>;
  requests: RecordedRequest[];
  /** Tokens issued so far, in order. */
  tokens: string[];
  /** The next request (whose path starts with `path`, when given) gets `fault`, `times` times. */
  inject(fault: Fault, options?: { times?: number; path?: string }): void;
  /** Every token issued so far stops working (rotated credential, revocation). */
  revokeTokens(): void;
  close(): Promise<void>;
}

export const API_CREDENTIAL: PersonioCredentials = {
  clientId: 'papi-client-0001',
  clientSecret: 'papi-secret-0001',
};

const PUBLIC_BASE = 'https://api.personio.de';

export async function startFakePersonio(options: FakePersonioOptions = {}): Promise<FakePersonio> {
  const credentials = options.credentials ?? API_CREDENTIAL;
  const lifetime = options.tokenLifetimeSeconds === undefined ? 86_400 : options.tokenLifetimeSeconds;
  // Copies: a test that edits a person must not change the shared PEOPLE of the next test.
  const people = new Map((options.people ?? []).map((person) => [person.id, structuredClone(person)]));
  const orgUnits = new Map((options.orgUnits ?? []).map((unit) => [unit.id, { ...unit }]));
  const tokens: string[] = [];
  const valid = new Set<string>();

  const problem = (status: number, title: string) => ({
    personio_trace_id: `trace-${status}-${server.requests.length}`,
    timestamp: '2026-02-01T09:00:00Z',
    errors: [
      {
        title,
        detail: title,
        type: 'https://developer.personio.de/v2.0/page/public-api-error-codes',
        _meta: {},
      },
    ],
  });

  const personJson = (person: FakePerson) => ({
    id: person.id,
    first_name: person.firstName,
    last_name: person.lastName,
    preferred_name: person.preferredName ?? '',
    email: person.email,
    gender: 'UNDEFINED',
    language_code: 'en',
    status: person.status ?? 'ACTIVE',
    created_at: '2025-03-01T08:00:00Z',
    updated_at: '2026-02-01T08:59:00Z',
    _meta: { links: { self: { href: `${PUBLIC_BASE}/v2/persons/${person.id}` } } },
  });

  const employmentJson = (person: FakePerson, employment: FakeEmployment) => ({
    id: employment.id,
    person: { id: person.id },
    status: employment.status ?? person.status ?? 'ACTIVE',
    start_date: employment.startDate ?? '2025-03-01',
    position: employment.title === undefined ? null : { title: employment.title },
    org_units: [
      ...(employment.departmentId ? [{ id: employment.departmentId, type: 'department' }] : []),
      ...(employment.teamId ? [{ id: employment.teamId, type: 'team' }] : []),
    ],
    _meta: { links: { person: { href: `${PUBLIC_BASE}/v2/persons/${person.id}` } } },
  });

  const route = (url: URL): [number, unknown] => {
    const path = url.pathname;
    if (path === '/v2/persons') {
      const limit = Number(url.searchParams.get('limit') ?? '10');
      if (!Number.isInteger(limit) || limit < 1 || limit > 50) return [400, problem(400, 'Invalid limit')];
      const all = [...people.values()];
      const start = Number(url.searchParams.get('cursor') ?? '0');
      const page = all.slice(start, start + limit);
      const next = start + limit < all.length ? start + limit : undefined;
      const links: Record<string, { href: string }> = {
        self: { href: `${PUBLIC_BASE}${path}${url.search}` },
      };
      if (next !== undefined)
        links.next = { href: `${PUBLIC_BASE}/v2/persons?cursor=${next}&limit=${limit}` };
      return [200, { _data: page.map(personJson), _meta: { links } }];
    }
    const employments = /^\/v2\/persons\/([^/]+)\/employments$/.exec(path);
    if (employments?.[1]) {
      const person = people.get(decodeURIComponent(employments[1]));
      if (!person) return [404, problem(404, 'Person not found')];
      const list = (person.employments ?? []).map((employment) => employmentJson(person, employment));
      return [200, { _data: list, _meta: { links: { self: { href: `${PUBLIC_BASE}${path}` } } } }];
    }
    const single = /^\/v2\/persons\/([^/]+)$/.exec(path);
    if (single?.[1]) {
      const person = people.get(decodeURIComponent(single[1]));
      if (!person) return [404, problem(404, 'Person not found')];
      return [200, options.wrapSingle ? { _data: personJson(person) } : personJson(person)];
    }
    const unit = /^\/v2\/org-units\/([^/]+)$/.exec(path);
    if (unit?.[1]) {
      const found = orgUnits.get(decodeURIComponent(unit[1]));
      if (!found) return [404, problem(404, 'Org unit not found')];
      return [200, { id: found.id, name: found.name, type: found.type, _meta: { links: {} } }];
    }
    return [404, problem(404, 'Not found')];
  };

  const issueToken = (req: IncomingMessage, raw: string): [number, unknown] => {
    if (!req.headers['content-type']?.startsWith('application/x-www-form-urlencoded')) {
      return [415, problem(415, 'Unsupported media type')];
    }
    const form = new URLSearchParams(raw);
    if (form.get('grant_type') !== 'client_credentials') return [400, { error: 'unsupported_grant_type' }];
    if (
      form.get('client_id') !== credentials.clientId ||
      form.get('client_secret') !== credentials.clientSecret
    ) {
      return [401, { error: 'invalid_client' }];
    }
    const token = `papi-${randomUUID()}`;
    tokens.push(token);
    valid.add(token);
    return [
      200,
      {
        access_token: token,
        token_type: 'Bearer',
        ...(lifetime === null ? {} : { expires_in: lifetime }),
        scope: 'personio:persons:read',
      },
    ];
  };

  const server: FakeServer<RecordedRequest, Fault> = await startFakeServer<RecordedRequest, Fault>({
    record: ({ req, url, raw }) => {
      const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      return {
        method: req.method ?? 'GET',
        path: `${url.pathname}${url.search}`,
        body: raw,
        headers: req.headers,
        authorized: bearer !== undefined && valid.has(bearer),
      };
    },
    write(res, status, payload, headers) {
      const type = status >= 400 ? 'application/problem+json' : 'application/json';
      res.writeHead(status, { 'content-type': type, ...headers });
      res.end(JSON.stringify(payload));
    },
    faultBody: (status) => problem(status, `Injected ${status}`),
    respond({ incoming: { req, url, raw }, record, answer }) {
      if (url.pathname === '/v2/auth/token') {
        if (req.method !== 'POST') return answer(405, problem(405, 'Method not allowed'));
        const [status, payload] = issueToken(req, raw);
        return answer(status, payload);
      }
      if (!record.authorized) return answer(401, problem(401, 'Invalid or expired token'));
      if (req.method !== 'GET') return answer(405, problem(405, 'Method not allowed'));
      const [status, payload] = route(url);
      return answer(status, payload);
    },
  });

  return {
    url: server.url,
    people,
    orgUnits,
    requests: server.requests,
    tokens,
    inject: (fault, { times = 1, path } = {}) => server.inject(fault, times, path),
    revokeTokens() {
      valid.clear();
    },
    close: server.close,
  };
}

/** A real client pointed at the fake (test/support/recording.ts says what it records). */
export const personioClientFor = clientOnFake(createPersonioClient, PersonioSettings, API_CREDENTIAL);

export const ORG_UNITS: FakeOrgUnit[] = [
  { id: '180551', name: 'Engineering', type: 'department' },
  { id: '180552', name: 'Analysis', type: 'department' },
  { id: '180601', name: 'Flight Software', type: 'team' },
];

/** Invented people; every address is under the reserved example.test domain. */
export const HAMILTON: FakePerson = {
  id: '4471902',
  email: 'margaret.hamilton@example.test',
  firstName: 'Margaret',
  lastName: 'Hamilton',
  preferredName: 'Maggie',
  employments: [
    { id: '9001', status: 'INACTIVE', title: 'Programmer', departmentId: '180552', startDate: '2019-01-01' },
    {
      id: '9002',
      title: 'Flight Software Lead',
      departmentId: '180551',
      teamId: '180601',
      startDate: '2023-04-01',
    },
  ],
};

export const PEOPLE: FakePerson[] = [
  HAMILTON,
  {
    id: '4471903',
    email: 'dorothy.vaughan@example.test',
    firstName: 'Dorothy',
    lastName: 'Vaughan',
    employments: [{ id: '9003', title: 'Programmer', departmentId: '180552' }],
  },
  {
    id: '4471904',
    email: 'mary.jackson@example.test',
    firstName: 'Mary',
    lastName: 'Jackson',
    status: 'INACTIVE',
    employments: [{ id: '9004', status: 'INACTIVE', title: 'Engineer', departmentId: '180551' }],
  },
  {
    id: '4471905',
    email: 'katherine.johnson@example.test',
    firstName: 'Katherine',
    lastName: 'Johnson',
    status: 'ACTIVE',
    employments: [{ id: '9005', status: 'LEAVE', title: 'Mathematician' }],
  },
];

// --- The sending side: webhook deliveries as Personio sends them --------------------------------------

/** Invented webhook token, as configured on the webhook (`token`, auth_type TOKEN). */
export const PERSONIO_TOKEN = 'pwh-test-token-0001';

export const personioFixture = (name: string) =>
  readFileSync(new URL(`../fixtures/personio/${name}`, import.meta.url), 'utf8');

/**
 * Headers of a delivery: the configured token, verbatim, in `Authorization` (no prefix is added);
 * `null` sends none. Personio's user agent is not documented: this one is invented.
 */
export const personioHeaders = (authorization: string | null = PERSONIO_TOKEN): Record<string, string> => ({
  'Content-Type': 'application/json',
  'User-Agent': 'Personio-Webhooks',
  ...(authorization === null ? {} : { Authorization: authorization }),
});
