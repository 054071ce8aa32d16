import type { HrisSecrets } from '../../config/secrets.js';
import { Employee, type EmployeeChange } from '../../core/employee-change.js';
import { classify, permanent, SyncError, transient } from '../../core/errors.js';
import { TtlCache } from '../../core/ttl-cache.js';
import { type HttpAnswer, requestJson } from '../../net/http.js';
import { parseJsonText, refusal } from '../../net/refusal.js';
import { withRetry } from '../../net/retry.js';
import type { Log } from '../../observability/log.js';
import type { ApiClientOptions, EmployeeSource, SourceDeps } from '../provider.js';
import type { PersonioSettings } from './settings.js';

export type PersonioCredentials = NonNullable<HrisSecrets['personio']>;

/** Credentials: An API credential (Personio: Settings > Integrations > API credentials) with read access to persons. */
export type PersonioClientOptions = ApiClientOptions<PersonioSettings, PersonioCredentials>;

export interface PersonioClient extends EmployeeSource {
  /**
   * Every person, a page at a time (`GET /v2/persons`, cursor paging), for the reconcile job. A page's
   * employees carry what the person record holds (names, email, status); title and department live on
   * the employment and take `fetchEmployee`.
   */
  listPersons(options?: { limit?: number; deadline?: number }): AsyncGenerator<Employee[], void, undefined>;
}

/** `GET /v2/persons` answers at most 50 persons a page (https://developer.personio.de/reference/get_v2-persons). */
export const MAX_PAGE_SIZE = 50;
// A person has a handful of employments; more pages than this is a paging loop, not data.
const MAX_EMPLOYMENT_PAGES = 10;
// A token is dropped this long before Personio says it expires, so no call goes out with a dying one.
const TOKEN_MARGIN_MS = 60_000;
// When the token answer does not say how long it lives; a 401 fetches a new one anyway.
const DEFAULT_TOKEN_LIFETIME_MS = 15 * 60_000;

const TOKEN_PATH = '/v2/auth/token';
const PERSON_PATH = '/v2/persons/{id}';
const EMPLOYMENTS_PATH = '/v2/persons/{id}/employments';
const ORG_UNIT_PATH = '/v2/org-units/{id}';
const PERSONS_PATH = '/v2/persons';

/** The worker's registry entry (lambda/providers/sources.ts). */
export const personioSource = (
  settings: PersonioSettings,
  credentials: PersonioCredentials,
  deps: SourceDeps,
): EmployeeSource => createPersonioClient({ settings, credentials, ...deps });

interface Call {
  /** Path and query, escaped. */
  path: string;
  /** The path with placeholders, for logs and messages: no id in a metric dimension. */
  template: string;
  subject: string;
}

/**
 * Personio's v2 API (developer.personio.de, v2 reference: "Obtain Access Token", persons, employments):
 * a client-credentials token from `POST /v2/auth/token` (form body),
 * kept until shortly before it expires and fetched again once when a call is refused with 401; the
 * person from `GET /v2/persons/{id}`; title and department from the person's employment
 * (`GET /v2/persons/{id}/employments`, `position.title`, the department an org unit whose name comes
 * from `GET /v2/org-units/{id}`, kept for `orgUnitCacheTtlSeconds`). Errors come as problem+json; only
 * their trace id is kept, for Personio's support.
 */
