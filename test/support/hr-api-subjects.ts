import type { IncomingHttpHeaders } from 'node:http';
import { parseConfig } from '../../lambda/config/load.js';
import type { HrisSecrets } from '../../lambda/config/secrets.js';
import { type Employee, EmployeeChange } from '../../lambda/core/employee-change.js';
import { hrApis } from '../../lambda/providers/hr-api.js';
import { parseMerge } from '../../lambda/providers/merge/parse.js';
import type { EmployeeSource, HrApi, ListEmployees } from '../../lambda/providers/provider.js';
import * as bamboohr from './fake-bamboohr.js';
import * as hibob from './fake-hibob.js';
import * as merge from './fake-merge.js';
import * as personio from './fake-personio.js';
import type { TransportFault } from './injected-faults.js';
import { type LogLine, recordingDeps } from './recording.js';

/**
 * Each HR API provider as data, for the contract suites every one of them runs (hr-api.enrich.test.ts,
 * hr-api.list.test.ts): its loopback fake, its invented people, and what its API is expected to see
 * and answer. What only one vendor does is tested in `<provider>.*.test.ts`, not here.
 */
export type ApiName = keyof HrisSecrets;

export const NOW = Date.parse('2026-02-06T10:00:00.000Z');
// An hour before NOW: HiBob's stale-read window (hibob.stale-read.test.ts) is long past.
const OCCURRED_AT = '2026-02-06T09:00:00.000Z';

export interface Fake {
  url: string;
  requests: { method: string; path: string; headers: IncomingHttpHeaders; authorized: boolean }[];
  close(): Promise<void>;
}

export interface HrApiSubject {
  provider: ApiName;
  /** This provider's entry of the HR-system secret, the one its fake accepts. */
  credentials: NonNullable<HrisSecrets[ApiName]>;
  /** Its fake with the invented people; `email` replaces the read employee's work email. */
  start(options?: { email?: string }): Promise<Fake>;
  /** Its fake with `count` invented employees, enough for several pages where the API pages. */
  crowd(count: number): Promise<Fake>;
  /** The employee read by id, and the Employee it must become. */
  employee: Employee;
  /** The message of the permanent `employee-not-found` for an id the HR system does not have. */
  notFound(id: string): string;
  /** A leaver the fake knows, read as terminated. */
  leaver: string;
  /** The path an employee read of `encoded` (an id already percent-encoded) is sent to. */
  readPath(encoded: string): string;
  /** Every log line of one employee read, in order: each call by method and path template. */
  readLog: LogLine[];
  /** The headers every API call carries for these credentials (Personio: its issued token). */
  sentCredentials(fake: Fake): Record<string, string>;
  /** Every employee the lister yields from `start()`, leavers included, with its status, in the API's order. */
  listed: [string, Employee['status']][];
  /**
   * What the lister says of each leaver of `start()` beyond its status: the termination date where the
   * listing carries one, and whether the HR system deleted the record.
   */
  leavers: Record<string, { terminationDate?: string; deleted?: true }>;
  /** The page sizes the lister yields for `crowd(count)`. */
  crowdPages(count: number): number[];
  /** The log lines the lister writes for `start()`'s list, by message. */
  listLog: { message: string; lines: Record<string, unknown>[] };
  /** Queues a fault on the list call. */
  injectOnList(fake: Fake, fault: TransportFault): void;
  /** The names and emails of `start()`'s people, none of which may be logged. */
  personal: RegExp;
}

const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

