import type { DirectoryEmployee } from '../../core/access-review.js';
import type { Employee, EmployeeChange } from '../../core/employee-change.js';
import { type SyncError, transient } from '../../core/errors.js';
import type { EmployeeRead } from '../../core/ports.js';
import { isObject, scalarText as text, unwrapValue as unwrap, utcMillis } from '../../core/values.js';
import { type ApiCall, type ApiClientOptions, createApiCaller } from '../../net/api-caller.js';
import type { Log } from '../../observability/log.js';
import { loggedEmployee } from '../employee-fields.js';
import { onlyRead } from '../employee-reads.js';
import { readEmployeeRecord } from '../employee-record.js';
import type { EmployeeSource, HrApi } from '../provider.js';
import { createFreshnessCheck, type HiBobRead } from './freshness.js';
import type { HiBobCredentials, HiBobSettings } from './settings.js';

const AUTH_HINT =
  "check serviceUserId and token in the HR-system secret (hibob) and the service user's permissions";
const BAD_REQUEST_HINT = 'HiBob refused the request; check providers.hibob (field ids, humanReadable)';

import { ownValue } from '../../core/own-property.js';

/** Credentials: A service user (Bob: Settings > Integrations > Service users) with View on the fields' categories. */
export type HiBobClientOptions = ApiClientOptions<HiBobSettings, HiBobCredentials>;

export interface HiBobClient extends EmployeeSource {
  /**
   * Every employee the service user may see, in one answer (`POST /v1/people/search` has no paging), for
   * the reconcile job. Leavers are included unless `showInactive` is false (HiBob's own default is
   * active employees only: https://apidocs.hibob.com/docs/people-read-api-contract, showInactive), with
   * their `internal.terminationDate`.
   */
  searchPeople(options?: { showInactive?: boolean; deadline?: number }): Promise<DirectoryEmployee[]>;
}

/** Field ids as HiBob's fields metadata names them (dot notation, `root.` for top-level fields). */
export const PROFILE_FIELDS = [
  'root.id',
  'root.email',
  'root.firstName',
  'root.surname',
  'root.displayName',
  'work.title',
  'work.department',
  'internal.status',
  'internal.lifecycleStatus',
] as const;

/** Read for the listing only: the access review shows when a leaver left. */
const TERMINATION_DATE = 'internal.terminationDate';

// The fields whose absence is worth a word in the log: without them nothing can be synced.
const ESSENTIAL = ['root.email', 'root.firstName', 'root.surname'] as const;
const READ_PATH = '/v1/people/{id}';
const SEARCH_PATH = '/v1/people/search';

/**
 * HiBob's people API (https://apidocs.hibob.com/docs/people-read-api-contract): `POST /v1/people/{id}`
 * for one employee and `POST /v1/people/search`
 * for all, HTTP Basic with the service user id and token. Fields are named in the request; the answer
 * carries them nested (`work.title`) or under slash keys (`/work/title`, the value bare or as
 * `{"value": ...}`), and names instead of list-item ids when `humanReadable` is asked for. Each form is
 * read. HiBob leaves out, without a word, any field the service user may not see or that does not exist.
 */