export function createPersonioClient(options: PersonioClientOptions): PersonioClient {
  const { settings, credentials, log, connectTimeoutMs = 3_000, totalTimeoutMs = 10_000 } = options;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = options.random ?? Math.random;
  const baseUrl = settings.apiBaseUrl.replace(/\/+$/, '');
  const orgUnitNames = new TtlCache<string, string>(settings.orgUnitCacheTtlSeconds * 1000, now);

  let token: { value: string; expiresAt: number } | undefined;
  let pendingToken: Promise<string> | undefined;

  /**
   * The cached token, or a new one. `refused` is a token Personio just answered 401 to: it is dropped,
   * unless a concurrent call has replaced it already. Concurrent callers share one token request.
   */
  function accessToken(deadline: number | undefined, refused?: string): Promise<string> {
    if (token && token.value === refused) token = undefined;
    if (token && now() < token.expiresAt) return Promise.resolve(token.value);
    pendingToken ??= fetchToken(deadline).finally(() => {
      pendingToken = undefined;
    });
    return pendingToken;
  }

  async function fetchToken(deadline: number | undefined): Promise<string> {
    const answer = await send(
      { path: TOKEN_PATH, template: TOKEN_PATH, subject: 'the API credential' },
      'POST',
      { authorization: undefined },
      deadline,
      {
        grant_type: 'client_credentials',
        client_id: credentials.clientId,
        client_secret: credentials.clientSecret,
      },
    );
    const where = `Personio POST ${TOKEN_PATH} answered ${answer.status}`;
    if (answer.status < 200 || answer.status >= 300) {
      // An OAuth token endpoint says "wrong client" with 400 (invalid_client) as often as with 401.
      if (answer.status === 400 || answer.status === 401 || answer.status === 403) {
        throw authError(
          `${where}: check clientId and clientSecret in the HR-system secret (personio)`,
          answer,
        );
      }
      throw refusal('personio', where, answer, now(), { requestId: traceIdOf(answer) });
    }
    const json = answer.truncated ? undefined : parseJsonText(answer.text);
    const value = isObject(json) ? json.access_token : undefined;
    if (typeof value !== 'string' || value === '') {
      throw transient('personio-bad-response', `${where} without an access_token`, { status: answer.status });
    }
    const seconds = isObject(json) ? json.expires_in : undefined;
    const lifetimeMs =
      typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0
        ? seconds * 1000
        : DEFAULT_TOKEN_LIFETIME_MS;
    // A short-lived token keeps at least nine tenths of its life.
    token = { value, expiresAt: now() + lifetimeMs - Math.min(TOKEN_MARGIN_MS, lifetimeMs / 10) };
    log.info('personio token', { expiresInS: Math.round(lifetimeMs / 1000) });
    return value;
  }

  /** One exchange, logged by path template and status; the caller judges the status. */
  async function send(
    call: Call,
    method: 'GET' | 'POST',
    auth: { authorization: string | undefined },
    deadline: number | undefined,
    form?: Record<string, string>,
  ): Promise<HttpAnswer> {
    const startedAt = now();
    const budget = deadline === undefined ? totalTimeoutMs : Math.min(totalTimeoutMs, deadline - startedAt);
    if (budget <= 0) {
      throw transient(
        'deadline',
        `no time left before the deadline to call Personio ${method} ${call.template}`,
      );
    }
    const attributes = { method, path: call.template };
    try {
      const answer = await requestJson({
        service: 'personio',
        method,
        url: `${baseUrl}${call.path}`,
        headers: auth.authorization ? { authorization: auth.authorization } : {},
        ...(form ? { form } : {}),
        connectTimeoutMs: Math.min(connectTimeoutMs, budget),
        totalTimeoutMs: budget,
      });
      const outcome = { ...attributes, status: answer.status, latencyMs: now() - startedAt };
      if (answer.status >= 200 && answer.status < 300) log.info('personio call', outcome);
      else log.warn('personio call refused', { ...outcome, traceId: traceIdOf(answer) });
      return answer;
    } catch (error) {
      const failure = classify(error);
      log.warn('personio call failed', { ...attributes, code: failure.code, latencyMs: now() - startedAt });
      throw failure;
    }
  }

  /**
   * A GET with the bearer token, retried on what may pass by itself. A 401 is answered once, within
   * the same attempt, with a new token (the cached one may have been revoked or rotated); a second 401
   * means the credential itself is refused.
   */
  function get(call: Call, deadline: number | undefined): Promise<unknown> {
    return withRetry(
      async () => {
        let bearer = await accessToken(deadline);
        let answer = await send(call, 'GET', { authorization: `Bearer ${bearer}` }, deadline);
        if (answer.status === 401) {
          bearer = await accessToken(deadline, bearer);
          answer = await send(call, 'GET', { authorization: `Bearer ${bearer}` }, deadline);
        }
        const where = `Personio GET ${call.template} answered ${answer.status} for ${call.subject}`;
        if (answer.status >= 200 && answer.status < 300) {
          const json = answer.truncated ? undefined : parseJsonText(answer.text);
          if (json === undefined) {
            throw transient('personio-bad-response', `${where} with a body that is not JSON`, {
              status: answer.status,
            });
          }
          return json;
        }
        if (answer.status === 401 || answer.status === 403) {
          throw authError(
            `${where}: check clientId and clientSecret in the HR-system secret (personio) and that the API credential may read persons, employments and org units`,
            answer,
          );
        }
        throw refusal('personio', where, answer, now(), { requestId: traceIdOf(answer) });
      },
      { now, sleep, random },
      {
        deadline,
        policy: options.retry,
        onRetry: (error, attempt, delayMs) =>
          log.warn('personio retry', {
            path: call.template,
            code: error.code,
            status: error.details.status,
            attempt,
            delayMs,
          }),
      },
    );
  }

  /** Every record of a cursor-paged list, page by page, following `_meta.links.next.href`. */
  async function* pages(first: Call, deadline: number | undefined, maxPages = Number.POSITIVE_INFINITY) {
    let call: Call | undefined = first;
    for (let page = 1; call && page <= maxPages; page++) {
      const json = await get(call, deadline);
      const records = recordsOf(json);
      if (!records) {
        throw transient(
          'personio-bad-response',
          `Personio GET ${first.template} answered a page without _data`,
        );
      }
      yield records;
      const next = nextPath(json);
      call = next ? { ...first, path: next } : undefined;
    }
  }

  async function readPerson(id: string, deadline: number): Promise<Record<string, unknown>> {
    const json = await get(
      { path: `/v2/persons/${encodeURIComponent(id)}`, template: PERSON_PATH, subject: `person ${id}` },
      deadline,
    );
    const record = isObject(json) && isObject(json._data) ? json._data : json;
    if (!isObject(record)) {
      throw transient(
        'personio-bad-response',
        `Personio GET ${PERSON_PATH} answered for person ${id} with no person`,
      );
    }
    return record;
  }

  async function readEmployments(id: string, deadline: number): Promise<Record<string, unknown>[]> {
    const call = {
      path: `/v2/persons/${encodeURIComponent(id)}/employments`,
      template: EMPLOYMENTS_PATH,
      subject: `person ${id}`,
    };
    const employments: Record<string, unknown>[] = [];
    for await (const records of pages(call, deadline, MAX_EMPLOYMENT_PAGES)) {
      employments.push(...records.filter(isObject));
    }
    return employments;
  }

  /** The department's name: carried by the employment, else read from its org unit (cached). */
  async function departmentOf(
    employment: Record<string, unknown> | undefined,
    personId: string,
    deadline: number,
  ): Promise<string | undefined> {
    const unit = employment ? departmentUnit(employment) : undefined;
    if (!unit) return undefined;
    const carried = text(unit.name);
    if (carried) return carried;
    const id = idText(unit.id);
    if (!id) return undefined;
    const cached = orgUnitNames.get(id);
    if (cached !== undefined) return cached;
    let json: unknown;
    try {
      json = await get(
        {
          path: `/v2/org-units/${encodeURIComponent(id)}`,
          template: ORG_UNIT_PATH,
          subject: `org unit ${id}`,
        },
        deadline,
      );
    } catch (error) {
      if (!(error instanceof SyncError) || error.details.status !== 404) throw error;
      // The employment names a department Personio no longer has: the person is still worth syncing.
      log.warn('personio department not found', { personId, orgUnitId: id });
      return undefined;
    }
    const record = isObject(json) && isObject(json._data) ? json._data : json;
    const name = isObject(record) ? text(record.name) : undefined;
    if (name) orgUnitNames.set(id, name);
    return name;
  }

  return {
    async fetchEmployee(change: EmployeeChange, { deadline }: { deadline: number }): Promise<Employee> {
      const id = change.employee.id;
      let person: Record<string, unknown>;
      let employments: Record<string, unknown>[];
      try {
        // One after the other: a person who is gone costs one call, and the burst on Personio stays small.
        person = await readPerson(id, deadline);
        employments = await readEmployments(id, deadline);
      } catch (error) {
        if (error instanceof SyncError && error.details.status === 404) {
          throw permanent('employee-not-found', `Personio has no person ${id} (404)`, { status: 404 });
        }
        throw error;
      }
      const employment = currentEmployment(employments);
      const department = await departmentOf(employment, id, deadline);
      return toEmployee(id, person, employment, department, log);
    },

    async *listPersons({ limit = MAX_PAGE_SIZE, deadline } = {}) {
      const size = Number.isFinite(limit)
        ? Math.max(1, Math.min(MAX_PAGE_SIZE, Math.floor(limit)))
        : MAX_PAGE_SIZE;
      const call = { path: `${PERSONS_PATH}?limit=${size}`, template: PERSONS_PATH, subject: 'the company' };
      let page = 0;
      for await (const records of pages(call, deadline)) {
        page += 1;
        const employees: Employee[] = [];
        let withoutId = 0;
        for (const record of records) {
          const personId = isObject(record) ? idText(record.id) : undefined;
          if (!isObject(record) || !personId) withoutId += 1;
          else employees.push(toEmployee(personId, record, undefined, undefined, log));
        }
        log.info('personio persons page', { page, employees: employees.length, skippedWithoutId: withoutId });
        yield employees;
      }
    },
  };
}

