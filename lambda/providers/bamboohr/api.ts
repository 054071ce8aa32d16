import type { DirectoryEmployee } from '../../core/access-review.js';
import type { Employee, EmployeeChange } from '../../core/employee-change.js';
import { transient } from '../../core/errors.js';
import { isObject, scalarText as text } from '../../core/values.js';
import { type ApiClientOptions, createApiCaller } from '../../net/api-caller.js';
import type { Log } from '../../observability/log.js';
import { loggedEmployee } from '../employee-fields.js';
import { readOnceForAll } from '../employee-reads.js';
import { readEmployeeRecord } from '../employee-record.js';
import type { EmployeeSource, HrApi } from '../provider.js';
import type { BambooHrCredentials, BambooHrSettings } from './settings.js';

const AUTH_HINT =
  "check subdomain and apiKey in the HR-system secret (bamboohr) and that the API key's user may read the employee fields";
const BAD_REQUEST_HINT = 'BambooHR refused the request; check providers.bamboohr.apiBaseUrl';

import { employeeStatus, utcDay } from './status.js';
import { bambooDate } from './time.js';

/** Credentials: The company's subdomain (`acme` in acme.bamboohr.com) and an API key whose user may read the fields. */
export type BambooHrClientOptions = ApiClientOptions<BambooHrSettings, BambooHrCredentials>;

export interface BambooHrClient extends EmployeeSource {
  /**
   * Every employee from one custom report (`POST .../v1/reports/custom?format=JSON`), for the reconcile
   * job: `GET /v1/employees` would need OAuth (documentation.bamboohr.com, API reference), the report
   * takes the API key (https://documentation.bamboohr.com/reference/request-custom-report). `onlyCurrent`
   * is passed as given (BambooHR's default is true, current employees only; `false` adds former
   * employees, whose `status`, employment status and `terminationDate` say they left).
   */
  listEmployees(options?: { onlyCurrent?: boolean; deadline?: number }): Promise<DirectoryEmployee[]>;
}

/** The fields asked for, by API name; `division` and `location` are read for role rules to come. */
export const API_FIELDS = [
  'firstName',
  'lastName',
  'preferredName',
  'workEmail',
  'jobTitle',
  'department',
  'division',
  'location',
  'status',
  'employmentHistoryStatus',
  'terminationDate',
] as const;

const EMPLOYEE_PATH = '/v1/employees/{id}';
const REPORT_PATH = '/v1/reports/custom';

/**
 * BambooHR's API (https://documentation.bamboohr.com/reference/get-employee):
 * `GET {apiBaseUrl}/api/gateway.php/{subdomain}/v1/employees/{id}?fields=...`
 * with HTTP Basic, the API key as user name and any password, and `Accept: application/json` (without it
 * BambooHR answers XML). Values come as strings or null; an empty date is `0000-00-00`. Throttling is
 * 429 with `Retry-After` (503 before September 2026): both are retried, as are 5xx and timeouts.
 */
