import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { createMergeClient } from '../../lambda/providers/merge/api.js';
import type { MergeCredentials } from '../../lambda/providers/merge/settings.js';
import { MergeSettings } from '../../lambda/providers/merge/settings.js';
import { startFakeServer } from './fake-server.js';
import type { TransportFault } from './injected-faults.js';
import { clientOnFake } from './recording.js';

/**
 * A loopback Merge HRIS API as docs.merge.dev (HRIS Employees, Authentication,
 * Pagination) describe it: `GET /api/hris/v1/employees/{id}` and `GET /api/hris/v1/employees`, both
 * refusing anything without `Authorization: Bearer <API key>` and the linked account's `X-Account-Token`.
 * Related models are ids unless named in `expand`; the list pages with an opaque `cursor` and `page_size`
 * (at most 100, else 400), leaves out deleted employees unless `include_deleted_data=true`, and filters by
 * `modified_after`. Tests inject faults and read what it received.
 */
export interface FakeEmployment {
  id: string;
  job_title: string | null;
  effective_date: string | null;
  remote_was_deleted?: boolean;
}

export interface FakeMergeEmployee {
  id: string;
  first_name: string | null;
  last_name: string | null;
  preferred_name?: string | null;
  work_email: string | null;
  employments: FakeEmployment[];
  team: { id: string; name: string } | null;
  employment_status: 'ACTIVE' | 'PENDING' | 'INACTIVE' | null;
  termination_date?: string | null;
  remote_was_deleted?: boolean;
  modified_at: string;
}

export type Fault = TransportFault;

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  /** Whether the API key and the account token were both right; checked even when a fault answers. */
  authorized: boolean;
  status?: number;
  fault?: Fault['kind'];
}

export interface FakeMergeOptions {
  employees?: FakeMergeEmployee[];
  credentials?: MergeCredentials;
  /** How `next` is written: the bare cursor (documented) or a full URL carrying it. */
  next?: 'cursor' | 'url';
}

export interface FakeMerge {
  url: string;
  employees: Map<string, FakeMergeEmployee>;
  requests: RecordedRequest[];
  inject(fault: Fault, times?: number): void;
  close(): Promise<void>;
}

export const MERGE_CREDENTIALS: MergeCredentials = {
  apiKey: 'test-merge-api-key-0001',
  accountToken: 'test-merge-account-token-0001',
};

const EMPLOYEES_PATH = '/api/hris/v1/employees';
// Fields Merge answers that the client must never carry anywhere.
const UNREAD_FIELDS = {
  remote_id: '4711',
  personal_email: 'home@example.test',
  remote_data: null,
};

export async function startFakeMerge(options: FakeMergeOptions = {}): Promise<FakeMerge> {
  const credentials = options.credentials ?? MERGE_CREDENTIALS;
  // Copies: a test that edits an employee must not change the shared EMPLOYEES of the next test.
  const employees = new Map(
    (options.employees ?? []).map((employee) => [employee.id, structuredClone(employee)]),
  );
  let url = '';

  const render = (employee: FakeMergeEmployee, expand: Set<string>) => ({
    ...UNREAD_FIELDS,
    ...employee,
    preferred_name: employee.preferred_name ?? null,
    termination_date: employee.termination_date ?? null,
    remote_was_deleted: employee.remote_was_deleted ?? false,
    employments: expand.has('employments')
      ? employee.employments.map((employment) => ({
          remote_was_deleted: false,
          employee: employee.id,
          ...employment,
        }))
      : employee.employments.map((employment) => employment.id),
    team: employee.team && (expand.has('team') ? employee.team : employee.team.id),
  });

  const list = (query: URLSearchParams, expand: Set<string>): [number, unknown] => {
    const size = query.has('page_size') ? Number(query.get('page_size')) : 100;
    if (!Number.isInteger(size) || size < 1 || size > 100) {
      return [400, { page_size: ['Ensure this value is less than or equal to 100.'] }];
    }
    const cursor = query.get('cursor');
    const offset = cursor ? Number(Buffer.from(cursor, 'base64url').toString('utf8').replace(/^o=/, '')) : 0;
    if (!Number.isInteger(offset) || offset < 0) return [400, { detail: 'Invalid cursor' }];
    const modifiedAfter = query.get('modified_after');
    const all = [...employees.values()].filter(
      (employee) =>
        (query.get('include_deleted_data') === 'true' || !employee.remote_was_deleted) &&
        (!modifiedAfter || Date.parse(employee.modified_at) > Date.parse(modifiedAfter)),
    );
    const page = all.slice(offset, offset + size);
    const nextCursor =
      offset + size < all.length ? Buffer.from(`o=${offset + size}`).toString('base64url') : null;
    const next =
      nextCursor && options.next === 'url'
        ? `${url}${EMPLOYEES_PATH}?cursor=${nextCursor}&page_size=${size}`
        : nextCursor;
    return [200, { next, previous: null, results: page.map((employee) => render(employee, expand)) }];
  };

  const route = (path: string, query: URLSearchParams): [number, unknown] => {
    const expand = new Set((query.get('expand') ?? '').split(',').filter(Boolean));
    if (path === EMPLOYEES_PATH || path === `${EMPLOYEES_PATH}/`) return list(query, expand);
    const match = /^\/api\/hris\/v1\/employees\/([^/]+)\/?$/.exec(path);
    if (match?.[1]) {
      const employee = employees.get(decodeURIComponent(match[1]));
      if (!employee) return [404, { detail: 'Not found.' }];
      return [200, render(employee, expand)];
    }
    return [404, { detail: 'Not found.' }];
  };

  const server = await startFakeServer<RecordedRequest, Fault>({
    record: ({ req, url: parsed }) => ({
      method: req.method ?? 'GET',
      path: parsed.pathname,
      query: Object.fromEntries(parsed.searchParams),
      headers: req.headers,
      authorized:
        req.headers.authorization === `Bearer ${credentials.apiKey}` &&
        req.headers['x-account-token'] === credentials.accountToken,
    }),
    faultBody: (status) => ({ detail: `injected ${status}` }),
    respond({ incoming, record, answer }) {
      if (!record.authorized) return answer(401, { detail: 'Invalid token.' });
      if (record.method !== 'GET') return answer(405, { detail: 'Method not allowed.' });
      const [status, payload] = route(incoming.url.pathname, incoming.url.searchParams);
      return answer(status, payload);
    },
  });
  url = server.url;

  return {
    url,
    employees,
    requests: server.requests,
    inject: (fault, times = 1) => server.inject(fault, times),
    close: server.close,
  };
}

