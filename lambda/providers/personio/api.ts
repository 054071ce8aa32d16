import type { Employee, EmployeeChange } from '../../core/employee-change.js';
import { permanent, SyncError, transient } from '../../core/errors.js';
import { TtlCache } from '../../core/ttl-cache.js';
import { idText, isObject, fieldText as text } from '../../core/values.js';
import { type ApiCall, type ApiClientOptions, createApiCaller } from '../../net/api-caller.js';
import { readOnceForAll } from '../employee-reads.js';
import type { EmployeeSource, HrApi } from '../provider.js';
import { currentEmployment, departmentUnit, nextPath, recordsOf, toEmployee, traceIdOf } from './records.js';
import type { PersonioCredentials, PersonioSettings } from './settings.js';
import { createPersonioToken } from './token.js';

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
const AUTH_HINT =
  'check clientId and clientSecret in the HR-system secret (personio) and that the API credential may read persons, employments and org units';

const PERSON_PATH = '/v2/persons/{id}';
const EMPLOYMENTS_PATH = '/v2/persons/{id}/employments';
const ORG_UNIT_PATH = '/v2/org-units/{id}';
const PERSONS_PATH = '/v2/persons';

type Call = Omit<ApiCall, 'method'>;

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
  const { settings, credentials, log } = options;
  const now = options.now ?? Date.now;
  const orgUnitNames = new TtlCache<string, string>(settings.orgUnitCacheTtlSeconds * 1000, now);
  const service = { ...options, service: 'personio', label: 'Personio', baseUrl: settings.apiBaseUrl };
  const call = createApiCaller({
    ...service,
    auth: createPersonioToken({ ...service, credentials }),
    // Errors come as problem+json; only their trace id is kept, for Personio's support.
    requestIdOf: traceIdOf,
    hints: { auth: AUTH_HINT },
  });
  const get = (request: Call, deadline: number | undefined) => call({ method: 'GET', ...request }, deadline);

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

  async function fetchEmployee(
    change: EmployeeChange,
    { deadline }: { deadline: number },
  ): Promise<Employee> {
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
  }

  return {
    fetchEmployee,
    fetchEmployees: readOnceForAll(fetchEmployee),

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

/** Personio's HR API for the worker (`source`) and the reconcile job (`lister`), in lambda/providers/hr-api.ts. */
export const personioApi: HrApi<PersonioSettings, PersonioCredentials> = {
  source: (settings, credentials, deps) => createPersonioClient({ settings, credentials, ...deps }),
  // Title and department live on the employment (one more call per person): a listed Personio
  // employee carries names, email and status only, so reconcile compares names, never the role.
  lister: (settings, credentials, deps) => {
    const client = createPersonioClient({ settings, credentials, ...deps });
    return ({ deadline }) => client.listPersons(deadline === undefined ? {} : { deadline });
  },
};