export const HR_API_SUBJECTS: HrApiSubject[] = [
  {
    provider: 'bamboohr',
    notFound: (id) => `BambooHR has no employee ${id} (404)`,
    credentials: bamboohr.BAMBOOHR_CREDENTIALS,
    start: ({ email } = {}) =>
      bamboohr.startFakeBambooHr({
        employees: bamboohr.EMPLOYEES.map((person) =>
          email !== undefined && person.id === '67890' ? { ...person, workEmail: email } : person,
        ),
      }),
    crowd: (count) =>
      bamboohr.startFakeBambooHr({
        employees: Array.from({ length: count }, (_, index) => ({
          ...bamboohr.BRYONY,
          id: String(1000 + index),
        })),
      }),
    employee: {
      id: '67890',
      workEmail: 'bryony.okafor@example.test',
      firstName: 'Bryony',
      lastName: 'Okafor',
      preferredName: 'Bry',
      jobTitle: 'Support Lead',
      department: 'Customer Success',
      status: 'active',
    },
    leaver: '67893',
    readPath: (encoded) => `/api/gateway.php/acme/v1/employees/${encoded}`,
    readLog: [call('bamboohr', 'GET', '/v1/employees/{id}')],
    // BambooHR: the API key as the Basic user name, any password (documentation.bamboohr.com, Authentication).
    sentCredentials: () => ({ authorization: basic(bamboohr.BAMBOOHR_CREDENTIALS.apiKey, 'x') }),
    // Former employees too (`onlyCurrent=false`).
    listed: [
      ['67890', 'active'],
      ['67891', 'active'],
      ['67893', 'terminated'],
    ],
    leavers: { '67893': { terminationDate: '2026-01-30' } },
    crowdPages: (count) => [count],
    listLog: { message: 'bamboohr employee report', lines: [{ employees: 3, skippedWithoutId: 0 }] },
    injectOnList: (fake, fault) => (fake as bamboohr.FakeBambooHr).inject(fault),
    personal: /example\.test|Bryony|Okafor|Tomasz|Lindqvist|test-api-key/,
  },
  {
    provider: 'hibob',
    notFound: (id) => `HiBob has no employee ${id} (404)`,
    credentials: hibob.SERVICE_USER,
    start: ({ email } = {}) =>
      hibob.startFakeHiBob({
        people: hibob.PEOPLE.map((person) =>
          email !== undefined && person.id === hibob.HAMILTON.id ? { ...person, email } : person,
        ),
      }),
    crowd: (count) =>
      hibob.startFakeHiBob({
        people: Array.from({ length: count }, (_, index) => ({
          ...hibob.HAMILTON,
          id: String(4000 + index),
          email: `person.${index}@example.test`,
        })),
      }),
    employee: {
      id: hibob.HAMILTON.id,
      workEmail: 'margaret.hamilton@example.test',
      firstName: 'Margaret',
      lastName: 'Hamilton',
      preferredName: 'Maggie',
      jobTitle: 'Flight Software Lead',
      department: 'Engineering',
      status: 'active',
    },
    leaver: '3332883884017713240',
    readPath: (encoded) => `/v1/people/${encoded}`,
    readLog: [
      call('hibob', 'POST', '/v1/people/{id}'),
      // The fake's record was last written days before the event: past the stale-read window, used as it is.
      {
        level: 'warn',
        message: 'hibob record older than its event, used as it is',
        attributes: { employeeId: hibob.HAMILTON.id, eventId: 'evt-hibob-1', behindMs: 431_999_750 },
      },
    ],
    // HiBob: the service user's id and token as HTTP Basic (apidocs.hibob.com, "API service users").
    sentCredentials: () => ({
      authorization: basic(hibob.SERVICE_USER.serviceUserId, hibob.SERVICE_USER.token),
    }),
    // Leavers included by default.
    listed: [
      [hibob.HAMILTON.id, 'active'],
      ['3332883884017713239', 'active'],
      ['3332883884017713240', 'terminated'],
    ],
    leavers: { '3332883884017713240': { terminationDate: '2026-01-15' } },
    crowdPages: (count) => [count],
    listLog: { message: 'hibob people search', lines: [{ employees: 3, skippedWithoutId: 0 }] },
    injectOnList: (fake, fault) => (fake as hibob.FakeHiBob).inject(fault),
    personal: /example\.test|Margaret|Hamilton|Maggie|Dorothy|Vaughan|test-token/,
  },
  {
    provider: 'merge',
    notFound: (id) => `Merge has no employee ${id} (404)`,
    credentials: merge.MERGE_CREDENTIALS,
    start: ({ email } = {}) =>
      merge.startFakeMerge({
        employees: merge.EMPLOYEES.map((person) =>
          email !== undefined && person.id === merge.JOHNSON.id ? { ...person, work_email: email } : person,
        ),
      }),
    crowd: (count) =>
      merge.startFakeMerge({
        employees: Array.from({ length: count }, (_, index) => ({
          ...merge.JOHNSON,
          id: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
          work_email: `person.${index}@example.test`,
        })),
      }),
    employee: {
      id: merge.JOHNSON.id,
      workEmail: 'katherine.johnson@example.test',
      firstName: 'Katherine',
      lastName: 'Johnson',
      preferredName: 'Kathy',
      jobTitle: 'Aerospace Technologist',
      department: 'Engineering',
      status: 'active',
    },
    leaver: '4d9a1e3f-6b5c-4a0d-9c8e-3f4a5b6c7d8e',
    readPath: (encoded) => `/api/hris/v1/employees/${encoded}`,
    readLog: [call('merge', 'GET', '/api/hris/v1/employees/{id}')],
    // Merge: the API key as a bearer token and the linked account's token (docs.merge.dev, Authentication).
    sentCredentials: () => ({
      authorization: `Bearer ${merge.MERGE_CREDENTIALS.apiKey}`,
      'x-account-token': merge.MERGE_CREDENTIALS.accountToken,
    }),
    // Deleted records too (`include_deleted_data=true`), read as terminated.
    listed: [
      [merge.JOHNSON.id, 'active'],
      ['3c8f0d2e-5a4b-4f9c-8b7d-2e3f4a5b6c7d', 'inactive'],
      ['4d9a1e3f-6b5c-4a0d-9c8e-3f4a5b6c7d8e', 'terminated'],
      ['5e0b2f4a-7c6d-4b1e-8d9f-4a5b6c7d8e9f', 'terminated'],
    ],
    leavers: {
      '4d9a1e3f-6b5c-4a0d-9c8e-3f4a5b6c7d8e': { terminationDate: '2026-01-16' },
      '5e0b2f4a-7c6d-4b1e-8d9f-4a5b6c7d8e9f': { deleted: true },
    },
    crowdPages: (count) => pages(count, 100),
    listLog: { message: 'merge employees page', lines: [{ page: 1, employees: 4, skippedWithoutId: 0 }] },
    injectOnList: (fake, fault) => (fake as merge.FakeMerge).inject(fault),
    personal: /example\.test|Katherine|Johnson|Kathy|Christine|Darden|Annie|Easley|Winston|test-merge/,
  },
  {
    provider: 'personio',
    notFound: (id) => `Personio has no person ${id} (404)`,
    credentials: personio.API_CREDENTIAL,
    start: ({ email } = {}) =>
      personio.startFakePersonio({
        people: personio.PEOPLE.map((person) =>
          email !== undefined && person.id === personio.HAMILTON.id ? { ...person, email } : person,
        ),
        orgUnits: personio.ORG_UNITS,
      }),
    crowd: (count) =>
      personio.startFakePersonio({
        people: Array.from({ length: count }, (_, index) => ({
          ...personio.HAMILTON,
          id: String(5000 + index),
          email: `person.${index}@example.test`,
        })),
        orgUnits: personio.ORG_UNITS,
      }),
    employee: {
      id: personio.HAMILTON.id,
      workEmail: 'margaret.hamilton@example.test',
      firstName: 'Margaret',
      lastName: 'Hamilton',
      preferredName: 'Maggie',
      jobTitle: 'Flight Software Lead',
      department: 'Engineering',
      status: 'active',
    },
    leaver: '4471904',
    readPath: (encoded) => `/v2/persons/${encoded}`,
    readLog: [
      call('personio', 'POST', '/v2/auth/token'),
      { level: 'info', message: 'personio token', attributes: { expiresInS: 86_400 } },
      call('personio', 'GET', '/v2/persons/{id}'),
      call('personio', 'GET', '/v2/persons/{id}/employments'),
      call('personio', 'GET', '/v2/org-units/{id}'),
    ],
    // Personio: a bearer token it issued for the client credentials (developer.personio.de, Authentication).
    sentCredentials: (fake) => ({ authorization: `Bearer ${(fake as personio.FakePersonio).tokens[0]}` }),
    listed: [
      [personio.HAMILTON.id, 'active'],
      ['4471903', 'active'],
      ['4471904', 'terminated'],
      ['4471905', 'active'],
    ],
    // A person's status says they left; the list of persons carries no termination date.
    leavers: { '4471904': {} },
    crowdPages: (count) => pages(count, 50),
    listLog: { message: 'personio persons page', lines: [{ page: 1, employees: 4, skippedWithoutId: 0 }] },
    injectOnList: (fake, fault) => (fake as personio.FakePersonio).inject(fault, { path: '/v2/persons' }),
    personal: /example\.test|Margaret|Hamilton|Maggie|Dorothy|Vaughan|papi-/,
  },
];

