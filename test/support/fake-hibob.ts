import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { createHiBobClient } from '../../lambda/providers/hibob/api.js';
import type { HiBobCredentials } from '../../lambda/providers/hibob/settings.js';
import { HiBobSettings } from '../../lambda/providers/hibob/settings.js';
import { startFakeServer } from './fake-server.js';
import type { TransportFault } from './injected-faults.js';
import { clientOnFake } from './recording.js';

/**
 * A loopback HiBob people API as apidocs.hibob.com ("People read API contract",
 * "Fields and lists metadata") describe it: `POST /v1/people/{id or email}` and `POST /v1/people/search`,
 * HTTP Basic with a service user id and token, fields chosen by id, fields it does not know silently
 * left out, list fields (title, department) answered as list-item ids unless `humanReadable` is asked
 * for, and the answer in either of HiBob's forms (nested or slash keys with `{"value": ...}`). Tests
 * inject faults and read what it received.
 */
export interface FakePerson {
  id: string;
  email: string;
  firstName: string;
  surname: string;
  /** Default "firstName surname", as Bob computes it. */
  displayName?: string;
  title?: { id: string; name: string };
  department?: { id: string; name: string };
  /** `internal.lifecycleStatus`, machine form (`employed`, `terminated`, ...). Default `employed`. */
  lifecycleStatus?: string;
  /** `internal.terminationDate` (`YYYY-MM-DD`), for a leaver. */
  terminationDate?: string;
  /** HiBob time (ISO without offset, UTC) of the last write; answered under `modificationField`. */
  modifiedAt?: string;
}

export type Fault = TransportFault;

export interface RecordedRequest {
  method: string;
  path: string;
  body: unknown;
  headers: IncomingHttpHeaders;
  /** Whether the Basic credentials were the service user's; checked even when a fault answers. */
  authorized: boolean;
  status?: number;
  fault?: Fault['kind'];
}

export interface FakeHiBobOptions {
  people?: FakePerson[];
  credentials?: HiBobCredentials;
  /** `nested` (`work.title`), `slash` (`/work/title: {value}`) or `both`, as the docs' example shows. */
  shape?: 'nested' | 'slash' | 'both';
  /** The field id the fake answers the modification time under; default `root.modificationDate`. */
  modificationField?: string;
  /** Fields the service user may not see: left out of every answer without a word, as HiBob does. */
  withheld?: string[];
  /**
   * Read-after-write lag: a change made with `write` is answered only `lagMs` after it was made (by
   * `clock`); until then reads answer the record as it was before. Default 0, clock `Date.now`.
   */
  lagMs?: number;
  clock?: () => number;
}

export interface FakeHiBob {
  url: string;
  people: Map<string, FakePerson>;
  requests: RecordedRequest[];
  inject(fault: Fault, times?: number): void;
  /** An HR admin's edit: seen by reads only once `lagMs` has passed on `clock`. */
  write(id: string, edit: Partial<FakePerson>): void;
  close(): Promise<void>;
}

export const SERVICE_USER: HiBobCredentials = {
  serviceUserId: 'SERVICE-USER-0001',
  token: 'test-token-0001',
};

