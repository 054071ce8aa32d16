import fc from 'fast-check';
import type { ProviderName } from './deliveries.js';
import type { IdValue } from './hostile.js';

/**
 * One delivery per provider built from parts (who, what happened, when), in the shapes of the
 * documented fixtures in test/fixtures/<provider>/ (each README there names its source), so that a
 * property can put a hostile value exactly where that provider carries it.
 */

export type ChangeKind = 'created' | 'updated' | 'terminated' | 'deleted';

/** An employee as the HR system holds it: what a fat delivery carries and what enrichment reads. */
export interface HrEmployee {
  id: string;
  workEmail?: string;
  firstName?: string;
  lastName?: string;
  preferredName?: string;
  jobTitle?: string;
  department?: string;
  status?: 'active' | 'inactive' | 'terminated';
}

export interface DeliveryParts {
  /** The employee id as written in the body: text, or a JSON number. */
  id: IdValue;
  kind: ChangeKind;
  /** The event time as written in the provider's time field. */
  time: string;
  /** What a fat delivery carries about the employee (its id is `id` above). */
  employee: HrEmployee;
  /** The fat form, where the provider has a fat and a thin one (BambooHR, Merge). */
  fat: boolean;
}

type Json = Record<string, unknown>;

const defined = (record: Json): Json =>
  Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));

const terminated = (parts: DeliveryParts) =>
  parts.kind === 'terminated' || parts.employee.status === 'terminated';

/** The tenant every builder writes, and the path of the field that carries it (none for Standard). */
export const TENANT_PATHS: Record<ProviderName, (string | number)[] | undefined> = {
  standard: undefined,
  bamboohr: ['data', 'companyId'],
  merge: ['linked_account', 'id'],
  hibob: ['companyId'],
  personio: ['company_id'],
};

/** Where each provider names the event (for BambooHR's field-based form, the employee's action). */
export function eventPath(provider: ProviderName, body: Json): (string | number)[] {
  switch (provider) {
    case 'standard':
    case 'hibob':
      return ['type'];
    case 'bamboohr':
      return 'employees' in body ? ['employees', 0, 'action'] : ['type'];
    case 'merge':
      return ['hook', 'event'];
    case 'personio':
      return ['event_name'];
  }
}

export const BODIES: Record<ProviderName, (parts: DeliveryParts) => Json> = {
  standard: (parts) => {
    const { employee } = parts;
    return {
      type: `employee.${parts.kind}`,
      occurredAt: parts.time,
      employee: defined({
        ...employee,
        id: parts.id,
        status: parts.kind === 'terminated' ? 'terminated' : employee.status,
      }),
    };
  },
  bamboohr: (parts) => (parts.fat ? bambooFieldBased(parts) : bambooEvent(parts)),
  merge: (parts) => {
    const { employee } = parts;
    const event = { created: 'added', updated: 'changed', terminated: 'changed', deleted: 'removed' }[
      parts.kind
    ];
    return {
      hook: { id: 'hook-fuzz', event: `Employee.${event}`, target: 'https://example.test/webhooks/merge' },
      linked_account: { id: 'acct-fuzz', integration: 'BambooHR' },
      data: defined({
        id: parts.id,
        first_name: employee.firstName ?? null,
        last_name: employee.lastName ?? null,
        preferred_name: employee.preferredName ?? null,
        // Left out in the thin form: Merge then reads the employee from its API (merge/parse.ts).
        work_email: parts.fat ? (employee.workEmail ?? null) : undefined,
        employment_status: terminated(parts) ? 'INACTIVE' : employee.status === 'active' ? 'ACTIVE' : null,
        team: employee.department ? { name: employee.department } : null,
        employments: employee.jobTitle ? [{ job_title: employee.jobTitle }] : [],
        modified_at: parts.time,
      }),
    };
  },
  hibob: (parts) => ({
    companyId: 636192,
    type: {
      created: 'employee.created',
      updated: 'employee.updated',
      terminated: 'employee.left',
      deleted: 'employee.deleted',
    }[parts.kind],
    triggeredBy: 'system',
    triggeredAt: parts.time,
    version: 'v2',
    data: { employeeId: parts.id },
  }),
  personio: (parts) => ({
    company_id: '81725',
    event_name: {
      created: 'person.created',
      updated: 'person.updated',
      terminated: 'employment.terminated',
      deleted: 'person.deleted',
    }[parts.kind],
    occurred_at: parts.time,
    payload: parts.kind === 'terminated' ? { id: '9002', person: { id: parts.id } } : { id: parts.id },
    meta: {},
  }),
};