/** 401/403: the credential is wrong or lacks a scope. Permanent, so an operator sees it in the DLQ. */
function authError(message: string, answer: HttpAnswer): SyncError {
  const requestId = traceIdOf(answer);
  return permanent('personio-auth', message, { status: answer.status, ...(requestId ? { requestId } : {}) });
}

/** The trace id of a problem+json answer (`personio_trace_id`, or `trace_id` in older samples). */
function traceIdOf(answer: HttpAnswer): string | undefined {
  const json = answer.truncated ? undefined : parseJsonText(answer.text);
  if (!isObject(json)) return undefined;
  return idText(json.personio_trace_id) ?? idText(json.trace_id);
}

/** A list answer's records: `_data` in v2, `data` or a bare array taken too. */
function recordsOf(json: unknown): unknown[] | undefined {
  if (Array.isArray(json)) return json;
  if (!isObject(json)) return undefined;
  if (Array.isArray(json._data)) return json._data;
  if (Array.isArray(json.data)) return json.data;
  return undefined;
}

/**
 * The next page's path and query from `_meta.links.next.href`. Only the path and query are kept and
 * sent to the configured base URL: a link to another host never receives the bearer token.
 */
function nextPath(json: unknown): string | undefined {
  const meta = isObject(json) && isObject(json._meta) ? json._meta : undefined;
  const links = meta && isObject(meta.links) ? meta.links : undefined;
  const next = links && isObject(links.next) ? links.next.href : undefined;
  if (typeof next !== 'string' || next === '') return undefined;
  try {
    const url = new URL(next, 'https://api.personio.de');
    return `${url.pathname}${url.search}`;
  } catch {
    return undefined;
  }
}