export function createHiBobClient(options: HiBobClientOptions): HiBobClient {
  const { settings, credentials, log } = options;
  const now = options.now ?? Date.now;
  const authorization = `Basic ${Buffer.from(`${credentials.serviceUserId}:${credentials.token}`).toString('base64')}`;
  const fields = [...new Set<string>([...PROFILE_FIELDS, ...settings.modificationTimeFields])];

  const call = createApiCaller({
    ...options,
    service: 'hibob',
    label: 'HiBob',
    baseUrl: settings.apiBaseUrl,
    headers: { authorization },
    // The search answers the whole company at once.
    maxBodyBytes: 32 * 1024 * 1024,
    hints: { auth: AUTH_HINT, badRequest: BAD_REQUEST_HINT },
  });
  const freshness = createFreshnessCheck({ settings, now, log });
  const post = (request: Omit<ApiCall, 'method'>, deadline?: number) =>
    call({ method: 'POST', ...request }, deadline);

  /** Employee `id` as HiBob answers now, or `undefined` for a 404 (judged per event by `freshness.judge`). */
  async function read(id: string, deadline: number): Promise<HiBobRead | undefined> {
    let record: Record<string, unknown>;
    try {
      record = await readEmployeeRecord(
        () =>
          post(
            {
              path: `/v1/people/${encodeURIComponent(id)}`,
              template: READ_PATH,
              body: { fields, humanReadable: settings.humanReadable },
              subject: `employee ${id}`,
            },
            deadline,
          ),
        {
          service: 'hibob',
          label: 'HiBob',
          call: `POST ${READ_PATH}`,
          id,
          // One employee object, as documented; a one-element `employees` list is taken too.
          pick: (json) => {
            const employees = isObject(json) && Array.isArray(json.employees) ? json.employees : undefined;
            return employees?.length === 1 ? employees[0] : json;
          },
        },
      );
    } catch (error) {
      if ((error as SyncError).details?.status === 404) return undefined;
      throw error;
    }
    const missing = ESSENTIAL.filter((field) => text(readField(record, field, false)) === undefined);
    if (missing.length > 0) {
      // Silent omission is how HiBob says "no permission" (People read API contract).
      log.warn('hibob employee without fields', {
        employeeId: id,
        fields: missing,
        hint: "grant the service user View on these fields' categories",
      });
    }
    const modifiedMs = modificationTime(record, settings.modificationTimeFields);
    return { employee: toEmployee(record, id, log), modifiedMs };
  }

  async function fetchEmployees(
    changes: readonly EmployeeChange[],
    { deadline }: { deadline: number },
  ): Promise<EmployeeRead[]> {
    const [first] = changes;
    if (!first) return [];
    const answer = await read(first.employee.id, deadline);
    return changes.map((change) => freshness.judge(answer, change));
  }

  return {
    fetchEmployee: (change, options) => onlyRead(fetchEmployees([change], options), change),
    fetchEmployees,

    async searchPeople({ showInactive = true, deadline } = {}) {
      const json = await post(
        {
          path: SEARCH_PATH,
          template: SEARCH_PATH,
          body: {
            fields: [...fields, TERMINATION_DATE],
            showInactive,
            humanReadable: settings.humanReadable,
          },
          subject: 'the company',
        },
        deadline,
      );
      const records = isObject(json) && Array.isArray(json.employees) ? json.employees : undefined;
      if (!records) {
        throw transient(
          'hibob-bad-response',
          `HiBob POST ${SEARCH_PATH} answered with a body that has no employees list`,
        );
      }
      const employees: DirectoryEmployee[] = [];
      let withoutId = 0;
      for (const record of records) {
        const id = isObject(record) ? text(readField(record, 'root.id', false)) : undefined;
        if (!isObject(record) || !id || id.length > 128) {
          withoutId += 1;
          continue;
        }
        const employee = toEmployee(record, id, log);
        const terminationDate = calendarDay(text(readField(record, TERMINATION_DATE, false)));
        // A rehire keeps the date they last left, on leave or hired as much as at work: only a
        // terminated employee's date is carried. With no status at all (a field the service user may
        // not see) the date is all there is, and a missed leaver costs more than a false one.
        const leaver = employee.status === 'terminated' || employee.status === undefined;
        employees.push(terminationDate && leaver ? { ...employee, terminationDate } : employee);
      }
      log.info('hibob people search', { employees: employees.length, skippedWithoutId: withoutId });
      return employees;
    },
  };
}

