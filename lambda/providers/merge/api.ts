import type { DirectoryEmployee } from '../../core/access-review.js';
import type { Employee, EmployeeChange } from '../../core/employee-change.js';
import { transient } from '../../core/errors.js';
import { isObject } from '../../core/values.js';
import { type ApiCall, type ApiClientOptions, createApiCaller } from '../../net/api-caller.js';
import { readOnceForAll } from '../employee-reads.js';
import { readEmployeeRecord } from '../employee-record.js';
import type { EmployeeSource, HrApi } from '../provider.js';
import { type MergeEmployeeReading, readMergeEmployee } from './employee.js';
import type { MergeCredentials, MergeSettings } from './settings.js';
import { dateOf, utcDate } from './time.js';

/** Credentials: The organisation's production API key and the linked account's account token (Merge dashboard). */
export type MergeClientOptions = ApiClientOptions<MergeSettings, MergeCredentials>;

export interface ListEmployeesOptions {
  /** Employees per page, at most 100 (Merge's limit); default 100. */
  pageSize?: number;
  /** Only employees Merge changed after this ISO-8601 time (`modified_after`). */
  modifiedAfter?: string;
  /** Also employees deleted in the remote system (`include_deleted_data`), read as terminated. */
  includeDeleted?: boolean;
  deadline?: number;
}

export interface MergeClient extends EmployeeSource {
  /**
   * Every employee of the linked account, a page at a time (`GET /api/hris/v1/employees`, cursor
   * paging), employments and team expanded: for the reconcile job.
   */
  listEmployees(options?: ListEmployeesOptions): AsyncGenerator<DirectoryEmployee[], void, undefined>;
}

/** `page_size` is at most 100 (https://docs.merge.dev/basics/pagination/). */
export const MAX_PAGE_SIZE = 100;
/** Related models read with the employee, so the job title and the team's name come in one call. */
export const EXPAND = 'employments,team';

const EMPLOYEE_PATH = '/api/hris/v1/employees/{id}';
const EMPLOYEES_PATH = '/api/hris/v1/employees';
const AUTH_HINT =
  'check apiKey and accountToken in the HR-system secret (merge) and that the linked account may read employees';
// A cursor is opaque and small; a longer one is not from Merge.
const MAX_CURSOR_CHARS = 2_048;

/**
 * Merge's HRIS API (https://docs.merge.dev/hris: Employees, Authentication, Pagination, Rate
 * limits): `Authorization: Bearer <API key>` with `X-Account-Token: <linked account token>`, one employee
 * from `GET /api/hris/v1/employees/{id}`, all from `GET /api/hris/v1/employees` (`{next, previous,
 * results}`, `cursor`, `page_size` ≤ 100), both with `expand=employments,team`. About 100 requests a
 * minute per linked account; beyond that 429 with `Retry-After`.
 */