/** A real client pointed at the fake (test/support/recording.ts says what it records). */
export const mergeClientFor = clientOnFake(createMergeClient, MergeSettings, MERGE_CREDENTIALS);

/** Invented people; every address is under the reserved example.test domain. */
export const JOHNSON: FakeMergeEmployee = {
  id: '2b7e9c1d-4f3a-4e8b-9a6c-1d2e3f4a5b6c',
  first_name: 'Katherine',
  last_name: 'Johnson',
  preferred_name: 'Kathy',
  work_email: 'katherine.johnson@example.test',
  employments: [
    {
      id: 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f',
      job_title: 'Research Mathematician',
      effective_date: '2025-02-01T00:00:00Z',
    },
    {
      id: 'e2f3a4b5-c6d7-4e8f-9a0b-1c2d3e4f5a6b',
      job_title: 'Aerospace Technologist',
      effective_date: '2026-01-05T00:00:00Z',
    },
  ],
  team: { id: 'a3d1c2b4-5e6f-4a7b-8c9d-0e1f2a3b4c5d', name: 'Engineering' },
  employment_status: 'ACTIVE',
  modified_at: '2026-02-01T09:00:00Z',
};

export const EMPLOYEES: FakeMergeEmployee[] = [
  JOHNSON,
  {
    id: '3c8f0d2e-5a4b-4f9c-8b7d-2e3f4a5b6c7d',
    first_name: 'Christine',
    last_name: 'Darden',
    work_email: 'christine.darden@example.test',
    employments: [
      { id: 'f3a4b5c6-d7e8-4f9a-8b1c-2d3e4f5a6b7c', job_title: 'Data Analyst', effective_date: null },
    ],
    team: { id: 'b4c5d6e7-f8a9-4b0c-9d1e-2f3a4b5c6d7e', name: 'Analysis' },
    employment_status: 'PENDING',
    modified_at: '2026-01-20T10:00:00Z',
  },
  {
    id: '4d9a1e3f-6b5c-4a0d-9c8e-3f4a5b6c7d8e',
    first_name: 'Annie',
    last_name: 'Easley',
    work_email: 'annie.easley@example.test',
    employments: [],
    team: null,
    employment_status: 'INACTIVE',
    termination_date: '2026-01-16T00:00:00Z',
    modified_at: '2026-01-16T17:00:00Z',
  },
  {
    id: '5e0b2f4a-7c6d-4b1e-8d9f-4a5b6c7d8e9f',
    first_name: 'Mary',
    last_name: 'Winston',
    work_email: 'mary.winston@example.test',
    employments: [],
    team: null,
    employment_status: 'ACTIVE',
    remote_was_deleted: true,
    modified_at: '2026-01-10T12:00:00Z',
  },
];

// --- The sending side: webhook deliveries as Merge signs them ----------------------------------------

/** Invented organisation signature key, as the Merge dashboard (Webhooks, Security) shows one. */
export const MERGE_SIGNATURE_KEY = 'merge-test-signature-key-0001';

export type SignatureForm = 'base64url' | 'base64url-padded' | 'base64' | 'base64-unpadded';

/**
 * `X-Merge-Webhook-Signature` computed here with node:crypto, independently of the code under test:
 * HMAC-SHA256 keyed with the signature key's UTF-8 bytes over the raw body, in any of the four base64
 * forms (documented: base64url; padding unconfirmed).
 */
export function signMerge(
  body: string | Buffer,
  key = MERGE_SIGNATURE_KEY,
  form: SignatureForm = 'base64url',
) {
  const mac = createHmac('sha256', Buffer.from(key, 'utf8')).update(body).digest();
  const padded = mac.toString('base64');
  switch (form) {
    case 'base64':
      return padded;
    case 'base64-unpadded':
      return padded.replace(/=+$/, '');
    case 'base64url':
      return mac.toString('base64url');
    case 'base64url-padded':
      return padded.replace(/\+/g, '-').replace(/\//g, '_');
  }
}

export const mergeFixture = (name: string) =>
  readFileSync(new URL(`../fixtures/merge/${name}`, import.meta.url), 'utf8');

/** Headers of a signed delivery (Merge's user agent is not documented: this one is invented). */
export const mergeHeaders = (body: string | Buffer, key = MERGE_SIGNATURE_KEY) => ({
  'Content-Type': 'application/json',
  'User-Agent': 'Merge-Webhooks',
  'X-Merge-Webhook-Signature': signMerge(body, key),
});