/** An Employee from one HiBob record; a value that does not fit the schema is left out (and logged). */
function toEmployee(record: Record<string, unknown>, id: string, log: Log): Employee {
  const firstName = text(readField(record, 'root.firstName', false));
  const lastName = text(readField(record, 'root.surname', false));
  return loggedEmployee(
    'hibob',
    id,
    {
      workEmail: text(readField(record, 'root.email', false)),
      firstName,
      lastName,
      preferredName: preferredName(text(readField(record, 'root.displayName', false)), firstName, lastName),
      jobTitle: text(readField(record, 'work.title', true)),
      department: text(readField(record, 'work.department', true)),
      status: statusOf(
        text(readField(record, 'internal.lifecycleStatus', true)),
        text(readField(record, 'internal.status', true)),
      ),
    },
    log,
  );
}

/**
 * Bob's display name is "first surname" unless the employee set a preferred first name, in which case
 * it is "preferred surname". Only that second form yields a preferred name: anything else (a display
 * name in another order, or without the surname) is not guessed at.
 */
function preferredName(display?: string, first?: string, last?: string): string | undefined {
  if (!display || !last || !display.endsWith(` ${last}`)) return undefined;
  const preferred = display.slice(0, -last.length - 1).trim();
  return preferred && preferred !== first ? preferred : undefined;
}

/**
 * `internal.lifecycleStatus` (employed, hired, on leave, garden leave, terminated; machine or human
 * form) says most; `internal.status` (Active/Inactive) is the fallback.
 */
function statusOf(lifecycle?: string, status?: string): Employee['status'] {
  const stage = lifecycle?.toLowerCase();
  if (stage) {
    if (stage.includes('terminat')) return 'terminated';
    if (stage === 'employed' || stage === 'active') return 'active';
    if (stage.includes('leave') || stage === 'hired' || stage.includes('inactive')) return 'inactive';
  }
  const state = status?.toLowerCase();
  if (state === 'active') return 'active';
  if (state === 'inactive') return 'inactive';
  return undefined;
}

/** `YYYY-MM-DD` from a HiBob date (`2026-01-31`, or a date-time that starts with one); else undefined. */
function calendarDay(value: string | undefined): string | undefined {
  return /^(\d{4}-\d{2}-\d{2})(?:$|T)/.exec(value?.trim() ?? '')?.[1];
}

/** The first of `fieldIds` present with a full date and time (a bare date cannot order a write). */
function modificationTime(record: Record<string, unknown>, fieldIds: readonly string[]): number | undefined {
  for (const fieldId of fieldIds) {
    const value = text(readField(record, fieldId, false));
    const ms = value === undefined ? undefined : utcMillis(value);
    if (ms !== undefined) return ms;
  }
  return undefined;
}

/**
 * A field by its id (`work.title`, `root.email`) in any of the forms HiBob answers: the `humanReadable`
 * node (APPEND), the slash key `/work/title` (bare or `{"value": ...}`), or nested (`work.title`, with
 * `root.` fields at the top level). Names (`preferHuman`) or machine values (ids, ISO times) first.
 */
export function readField(record: Record<string, unknown>, fieldId: string, preferHuman: boolean): unknown {
  const segments = fieldId.split('.');
  const nested = segments[0] === 'root' ? segments.slice(1) : segments;
  const human = isObject(record.humanReadable) ? walk(record.humanReadable, nested) : undefined;
  const slash = unwrap(ownValue(record, `/${segments.join('/')}`));
  const plain = unwrap(walk(record, nested) ?? walk(record, segments));
  const order = preferHuman ? [human, slash, plain] : [slash, plain, human];
  return order.find((value) => value !== undefined && value !== null);
}

function walk(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const key of path) {
    if (!isObject(current) || !Object.hasOwn(current, key)) return undefined;
    current = current[key];
  }
  return current;
}

/** HiBob's HR API for the worker (`source`) and the reconcile job (`lister`), in lambda/providers/hr-api.ts. */
export const hibobApi: HrApi<HiBobSettings, HiBobCredentials> = {
  source: (settings, credentials, deps) => createHiBobClient({ settings, credentials, ...deps }),
  lister: (settings, credentials, deps) => {
    const client = createHiBobClient({ settings, credentials, ...deps });
    return async function* ({ deadline }) {
      yield await client.searchPeople(deadline === undefined ? {} : { deadline });
    };
  },
};