export async function startFakeHiBob(options: FakeHiBobOptions = {}): Promise<FakeHiBob> {
  const credentials = options.credentials ?? SERVICE_USER;
  const expectedAuth = `Basic ${Buffer.from(`${credentials.serviceUserId}:${credentials.token}`).toString('base64')}`;
  const shape = options.shape ?? 'nested';
  const modificationField = options.modificationField ?? 'root.modificationDate';
  const withheld = new Set(options.withheld ?? []);
  // Copies: a test that edits a person must not change the shared PEOPLE of the next test.
  const people = new Map((options.people ?? []).map((person) => [person.id, structuredClone(person)]));
  const lagMs = options.lagMs ?? 0;
  const clock = options.clock ?? Date.now;
  // Per person, the edits not yet visible: when each was made and the record as it was before it.
  const pending = new Map<string, { at: number; before: FakePerson }[]>();
  /** The record a read sees: as it was before the oldest edit still inside the lag. */
  const visible = (person: FakePerson): FakePerson =>
    pending.get(person.id)?.find((edit) => clock() < edit.at + lagMs)?.before ?? person;

  /** Machine and human value of each field the fake knows, by field id. */
  const valuesOf = (person: FakePerson): Record<string, { machine: unknown; human: unknown }> => {
    const same = (value: unknown) => ({ machine: value, human: value });
    const lifecycle = person.lifecycleStatus ?? 'employed';
    const values: Record<string, { machine: unknown; human: unknown }> = {
      'root.id': same(person.id),
      'root.email': same(person.email),
      'root.firstName': same(person.firstName),
      'root.surname': same(person.surname),
      'root.displayName': same(person.displayName ?? `${person.firstName} ${person.surname}`),
      'internal.lifecycleStatus': {
        machine: lifecycle,
        human: lifecycle[0]?.toUpperCase() + lifecycle.slice(1),
      },
      'internal.status': same(lifecycle === 'terminated' ? 'Inactive' : 'Active'),
    };
    if (person.title) values['work.title'] = { machine: person.title.id, human: person.title.name };
    if (person.department) {
      values['work.department'] = { machine: person.department.id, human: person.department.name };
    }
    if (person.modifiedAt) values[modificationField] = same(person.modifiedAt);
    if (person.terminationDate) values['internal.terminationDate'] = same(person.terminationDate);
    return values;
  };

  const render = (person: FakePerson, fields: string[], humanReadable: unknown) => {
    const values = valuesOf(person);
    const out: Record<string, unknown> = {};
    const humanNode: Record<string, unknown> = {};
    for (const field of fields) {
      const value = withheld.has(field) ? undefined : values[field];
      if (!value) continue; // unknown or not permitted: silently left out, as HiBob does
      const shown = humanReadable === 'REPLACE' ? value.human : value.machine;
      const segments = field.split('.');
      const nested = segments[0] === 'root' ? segments.slice(1) : segments;
      if (shape !== 'slash') setPath(out, nested, shown);
      if (shape !== 'nested') out[`/${segments.join('/')}`] = { value: shown };
      if (humanReadable === 'APPEND') setPath(humanNode, nested, value.human);
    }
    if (humanReadable === 'APPEND') out.humanReadable = humanNode;
    return out;
  };

  const fieldsOf = (body: unknown): string[] => {
    const fields = (body as { fields?: unknown } | undefined)?.fields;
    return Array.isArray(fields) && fields.every((field) => typeof field === 'string')
      ? fields
      : ['root.id', 'root.email', 'root.firstName', 'root.surname', 'root.displayName'];
  };

  const route = (path: string, body: unknown): [number, unknown] => {
    const humanReadable = (body as { humanReadable?: unknown } | undefined)?.humanReadable;
    if (path === '/v1/people/search') {
      const showInactive = (body as { showInactive?: unknown } | undefined)?.showInactive === true;
      const employees = [...people.values()]
        .filter((person) => showInactive || (person.lifecycleStatus ?? 'employed') !== 'terminated')
        .map((person) => render(visible(person), fieldsOf(body), humanReadable));
      return [200, { employees }];
    }
    const match = /^\/v1\/people\/([^/]+)$/.exec(path);
    if (match?.[1]) {
      const identifier = decodeURIComponent(match[1]);
      const person =
        people.get(identifier) ??
        [...people.values()].find((candidate) => candidate.email.toLowerCase() === identifier.toLowerCase());
      if (!person) return [404, { error: 'Employee not found' }];
      return [200, render(visible(person), fieldsOf(body), humanReadable)];
    }
    return [404, { error: 'Not found' }];
  };

  const server = await startFakeServer<RecordedRequest, Fault>({
    record: ({ req, url, json }) => ({
      method: req.method ?? 'GET',
      path: url.pathname,
      body: json,
      headers: req.headers,
      authorized: req.headers.authorization === expectedAuth,
    }),
    faultBody: (status) => ({ error: `injected ${status}` }),
    respond({ incoming, record, answer }) {
      if (!record.authorized) return answer(401, { error: 'Unauthorized' });
      if (record.method !== 'POST') return answer(405, { error: 'Method not allowed' });
      if (incoming.raw !== '' && record.body === undefined) return answer(400, { error: 'Bad request' });
      const [status, payload] = route(record.path, record.body);
      return answer(status, payload);
    },
  });

  return {
    url: server.url,
    people,
    requests: server.requests,
    inject: (fault, times = 1) => server.inject(fault, times),
    write(id, edit) {
      const person = people.get(id);
      if (!person) throw new Error(`fake HiBob has no employee ${id}`);
      pending.set(id, [...(pending.get(id) ?? []), { at: clock(), before: structuredClone(person) }]);
      Object.assign(person, edit);
    },
    close: server.close,
  };
}

