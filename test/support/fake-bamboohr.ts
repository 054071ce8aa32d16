import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { createBambooHrClient } from '../../lambda/providers/bamboohr/api.js';
import type { BambooHrCredentials } from '../../lambda/providers/bamboohr/settings.js';
import { BambooHrSettings } from '../../lambda/providers/bamboohr/settings.js';
import { startFakeServer } from './fake-server.js';
import type { TransportFault } from './injected-faults.js';
import { clientOnFake } from './recording.js';

/**
 * A loopback BambooHR API as documentation.bamboohr.com describe it: under
 * `/api/gateway.php/{subdomain}/v1`, `GET employees/{id}?fields=...` and `POST reports/custom?format=JSON`;
 * HTTP Basic with the API key as user name and any password; XML unless `Accept: application/json`;
 * every value a string or null, empty dates `0000-00-00`, fields it does not know answered null.
 * Tests inject faults and read what it received.
 */
export interface FakeEmployee {
  id: string;
  firstName: string;
  lastName: string;
  preferredName?: string;
  workEmail?: string;
  jobTitle?: string;
  department?: string;
  division?: string;
  location?: string;
  /** `Active` (default) or `Inactive`. */
  status?: string;
  /** Default `Full-Time`; null answers null (a user who may not see the field). */
  employmentHistoryStatus?: string | null;
  /** Default `0000-00-00`, as BambooHR writes no date. */
  terminationDate?: string;
}

export type Fault =
  | TransportFault
  /** Answers 200 in XML, as BambooHR does when the Accept header is lost on the way. */
  | { kind: 'xml' };

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  headers: IncomingHttpHeaders;
  /** Whether the Basic user name was the API key; checked even when a fault answers. */
  authorized: boolean;
  status?: number;
  fault?: Fault['kind'];
}

export interface FakeBambooHr {
  url: string;
  employees: Map<string, FakeEmployee>;
  requests: RecordedRequest[];
  /** Faults the next `times` requests (under `path` only, when given). */
  inject(fault: Fault, times?: number, path?: string): void;
  close(): Promise<void>;
}

export const BAMBOOHR_CREDENTIALS: BambooHrCredentials = {
  subdomain: 'acme',
  apiKey: 'test-api-key-0001',
};

export async function startFakeBambooHr(
  options: { employees?: FakeEmployee[]; credentials?: BambooHrCredentials } = {},
): Promise<FakeBambooHr> {
  const credentials = options.credentials ?? BAMBOOHR_CREDENTIALS;
  // Copies: a test that edits an employee must not change the shared EMPLOYEES of the next test.
  const employees = new Map((options.employees ?? []).map((person) => [person.id, structuredClone(person)]));

  const valuesOf = (person: FakeEmployee): Record<string, string | null> => ({
    id: person.id,
    firstName: person.firstName,
    lastName: person.lastName,
    preferredName: person.preferredName ?? null,
    workEmail: person.workEmail ?? null,
    jobTitle: person.jobTitle ?? null,
    department: person.department ?? null,
    division: person.division ?? null,
    location: person.location ?? null,
    status: person.status ?? 'Active',
    employmentHistoryStatus:
      person.employmentHistoryStatus === undefined ? 'Full-Time' : person.employmentHistoryStatus,
    terminationDate: person.terminationDate ?? '0000-00-00',
  });
  const render = (person: FakeEmployee, fields: string[]) => {
    const values = valuesOf(person);
    return Object.fromEntries([['id', person.id], ...fields.map((field) => [field, values[field] ?? null])]);
  };

  const route = (method: string, path: string, query: URLSearchParams, body: unknown): [number, unknown] => {
    const prefix = `/api/gateway.php/${credentials.subdomain}/v1`;
    if (!path.startsWith(`${prefix}/`)) return [404, undefined];
    const rest = path.slice(prefix.length);
    const employee = /^\/employees\/([^/]+)\/?$/.exec(rest);
    if (employee?.[1] && method === 'GET') {
      const person = employees.get(decodeURIComponent(employee[1]));
      if (!person) return [404, undefined];
      const fields = (query.get('fields') ?? 'firstName,lastName').split(',').filter(Boolean);
      return [200, render(person, fields)];
    }
    if (rest === '/reports/custom' && method === 'POST') {
      const fields = (body as { fields?: unknown } | undefined)?.fields;
      if (!Array.isArray(fields) || !fields.every((field) => typeof field === 'string'))
        return [400, undefined];
      const onlyCurrent = query.get('onlyCurrent') !== 'false';
      const rows = [...employees.values()]
        .filter((person) => !onlyCurrent || (person.status ?? 'Active') === 'Active')
        .map((person) => render(person, fields));
      return [
        200,
        { title: 'Report', fields: fields.map((id) => ({ id, type: 'text', name: id })), employees: rows },
      ];
    }
    return [404, undefined];
  };

  const server = await startFakeServer<RecordedRequest, Fault>({
    record: ({ req, url, json }) => ({
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      body: json,
      headers: req.headers,
      authorized: basicUser(req.headers.authorization) === credentials.apiKey,
    }),
    write(res, status, payload, headers, fault) {
      if (payload === undefined) {
        res.writeHead(status, headers);
        return res.end();
      }
      // BambooHR answers XML unless JSON is asked for (and when the Accept header is lost: `xml`).
      const json = fault?.kind !== 'xml' && /application\/json/i.test(String(res.req.headers.accept ?? ''));
      res.writeHead(status, { 'content-type': json ? 'application/json' : 'text/xml', ...headers });
      res.end(json ? JSON.stringify(payload) : `<?xml version="1.0"?><employee id="x"></employee>`);
    },
    faultBody: () => undefined,
    respond({ record, fault, answer }) {
      if (fault?.kind === 'xml') record.fault = 'xml';
      if (!record.authorized) return answer(401);
      const [status, payload] = route(record.method, record.path, record.query, record.body);
      return answer(status, payload);
    },
  });

  return {
    url: server.url,
    employees,
    requests: server.requests,
    inject: (fault, times = 1, path) => server.inject(fault, times, path),
    close: server.close,
  };
}