export function createMergeClient(options: MergeClientOptions): MergeClient {
  const { settings, credentials, log } = options;
  const now = options.now ?? Date.now;
  const headers = {
    authorization: `Bearer ${credentials.apiKey}`,
    'x-account-token': credentials.accountToken,
  };

  const call = createApiCaller({
    ...options,
    service: 'merge',
    label: 'Merge',
    baseUrl: settings.apiBaseUrl,
    headers,
    // A page of 100 expanded employees, with Merge's remote data, is well under this.
    maxBodyBytes: 8 * 1024 * 1024,
    hints: { auth: AUTH_HINT },
  });
  const get = (request: Omit<ApiCall, 'method'>, deadline?: number) =>
    call({ method: 'GET', ...request }, deadline);

  /** An Employee from one Merge record; a value that does not fit the schema is left out (and logged). */
  function toEmployee(record: Record<string, unknown>, id: string): Employee {
    const { employee, dropped }: MergeEmployeeReading = readMergeEmployee(record, id, utcDate(now()));
    if (dropped.length > 0) log.warn('merge employee values left out', { employeeId: id, fields: dropped });
    return employee;
  }

  /** With what only a listing needs: the termination date of a leaver, and whether the record is deleted. */
  function toDirectoryEmployee(record: Record<string, unknown>, id: string): DirectoryEmployee {
    const employee: DirectoryEmployee = toEmployee(record, id);
    // A rehire keeps the date they last left (employee.ts, statusOf): only a leaver's date is carried.
    const terminationDate = dateOf(record.termination_date);
    if (terminationDate && employee.status !== 'active') employee.terminationDate = terminationDate;
    if (record.remote_was_deleted === true) employee.deleted = true;
    return employee;
  }

  async function fetchEmployee(
    change: EmployeeChange,
    { deadline }: { deadline: number },
  ): Promise<Employee> {
    const id = change.employee.id;
    const json = await readEmployeeRecord(
      () =>
        get(
          {
            path: `${EMPLOYEES_PATH}/${encodeURIComponent(id)}?expand=${encodeURIComponent(EXPAND)}`,
            template: EMPLOYEE_PATH,
            subject: `employee ${id}`,
          },
          deadline,
        ),
      { service: 'merge', label: 'Merge', call: `GET ${EMPLOYEE_PATH}`, id },
    );
    // The id asked for is kept: it is the one the change (and the identity overrides) know.
    return toEmployee(json, id);
  }

  return {
    fetchEmployee,
    fetchEmployees: readOnceForAll(fetchEmployee),

    async *listEmployees({ pageSize = MAX_PAGE_SIZE, modifiedAfter, includeDeleted, deadline } = {}) {
      const size = Number.isFinite(pageSize)
        ? Math.max(1, Math.min(MAX_PAGE_SIZE, Math.floor(pageSize)))
        : MAX_PAGE_SIZE;
      const query = new URLSearchParams({ page_size: String(size), expand: EXPAND });
      if (modifiedAfter !== undefined) query.set('modified_after', modifiedAfter);
      if (includeDeleted) query.set('include_deleted_data', 'true');
      const seen = new Set<string>();
      let cursor: string | undefined;
      for (let page = 1; ; page++) {
        const pageQuery = new URLSearchParams(query);
        if (cursor !== undefined) pageQuery.set('cursor', cursor);
        const json = await get(
          { path: `${EMPLOYEES_PATH}?${pageQuery}`, template: EMPLOYEES_PATH, subject: 'the linked account' },
          deadline,
        );
        const results = isObject(json) && Array.isArray(json.results) ? json.results : undefined;
        if (!results) {
          throw transient(
            'merge-bad-response',
            `Merge GET ${EMPLOYEES_PATH} answered page ${page} without a results list`,
          );
        }
        const employees: DirectoryEmployee[] = [];
        let withoutId = 0;
        for (const record of results) {
          const id = isObject(record) && typeof record.id === 'string' ? record.id.trim() : '';
          if (!isObject(record) || id === '' || id.length > 128) withoutId += 1;
          else employees.push(toDirectoryEmployee(record, id));
        }
        log.info('merge employees page', { page, employees: employees.length, skippedWithoutId: withoutId });
        yield employees;
        cursor = nextCursor(isObject(json) ? json.next : undefined);
        if (cursor === undefined) return;
        if (seen.has(cursor)) {
          throw transient(
            'merge-bad-response',
            `Merge GET ${EMPLOYEES_PATH} answered page ${page} with a next cursor it gave before`,
          );
        }
        seen.add(cursor);
      }
    },
  };
}

/**
 * The cursor of the next page. Merge documents `next` as the opaque cursor itself; a full URL (as other
 * APIs give) is read for its `cursor` parameter, so that only the cursor is ever sent, and only to the
 * configured base URL with the credentials.
 */
function nextCursor(next: unknown): string | undefined {
  if (typeof next !== 'string') return undefined;
  const value = next.trim();
  if (value === '' || value.length > MAX_CURSOR_CHARS) return undefined;
  if (!/^https?:\/\//i.test(value)) return value;
  try {
    return new URL(value).searchParams.get('cursor') ?? undefined;
  } catch {
    return undefined;
  }
}

/** Merge's HR API for the worker (`source`) and the reconcile job (`lister`), in lambda/providers/hr-api.ts. */
export const mergeApi: HrApi<MergeSettings, MergeCredentials> = {
  source: (settings, credentials, deps) => createMergeClient({ settings, credentials, ...deps }),
  lister: (settings, credentials, deps) => {
    const client = createMergeClient({ settings, credentials, ...deps });
    // Deleted records too (`include_deleted_data`): a leaver whose record the HR system removed may
    // still hold a Heymarket seat, and the access review reports it.
    return ({ deadline }) =>
      client.listEmployees({ includeDeleted: true, ...(deadline === undefined ? {} : { deadline }) });
  },
};