/** The log line of a call that answered 200 at once (the clock is fixed, so no latency). */
function call(provider: ApiName, method: string, path: string): LogLine {
  return {
    level: 'info',
    message: `${provider} call`,
    attributes: { method, path, attempt: 1, status: 200, latencyMs: 0 },
  };
}

/** The requests that carry the API credentials (all but Personio's token call). */
export const apiCalls = (fake: Fake) => fake.requests.filter((request) => request.path !== '/v2/auth/token');

/** Page sizes of `count` items `size` a page. */
function pages(count: number, size: number): number[] {
  return Array.from({ length: Math.ceil(count / size) }, (_, index) => Math.min(size, count - index * size));
}

/** The provider's settings as the config schema makes them, pointed at the fake. */
export function settingsFor(provider: ApiName, fake: Fake) {
  return parseConfig({ providers: { [provider]: { enabled: true, apiBaseUrl: fake.url } } }, 'test');
}

/** A thin change about employee `id`, as the receiver queues it for enrichment. */
export function thinChange(provider: ApiName, id: string): EmployeeChange {
  return EmployeeChange.parse({
    v: 1,
    provider,
    eventId: `evt-${provider}-1`,
    type: 'employee.updated',
    occurredAt: OCCURRED_AT,
    receivedAt: OCCURRED_AT,
    employee: { id },
    needsEnrichment: true,
  });
}