/** A real client pointed at the fake (test/support/recording.ts says what it records). */
export const bamboohrClientFor = clientOnFake(createBambooHrClient, BambooHrSettings, BAMBOOHR_CREDENTIALS);

/** Invented people; every address is under the reserved example.test domain. */
export const BRYONY: FakeEmployee = {
  id: '67890',
  firstName: 'Bryony',
  lastName: 'Okafor',
  preferredName: 'Bry',
  workEmail: 'bryony.okafor@example.test',
  jobTitle: 'Support Lead',
  department: 'Customer Success',
  division: 'EMEA',
  location: 'Remote',
};

export const EMPLOYEES: FakeEmployee[] = [
  BRYONY,
  {
    id: '67891',
    firstName: 'Tomasz',
    lastName: 'Lindqvist',
    workEmail: 'tomasz.lindqvist@example.test',
    jobTitle: 'Account Executive',
    department: 'Sales',
  },
  {
    id: '67893',
    firstName: 'Aiyana',
    lastName: 'Brightwater',
    workEmail: 'aiyana.brightwater@example.test',
    jobTitle: 'Designer',
    department: 'Product',
    status: 'Inactive',
    employmentHistoryStatus: 'Terminated',
    terminationDate: '2026-01-30',
  },
];

// --- The sending side: webhook deliveries as BambooHR signs them -------------------------------------

/** Invented webhook private key, as BambooHR shows one once when the webhook is created. */
export const BAMBOOHR_KEY = 'bamboohr-test-private-key-0001';

/**
 * `X-BambooHR-Signature` computed here with node:crypto, independently of the code under test: lowercase
 * hex HMAC-SHA256 keyed with the private key's UTF-8 bytes, over the raw body immediately followed by the
 * `X-BambooHR-Timestamp` value (https://documentation.bamboohr.com/docs/webhooks).
 */
export function signBambooHr(body: string | Buffer, timestamp: string, key = BAMBOOHR_KEY): string {
  return createHmac('sha256', Buffer.from(key, 'utf8'))
    .update(Buffer.concat([Buffer.from(body), Buffer.from(timestamp, 'utf8')]))
    .digest('hex');
}

/** Headers of a signed delivery; the timestamp is unix seconds of `Date.now()` unless given. */
export function bamboohrHeaders(
  body: string | Buffer,
  options: { timestamp?: string; key?: string; contentType?: string } = {},
): Record<string, string> {
  const timestamp = options.timestamp ?? String(Math.floor(Date.now() / 1000));
  return {
    'Content-Type': options.contentType ?? 'application/json',
    'User-Agent': 'BambooHR-Webhooks',
    'X-BambooHR-Timestamp': timestamp,
    'X-BambooHR-Signature': signBambooHr(body, timestamp, options.key),
  };
}

export const bamboohrFixture = (name: string) =>
  readFileSync(new URL(`../fixtures/bamboohr/${name}`, import.meta.url), 'utf8');

function basicUser(header: string | undefined): string | undefined {
  const match = /^Basic\s+(\S+)$/i.exec(header ?? '');
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon === -1 ? undefined : decoded.slice(0, colon);
}