/**
 * The employment that describes the person now: an active one first (then on leave, onboarding,
 * inactive), the latest start date among equals. Status values are Personio's (upper or lower case).
 */
function currentEmployment(employments: Record<string, unknown>[]): Record<string, unknown> | undefined {
  const rank = (employment: Record<string, unknown>) => {
    const order = ['active', 'leave', 'onboarding', 'inactive'];
    const index = order.indexOf(text(employment.status)?.toLowerCase() ?? '');
    return index === -1 ? order.length : index;
  };
  const start = (employment: Record<string, unknown>) => text(employment.start_date) ?? '';
  return [...employments].sort((a, b) => rank(a) - rank(b) || start(b).localeCompare(start(a)))[0];
}

/**
 * The department among the employment's org units (`org_units: [{id, type}]`, type `department` or
 * `team`); a `department` object or id on the employment is taken too.
 */
function departmentUnit(employment: Record<string, unknown>): Record<string, unknown> | undefined {
  const units = Array.isArray(employment.org_units) ? employment.org_units.filter(isObject) : [];
  const unit = units.find((candidate) => text(candidate.type)?.toLowerCase() === 'department');
  if (unit) return unit;
  const { department } = employment;
  if (isObject(department)) return department;
  const id = idText(department);
  return id ? { id } : undefined;
}

/**
 * Personio statuses (unconfirmed for v2, taken from the v1 values): `active` and `onboarding` are at
 * work or about to be, `leave` is away for a while, `inactive` has left the company.
 */
function statusOf(value: string | undefined): Employee['status'] {
  switch (value?.toLowerCase()) {
    case 'active':
    case 'onboarding':
      return 'active';
    case 'leave':
      return 'inactive';
    case 'inactive':
    case 'terminated':
      return 'terminated';
    default:
      return undefined;
  }
}

/** An Employee from a person (and its current employment); a value that does not fit is left out (and logged). */
function toEmployee(
  id: string,
  person: Record<string, unknown>,
  employment: Record<string, unknown> | undefined,
  department: string | undefined,
  log: Log,
): Employee {
  const position = employment && isObject(employment.position) ? employment.position : undefined;
  const candidate: Record<string, unknown> = {
    workEmail: text(person.email),
    firstName: text(person.first_name),
    lastName: text(person.last_name),
    preferredName: text(person.preferred_name),
    jobTitle: position ? text(position.title) : undefined,
    department,
    status: statusOf(text(employment?.status) ?? text(person.status)),
  };
  const employee: Employee = { id };
  const dropped: string[] = [];
  for (const [key, value] of Object.entries(candidate)) {
    if (value === undefined) continue;
    const schema = Employee.shape[key as keyof typeof Employee.shape];
    const parsed = schema.safeParse(value, { reportInput: false });
    if (parsed.success) Object.assign(employee, { [key]: parsed.data });
    else dropped.push(key);
  }
  if (dropped.length > 0) log.warn('personio employee values left out', { employeeId: id, fields: dropped });
  return employee;
}

/** Text of a plain value or of a `{"value": ...}` wrapper; blank is none. */
function text(value: unknown): string | undefined {
  const plain = isObject(value) && 'value' in value ? value.value : value;
  if (typeof plain === 'number') return String(plain);
  if (typeof plain !== 'string') return undefined;
  const trimmed = plain.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** An id as text: visible ASCII up to 128 characters, or a safe integer. */
function idText(value: unknown): string | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? String(value) : undefined;
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return /^[\x21-\x7e]{1,128}$/.test(trimmed) ? trimmed : undefined;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