function bambooEvent(parts: DeliveryParts): Json {
  const type =
    parts.kind === 'deleted'
      ? 'employee.deleted'
      : parts.kind === 'created'
        ? 'employee.created'
        : 'employee.updated';
  return {
    type,
    timestamp: parts.time,
    data: { companyId: '12345', employeeId: parts.id, changedFields: ['firstName', 'status'] },
  };
}

function bambooFieldBased(parts: DeliveryParts): Json {
  const { employee } = parts;
  const action = { created: 'Created', updated: 'Updated', terminated: 'Updated', deleted: 'Deleted' }[
    parts.kind
  ];
  const fields =
    parts.kind === 'deleted'
      ? []
      : defined({
          'First Name': employee.firstName,
          'Last Name': employee.lastName,
          'Preferred Name': employee.preferredName,
          'Work Email': employee.workEmail,
          'Job Title': employee.jobTitle,
          Department: employee.department,
          Status: terminated(parts) ? 'Inactive' : employee.status === 'active' ? 'Active' : undefined,
          'Employment Status': parts.kind === 'terminated' ? 'Terminated' : undefined,
        });
  const changedFields = Array.isArray(fields) ? [] : Object.keys(fields);
  return { employees: [{ action, changedFields, fields, id: parts.id, timestamp: parts.time }] };
}

// --- Event times --------------------------------------------------------------------------------------

const MINUTE = 60_000;

/** How a time is written: UTC with `Z`, with an offset, with no offset (read as UTC), or unix seconds. */
export type TimeForm = 'z' | 'offset' | 'no-offset' | 'unix';

/** The forms each provider's parser reads (see each provider's time.ts or parse.ts). */
const FORMS: Record<ProviderName, TimeForm[]> = {
  standard: ['z', 'offset'],
  bamboohr: ['z', 'offset', 'no-offset', 'unix'],
  merge: ['z', 'offset', 'no-offset'],
  hibob: ['z', 'offset', 'no-offset'],
  personio: ['z', 'offset', 'no-offset'],
};

export const timeForm = (provider: ProviderName) =>
  fc.record({
    form: fc.constantFrom(...FORMS[provider]),
    offsetMinutes: fc.integer({ min: -48, max: 56 }).map((quarters) => quarters * 15),
  });

/**
 * `ms` written in `form`, and the instant that text denotes (unix seconds drop the milliseconds). A form
 * that cannot write this instant (a year past 9999 once offset, unix seconds outside 9 to 11 digits)
 * falls back to `Z`.
 */
export function timeText(
  ms: number,
  { form, offsetMinutes }: { form: TimeForm; offsetMinutes: number },
): { text: string; ms: number } {
  const utc = { text: new Date(ms).toISOString(), ms };
  if (form === 'unix') {
    const seconds = Math.floor(ms / 1000);
    return /^\d{9,11}$/.test(String(seconds)) ? { text: String(seconds), ms: seconds * 1000 } : utc;
  }
  if (form === 'no-offset') return { text: utc.text.replace(/Z$/, ''), ms };
  if (form === 'offset') {
    const wall = new Date(ms + offsetMinutes * MINUTE).toISOString();
    if (!/^\d{4}-/.test(wall)) return utc;
    const sign = offsetMinutes < 0 ? '-' : '+';
    const abs = Math.abs(offsetMinutes);
    const zone = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
    return { text: wall.replace(/Z$/, zone), ms };
  }
  return utc;
}
