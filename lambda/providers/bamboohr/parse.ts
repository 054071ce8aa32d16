import * as z from 'zod/mini';
import { formatPath } from '../../config/format-path.js';
import { type ChangeType, Employee, EmployeeChange } from '../../core/employee-change.js';
import { invalidInput, SyncError } from '../../core/errors.js';
import { lazySchema } from '../../core/lazy-schema.js';
import { ownValue } from '../../core/own-property.js';
import { isObject } from '../../core/values.js';
import { bodyHash, describeBodyIssues, parseJsonBody, safeEventName } from '../body.js';
import type { ParseInput, ParseResult } from '../provider.js';
import { readFields } from './fields.js';
import { parseFormBody } from './form.js';
import type { BambooHrSettings } from './settings.js';
import { employeeStatus, utcDay } from './status.js';
import { bambooMillis } from './time.js';

// EmployeeChange holds ids of at most 128 characters; a longer one is a bad body, said so here.
const Id = /* @__PURE__ */ lazySchema(() =>
  z.union([z.string().check(z.trim(), z.minLength(1), z.maxLength(128)), z.int()]),
);
const Time = /* @__PURE__ */ lazySchema(() => z.nullish(z.union([z.string(), z.number()])));
const List = /* @__PURE__ */ lazySchema(() =>
  z.nullish(z.union([z.array(z.unknown()), z.record(z.string(), z.unknown())])),
);

/**
 * Event-based webhooks (documentation.bamboohr.com, "Event-Based Webhooks" and the per-event reference
 * pages): `{"type","timestamp","data":{"companyId","employeeId","changedFields"}}`, ids as strings. The
 * envelope is read first, so an event type this project does not know is acknowledged whatever its
 * `data` holds, or without one; numbers are taken for the ids and unknown keys are kept.
 */
const EventEnvelope = /* @__PURE__ */ lazySchema(() =>
  z.looseObject({
    type: z.string().check(z.minLength(1)),
    timestamp: Time,
    data: z.optional(z.looseObject({ companyId: z.nullish(Id) })),
  }),
);
const EventData = /* @__PURE__ */ lazySchema(() => z.looseObject({ employeeId: Id, changedFields: List }));

/**
 * Field-based (legacy, "Global") webhooks: `{"employees":[{"action","changedFields","fields","id",
 * "timestamp"}]}`. Created and Deleted carry empty `changedFields` and `fields` (which a PHP encoder
 * may write as `[]`). The form encoding keys employees by id (`employees[<id>][First Name]=...`) with the
 * fields beside `changedFields` rather than under `fields`: both shapes are read.
 */
const FieldBasedEmployee = /* @__PURE__ */ lazySchema(() =>
  z.looseObject({
    id: z.optional(Id),
    action: z.nullish(z.string()),
    timestamp: Time,
    changedFields: List,
    fields: List,
  }),
);
type FieldBasedEmployee = z.infer<typeof FieldBasedEmployee>;
const RESERVED = new Set(['id', 'action', 'timestamp', 'changedFields', 'fields']);

interface Mapping {
  type: ChangeType;
  needsEnrichment: boolean;
}

/** Event types, with `employee.update` too: the name the webhook API subscribes with. */
const EVENTS: Record<string, Mapping> = {
  // A new employee sends created, then updated (create-then-initialise): both are queued, the worker
  // coalesces them.
  'employee.created': { type: 'employee.created', needsEnrichment: true },
  'employee.updated': { type: 'employee.updated', needsEnrichment: true },
  'employee.update': { type: 'employee.updated', needsEnrichment: true },
  // Nothing is left to read once BambooHR has deleted the record: the id is all there is.
  'employee.deleted': { type: 'employee.deleted', needsEnrichment: false },
};

const ACTIONS: Record<string, ChangeType> = {
  created: 'employee.created',
  updated: 'employee.updated',
  deleted: 'employee.deleted',
};

/**
 * One BambooHR delivery, of either family, JSON or form-encoded. Event-based events are thin: the worker
 * reads the employee from the API. Field-based deliveries are fat and may hold several employees: each
 * becomes a change carrying the fields it names (through `fieldMap`), enriched only when it lacks a
 * usable work email, which is what finds the Heymarket user. BambooHR sends no event id: it is the
 * sha256 of the body, `#<index>` added when the body holds several employees. Pure: no clock but
 * `receivedAt`, whose UTC day decides whether a termination date has come.
 */