export function createBambooHrClient(options: BambooHrClientOptions): BambooHrClient {
  const { settings, credentials, log } = options;
  const now = options.now ?? Date.now;
  // The password is ignored by BambooHR; 'x' is what its docs use.
  const authorization = `Basic ${Buffer.from(`${credentials.apiKey}:x`).toString('base64')}`;
  const call = createApiCaller({
    ...options,
    service: 'bamboohr',
    label: 'BambooHR',
    baseUrl: `${settings.apiBaseUrl.replace(/\/+$/, '')}/api/gateway.php/${encodeURIComponent(subdomainOf(credentials.subdomain))}`,
    // Without JSON asked for, BambooHR answers XML; XML that comes back anyway (a proxy lost the header)
    // is not JSON, so the caller retries it as transient `bamboohr-bad-response`.
    headers: { authorization, accept: 'application/json' },
    // A custom report answers the whole company at once.
    maxBodyBytes: 32 * 1024 * 1024,
    hints: { auth: AUTH_HINT, badRequest: BAD_REQUEST_HINT },
  });

  async function fetchEmployee(
    change: EmployeeChange,
    { deadline }: { deadline: number },
  ): Promise<Employee> {
    const id = change.employee.id;
    const record = await readEmployeeRecord(
      () =>
        call(
          {
            method: 'GET',
            path: `/v1/employees/${encodeURIComponent(id)}?fields=${API_FIELDS.join(',')}`,
            template: EMPLOYEE_PATH,
            subject: `employee ${id}`,
          },
          deadline,
        ),
      { service: 'bamboohr', label: 'BambooHR', call: `GET ${EMPLOYEE_PATH}`, id },
    );
    return toEmployee(record, id, utcDay(now()), log);
  }

  return {
    fetchEmployee,
    fetchEmployees: readOnceForAll(fetchEmployee),

    async listEmployees({ onlyCurrent = true, deadline } = {}) {
      const json = await call(
        {
          method: 'POST',
          path: `${REPORT_PATH}?format=JSON&onlyCurrent=${onlyCurrent}`,
          template: REPORT_PATH,
          subject: 'the company',
          body: { title: 'heymarket-hr-sync', fields: ['id', ...API_FIELDS] },
        },
        deadline,
      );
      const records = isObject(json) && Array.isArray(json.employees) ? json.employees : undefined;
      if (!records) {
        throw transient(
          'bamboohr-bad-response',
          `BambooHR POST ${REPORT_PATH} answered with a body that has no employees list`,
        );
      }
      const today = utcDay(now());
      const employees: DirectoryEmployee[] = [];
      let withoutId = 0;
      for (const record of records) {
        const id = isObject(record) ? text(record.id) : undefined;
        if (!isObject(record) || !id || id.length > 128) {
          withoutId += 1;
          continue;
        }
        const employee = toEmployee(record, id, today, log);
        // A rehired employee keeps the date they last left (status.ts): only a leaver's, or a planned, date counts.
        const left = bambooDate(text(record.terminationDate));
        const terminationDate = left && (employee.status !== 'active' || left > today) ? left : undefined;
        employees.push(terminationDate ? { ...employee, terminationDate } : employee);
      }
      log.info('bamboohr employee report', { employees: employees.length, skippedWithoutId: withoutId });
      return employees;
    },
  };
}

/** An Employee from one BambooHR record; a value that does not fit the schema is left out (and logged). */
function toEmployee(record: Record<string, unknown>, id: string, today: string, log: Log): Employee {
  return loggedEmployee(
    'bamboohr',
    id,
    {
      workEmail: text(record.workEmail),
      firstName: text(record.firstName),
      lastName: text(record.lastName),
      preferredName: text(record.preferredName),
      jobTitle: text(record.jobTitle),
      department: text(record.department),
      status: employeeStatus(
        {
          status: text(record.status),
          employmentStatus: text(record.employmentHistoryStatus),
          terminationDate: text(record.terminationDate),
        },
        today,
      ),
    },
    log,
  );
}

/**
 * `acme` from what an operator may paste as the subdomain: `acme`, `acme.bamboohr.com` or the whole
 * `https://acme.bamboohr.com/...` address.
 */
export function subdomainOf(value: string): string {
  const host = value
    .trim()
    .replace(/^https?:\/\//i, '')
    .replace(/[/?#].*$/, '');
  return host.replace(/\.bamboohr\.com$/i, '');
}

/** BambooHR's HR API for the worker (`source`) and the reconcile job (`lister`), in lambda/providers/hr-api.ts. */
export const bamboohrApi: HrApi<BambooHrSettings, BambooHrCredentials> = {
  source: (settings, credentials, deps) => createBambooHrClient({ settings, credentials, ...deps }),
  lister: (settings, credentials, deps) => {
    const client = createBambooHrClient({ settings, credentials, ...deps });
    // Former employees too: the access review reports those who still hold a Heymarket seat.
    return async function* ({ deadline }) {
      yield await client.listEmployees({
        onlyCurrent: false,
        ...(deadline === undefined ? {} : { deadline }),
      });
    };
  },
};
