import type { HrisSecrets } from '../../config/secrets.js';
import { Employee, type EmployeeChange } from '../../core/employee-change.js';
import { classify, permanent, type SyncError, transient } from '../../core/errors.js';
import { type HttpAnswer, requestJson } from '../../net/http.js';
import { parseJsonText, refusal } from '../../net/refusal.js';
import { withRetry } from '../../net/retry.js';
import type { Log } from '../../observability/log.js';
import type { ApiClientOptions, EmployeeSource, SourceDeps } from '../provider.js';
import type { BambooHrSettings } from './settings.js';

const AUTH_HINT =
  "check subdomain and apiKey in the HR-system secret (bamboohr) and that the API key's user may read the employee fields";
const BAD_REQUEST_HINT = 'BambooHR refused the request; check providers.bamboohr.apiBaseUrl';

import { employeeStatus, utcDay } from './status.js';

export type BambooHrCredentials = NonNullable<HrisSecrets['bamboohr']>;

/** Credentials: The company's subdomain (`acme` in acme.bamboohr.com) and an API key whose user may read the fields. */
export type BambooHrClientOptions = ApiClientOptions<BambooHrSettings, BambooHrCredentials>;

export interface BambooHrClient extends EmployeeSource {
  /**
   * Every employee from one custom report (`POST .../v1/reports/custom?format=JSON`), for the reconcile
   * job: `GET /v1/employees` would need OAuth (documentation.bamboohr.com, API reference), the report
   * takes the API key (https://documentation.bamboohr.com/reference/request-custom-report). `onlyCurrent`
   * is passed as given (BambooHR's default is true); what exactly `false` adds, leavers or future-dated
   * history values, is described both ways in public sources.
   */
  listEmployees(options?: { onlyCurrent?: boolean; deadline?: number }): Promise<Employee[]>;
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

/** The worker's registry entry (lambda/providers/sources.ts). */
export const bamboohrSource = (
  settings: BambooHrSettings,
  credentials: BambooHrCredentials,
  deps: SourceDeps,
): EmployeeSource => createBambooHrClient({ settings, credentials, ...deps });

interface Call {
  method: 'GET' | 'POST';
  /** After `/api/gateway.php/{subdomain}`, escaped, with the query. */
  path: string;
  /** The path with placeholders, for logs and messages: no id in a log dimension. */
  template: string;
  subject: string;
  body?: unknown;
}

/**
 * BambooHR's API (https://documentation.bamboohr.com/reference/get-employee):
 * `GET {apiBaseUrl}/api/gateway.php/{subdomain}/v1/employees/{id}?fields=...`
 * with HTTP Basic, the API key as user name and any password, and `Accept: application/json` (without it
 * BambooHR answers XML). Values come as strings or null; an empty date is `0000-00-00`. Throttling is
 * 429 with `Retry-After` (503 before September 2026): both are retried, as are 5xx and timeouts.
 */
export function createBambooHrClient(options: BambooHrClientOptions): BambooHrClient {
  const { settings, credentials, log, connectTimeoutMs = 3_000, totalTimeoutMs = 10_000 } = options;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = options.random ?? Math.random;
  const gateway = `${settings.apiBaseUrl.replace(/\/+$/, '')}/api/gateway.php/${encodeURIComponent(subdomainOf(credentials.subdomain))}`;
  // The password is ignored by BambooHR; 'x' is what its docs use.
  const authorization = `Basic ${Buffer.from(`${credentials.apiKey}:x`).toString('base64')}`;

  /** One call, retried on what may pass by itself; any answer but a 2xx becomes a SyncError. */
  function call(request: Call, deadline?: number): Promise<unknown> {
    return withRetry(
      async (attempt) => {
        const startedAt = now();
        const budget =
          deadline === undefined ? totalTimeoutMs : Math.min(totalTimeoutMs, deadline - startedAt);
        if (budget <= 0) {
          throw transient(
            'deadline',
            `no time left before the deadline to call BambooHR ${request.method} ${request.template}`,
          );
        }
        const attributes = { method: request.method, path: request.template, attempt };
        let answer: HttpAnswer;
        try {
          answer = await requestJson({
            service: 'bamboohr',
            method: request.method,
            url: `${gateway}${request.path}`,
            headers: { authorization, accept: 'application/json' },
            ...(request.body === undefined ? {} : { body: request.body }),
            connectTimeoutMs: Math.min(connectTimeoutMs, budget),
            totalTimeoutMs: budget,
            // A custom report answers the whole company at once.
            maxBodyBytes: 32 * 1024 * 1024,
          });
        } catch (error) {
          const failure = classify(error);
          log.warn('bamboohr call failed', {
            ...attributes,
            code: failure.code,
            latencyMs: now() - startedAt,
          });
          throw failure;
        }
        const outcome = { ...attributes, status: answer.status, latencyMs: now() - startedAt };
        const where = `BambooHR ${request.method} ${request.template} answered ${answer.status} for ${request.subject}`;
        if (answer.status >= 200 && answer.status < 300) {
          log.info('bamboohr call', outcome);
          const json = answer.truncated ? undefined : parseJsonText(answer.text);
          if (json === undefined) {
            // XML comes back when the Accept header is lost on the way (a proxy): worth a retry.
            throw transient('bamboohr-bad-response', `${where} with a body that is not JSON`, {
              status: answer.status,
            });
          }
          return json;
        }
        log.warn('bamboohr call refused', outcome);
        throw refusal('bamboohr', where, answer, now(), { auth: AUTH_HINT, badRequest: BAD_REQUEST_HINT });
      },
      { now, sleep, random },
      {
        deadline,
        policy: options.retry,
        onRetry: (error, attempt, delayMs) =>
          log.warn('bamboohr retry', {
            path: request.template,
            code: error.code,
            status: error.details.status,
            attempt,
            delayMs,
          }),
      },
    );
  }

  return {
    async fetchEmployee(change: EmployeeChange, { deadline }: { deadline: number }): Promise<Employee> {
      const id = change.employee.id;
      let json: unknown;
      try {
        json = await call(
          {
            method: 'GET',
            path: `/v1/employees/${encodeURIComponent(id)}?fields=${API_FIELDS.join(',')}`,
            template: EMPLOYEE_PATH,
            subject: `employee ${id}`,
          },
          deadline,
        );
      } catch (error) {
        if ((error as SyncError).details?.status === 404) {
          throw permanent('employee-not-found', `BambooHR has no employee ${id} (404)`, { status: 404 });
        }
        throw error;
      }
      if (!isObject(json)) {
        throw transient(
          'bamboohr-bad-response',
          `BambooHR GET ${EMPLOYEE_PATH} answered for employee ${id} with a body that is not an employee`,
        );
      }
      return toEmployee(json, id, utcDay(now()), log);
    },

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
      const employees: Employee[] = [];
      let withoutId = 0;
      for (const record of records) {
        const id = isObject(record) ? text(record.id) : undefined;
        if (!isObject(record) || !id || id.length > 128) {
          withoutId += 1;
          continue;
        }
        employees.push(toEmployee(record, id, today, log));
      }
      log.info('bamboohr employee report', { employees: employees.length, skippedWithoutId: withoutId });
      return employees;
    },
  };
}

/** An Employee from one BambooHR record; a value that does not fit the schema is left out (and logged). */
function toEmployee(record: Record<string, unknown>, id: string, today: string, log: Log): Employee {
  const candidate: Record<string, unknown> = {
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
  if (dropped.length > 0) log.warn('bamboohr employee values left out', { employeeId: id, fields: dropped });
  return employee;
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

function text(value: unknown): string | undefined {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