export function parseBambooHr({
  body,
  header,
  settings,
  receivedAt,
}: ParseInput<BambooHrSettings>): ParseResult {
  const json = readDelivery(body, header('content-type'));
  if (!isObject(json)) throw invalidInput('body-invalid', 'body: (root) is not an object');
  const employees = json.employees ?? (isObject(json.data) ? json.data.employees : undefined);
  if (employees !== undefined) return parseFieldBased(employees, body, settings, receivedAt);
  return parseEventBased(json, body, settings, receivedAt);
}

function parseEventBased(
  json: Record<string, unknown>,
  body: Buffer,
  settings: BambooHrSettings,
  receivedAt: string,
): ParseResult {
  const envelope = EventEnvelope.safeParse(json, { reportInput: false });
  if (!envelope.success) throw invalidInput('body-invalid', describeBodyIssues(envelope.error));
  const event = envelope.data;

  // The tenant is checked before anything else is decided, so another company's deliveries are all
  // 401s, the irrelevant ones included.
  const companyId = event.data?.companyId == null ? undefined : String(event.data.companyId);
  if (settings.companyId !== undefined) {
    if (companyId === undefined) {
      throw tenantMismatch('data.companyId is missing and providers.bamboohr.companyId requires one');
    }
    if (companyId !== String(settings.companyId).trim()) {
      throw tenantMismatch('data.companyId is not the one configured in providers.bamboohr.companyId');
    }
  }

  const mapping = ownValue(EVENTS, event.type);
  if (!mapping) {
    return {
      kind: 'ignored',
      code: 'event-not-relevant',
      reason: `event type ${safeEventName(event.type)} is not about an employee`,
    };
  }
  const data = EventData.safeParse(event.data, { reportInput: false });
  if (!data.success) throw invalidInput('body-invalid', describeBodyIssues(data.error, ['data']));

  const change = EmployeeChange.safeParse(
    {
      v: 1,
      provider: 'bamboohr',
      ...(companyId === undefined ? tenantOf(settings) : { tenant: companyId }),
      eventId: bodyHash(body),
      type: mapping.type,
      occurredAt: occurredAt(event.timestamp, receivedAt, ['timestamp']),
      receivedAt,
      employee: { id: String(data.data.employeeId) },
      needsEnrichment: mapping.needsEnrichment,
    },
    { reportInput: false },
  );
  if (!change.success) throw invalidInput('body-invalid', describeBodyIssues(change.error));
  return { kind: 'changes', changes: [change.data] };
}

function parseFieldBased(
  employees: unknown,
  body: Buffer,
  settings: BambooHrSettings,
  receivedAt: string,
): ParseResult {
  const entries = employeeEntries(employees);
  if (entries.length === 0) {
    return { kind: 'ignored', code: 'event-not-relevant', reason: 'field-based delivery with no employees' };
  }
  const hash = bodyHash(body);
  const today = utcDay(Date.parse(receivedAt));
  const changes: EmployeeChange[] = [];
  const unknownActions = new Set<string>();

  for (const [index, entry] of entries.entries()) {
    // A key of the form encoding is named in messages only when it looks like an id; else its position.
    const where = [
      'employees',
      typeof entry.key === 'string' && !/^[\w-]{1,64}$/.test(entry.key) ? index : entry.key,
    ];
    const parsed = FieldBasedEmployee.safeParse(entry.value, { reportInput: false });
    if (!parsed.success) throw invalidInput('body-invalid', describeBodyIssues(parsed.error, where));
    const item = parsed.data;
    const id = idOf(item, entry);
    if (id === undefined) {
      throw invalidInput('body-invalid', `body: ${formatPath([...where, 'id'])} is missing (no id, no key)`);
    }
    // Documented for every employee; without one, an update is the safe reading (nothing is removed).
    const action = item.action?.trim().toLowerCase() || 'updated';
    const type = ownValue(ACTIONS, action);
    if (!type) {
      unknownActions.add(safeEventName(item.action ?? ''));
      continue;
    }
    const eventId = entries.length > 1 ? `${hash}#${index}` : hash;
    const base = {
      v: 1,
      provider: 'bamboohr',
      ...tenantOf(settings),
      eventId,
      occurredAt: occurredAt(item.timestamp, receivedAt, [...where, 'timestamp']),
      receivedAt,
    };
    const change =
      type === 'employee.deleted'
        ? { ...base, type, employee: { id }, needsEnrichment: false }
        : fatChange(base, type, id, fieldsOf(item), settings, today);
    const result = EmployeeChange.safeParse(change, { reportInput: false });
    if (!result.success) throw invalidInput('body-invalid', describeBodyIssues(result.error, where));
    changes.push(result.data);
  }
  if (changes.length === 0) {
    // Employees in an action this parser does not know: data about people, dropped, so alarmed.
    return {
      kind: 'ignored',
      code: 'unknown-action',
      reason: `field-based delivery with no created, updated or deleted employee (action ${[...unknownActions].join(', ')})`,
    };
  }
  return { kind: 'changes', changes };
}