/** A real client pointed at the fake (test/support/recording.ts says what it records). */
export const hibobClientFor = clientOnFake(createHiBobClient, HiBobSettings, SERVICE_USER);

/** Invented people; every address is under the reserved example.test domain. */
export const HAMILTON: FakePerson = {
  id: '3332883884017713238',
  email: 'margaret.hamilton@example.test',
  firstName: 'Margaret',
  surname: 'Hamilton',
  displayName: 'Maggie Hamilton',
  title: { id: '209192170', name: 'Flight Software Lead' },
  department: { id: '209192163', name: 'Engineering' },
  modifiedAt: '2026-02-01T09:00:00.250000',
};

export const PEOPLE: FakePerson[] = [
  HAMILTON,
  {
    id: '3332883884017713239',
    email: 'dorothy.vaughan@example.test',
    firstName: 'Dorothy',
    surname: 'Vaughan',
    title: { id: '209192171', name: 'Programmer' },
    department: { id: '209192164', name: 'Analysis' },
    modifiedAt: '2026-02-01T08:00:00.000000',
  },
  {
    id: '3332883884017713240',
    email: 'mary.jackson@example.test',
    firstName: 'Mary',
    surname: 'Jackson',
    lifecycleStatus: 'terminated',
    terminationDate: '2026-01-15',
    modifiedAt: '2026-01-15T17:00:00.000000',
  },
];

// --- The sending side: webhook deliveries as HiBob signs them ----------------------------------------

/** Invented webhook secret, as Bob's webhook settings show one. */
export const HIBOB_SECRET = 'hibob-test-webhook-secret-0001';

/**
 * `Bob-Signature` computed here with node:crypto, independently of the code under test: base64 of
 * HMAC-SHA512 keyed with the secret's UTF-8 bytes, over the raw body (apidocs.hibob.com, "Working with
 * webhooks", step 3).
 */
export function signHiBob(body: string | Buffer, secret = HIBOB_SECRET): string {
  return createHmac('sha512', Buffer.from(secret, 'utf8')).update(body).digest('base64');
}

export const hibobFixture = (name: string) =>
  readFileSync(new URL(`../fixtures/hibob/${name}`, import.meta.url), 'utf8');

/** Headers of a signed delivery (HiBob's user agent is not documented: this one is invented). */
export const hibobHeaders = (body: string | Buffer, secret = HIBOB_SECRET) => ({
  'Content-Type': 'application/json',
  'User-Agent': 'Bob-Webhooks',
  'Bob-Signature': signHiBob(body, secret),
});

function setPath(target: Record<string, unknown>, path: string[], value: unknown) {
  let current = target;
  for (const key of path.slice(0, -1)) {
    const next = current[key];
    if (typeof next !== 'object' || next === null) current[key] = {};
    current = current[key] as Record<string, unknown>;
  }
  const last = path.at(-1);
  if (last !== undefined) current[last] = value;
}