/** Merge's own thin change: an unexpanded delivery as its parser reads it. */
export function mergeUnexpanded(settings: unknown): EmployeeChange | undefined {
  const parsed = parseMerge({
    body: Buffer.from(merge.mergeFixture('employee-changed-unexpanded.json')),
    settings: settings as Parameters<typeof parseMerge>[0]['settings'],
    header: () => undefined,
    receivedAt: new Date(NOW).toISOString(),
  });
  return parsed.kind === 'changes' ? parsed.changes[0] : undefined;
}

type Harness<T> = { piece: T; logs: LogLine[]; sleeps: number[] };

/** The provider's HR API from lambda/providers/hr-api.ts, as the worker and the reconcile job reach it. */
function apiOf(subject: HrApiSubject): HrApi {
  if (!Object.hasOwn(hrApis, subject.provider))
    throw new Error(`${subject.provider} has no HR API in hr-api.ts`);
  return hrApis[subject.provider] as HrApi;
}

/** The provider's `source`, built as the worker builds it, with recorded logs. */
export function sourceFor(subject: HrApiSubject, fake: Fake): Harness<EmployeeSource> {
  const { logs, sleeps, deps } = recordingDeps();
  const settings = settingsFor(subject.provider, fake).providers[subject.provider];
  const piece = apiOf(subject).source(settings, subject.credentials, { ...deps, now: () => NOW });
  return { piece, logs, sleeps };
}

/** The provider's `lister`, built as the reconcile job builds it. */
export function listerFor(subject: HrApiSubject, fake: Fake): Harness<ListEmployees> {
  const { logs, sleeps, deps } = recordingDeps();
  const settings = settingsFor(subject.provider, fake).providers[subject.provider];
  const piece = apiOf(subject).lister(settings, subject.credentials, { ...deps, now: () => NOW });
  return { piece, logs, sleeps };
}