/**
 * A created or updated employee from the fields the delivery carries. An update that says the employee
 * has left (see `employeeStatus`) is a termination. A value that does not fit the queue message (an
 * email that is not an address, a name over 200 characters) is left out rather than refused: BambooHR
 * never retries a 4xx, and the worker reads the employee from the API when the email is missing.
 */
function fatChange(
  base: Record<string, unknown>,
  type: ChangeType,
  id: string,
  fields: Record<string, unknown>,
  settings: BambooHrSettings,
  today: string,
) {
  const values = readFields(fields, settings.fieldMap);
  const status = employeeStatus(values, today);
  const candidate: Record<string, unknown> = {
    workEmail: values.workEmail,
    firstName: values.firstName,
    lastName: values.lastName,
    preferredName: values.preferredName,
    jobTitle: values.jobTitle,
    department: values.department,
    status,
  };
  const employee: Employee = { id };
  for (const [key, value] of Object.entries(candidate)) {
    if (value === undefined) continue;
    const schema = Employee.shape[key as keyof typeof Employee.shape];
    const parsed = schema.safeParse(value, { reportInput: false });
    if (parsed.success) Object.assign(employee, { [key]: parsed.data });
  }
  return {
    ...base,
    type: type === 'employee.updated' && status === 'terminated' ? 'employee.terminated' : type,
    employee,
    needsEnrichment: employee.workEmail === undefined,
  };
}

/** A JSON list of employees, or the form encoding's object keyed by employee id. */
function employeeEntries(employees: unknown): { key: string | number; value: unknown; id?: string }[] {
  if (Array.isArray(employees)) return employees.map((value, key) => ({ key, value }));
  if (isObject(employees)) {
    return Object.entries(employees).map(([key, value]) => ({ key, value, id: key }));
  }
  throw invalidInput('body-invalid', 'body: employees is not a list of employees');
}

function idOf(item: FieldBasedEmployee, entry: { id?: string }): string | undefined {
  if (item.id !== undefined) return String(item.id);
  const key = entry.id?.trim();
  return key && key.length <= 128 ? key : undefined;
}

/** `fields` when the employee has them there, else the keys beside the reserved ones (form encoding). */
function fieldsOf(item: FieldBasedEmployee): Record<string, unknown> {
  if (isObject(item.fields)) return item.fields;
  if (Array.isArray(item.fields)) return {};
  return Object.fromEntries(Object.entries(item).filter(([key]) => !RESERVED.has(key)));
}

/** The event's own time in UTC, or the time received when it has none; 400 when it is not a time. */
function occurredAt(value: string | number | null | undefined, receivedAt: string, path: PropertyKey[]) {
  if (value === undefined || value === null || value === '') return receivedAt;
  const ms = bambooMillis(value);
  if (ms === undefined) {
    throw invalidInput('body-invalid', `body: ${formatPath(path)} is neither ISO-8601 nor unix seconds`);
  }
  return new Date(ms).toISOString();
}

/** JSON as documented; the "Form Post" encoding when it is announced or the body is plainly a form. */
function readDelivery(body: Buffer, contentType: string | undefined): unknown {
  const text = body.toString('utf8').trimStart();
  if (text.startsWith('{') || text.startsWith('[')) return parseJsonBody(body);
  const announced = /application\/x-www-form-urlencoded/i.test(contentType ?? '');
  if (announced || /^[^\s=&{}[\]"]+(\[[^\]]*\])*=/.test(text)) return parseFormBody(body);
  return parseJsonBody(body);
}

const tenantOf = (settings: BambooHrSettings) =>
  settings.companyId === undefined ? {} : { tenant: String(settings.companyId).trim() };

const tenantMismatch = (message: string) => new SyncError('auth', 'tenant-mismatch', `bamboohr: ${message}`);
