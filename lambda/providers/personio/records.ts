import type { Employee } from '../../core/employee-change.js';
import { idText, isObject, fieldText as text } from '../../core/values.js';
import type { HttpAnswer } from '../../net/http.js';
import { parseJsonText } from '../../net/refusal.js';
import type { Log } from '../../observability/log.js';
import { loggedEmployee } from '../employee-fields.js';

// What Personio's v2 answers hold, read without I/O: lambda/providers/personio/api.ts calls, these read.

/** The trace id of a problem+json answer (`personio_trace_id`, or `trace_id` in older samples). */
export function traceIdOf(answer: HttpAnswer): string | undefined {
  // Only an error answer carries one; a 2xx is not read twice for it.
  if (answer.status >= 200 && answer.status < 300) return undefined;
  const json = answer.truncated ? undefined : parseJsonText(answer.text);
  if (!isObject(json)) return undefined;
  return idText(json.personio_trace_id) ?? idText(json.trace_id);
}

/** A list answer's records: `_data` in v2, `data` or a bare array taken too. */
export function recordsOf(json: unknown): unknown[] | undefined {
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
export function nextPath(json: unknown): string | undefined {
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
export function currentEmployment(
  employments: Record<string, unknown>[],
): Record<string, unknown> | undefined {
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
export function departmentUnit(employment: Record<string, unknown>): Record<string, unknown> | undefined {
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
export function statusOf(value: string | undefined): Employee['status'] {
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
export function toEmployee(
  id: string,
  person: Record<string, unknown>,
  employment: Record<string, unknown> | undefined,
  department: string | undefined,
  log: Log,
): Employee {
  const position = employment && isObject(employment.position) ? employment.position : undefined;
  return loggedEmployee(
    'personio',
    id,
    {
      workEmail: text(person.email),
      firstName: text(person.first_name),
      lastName: text(person.last_name),
      preferredName: text(person.preferred_name),
      jobTitle: position ? text(position.title) : undefined,
      department,
      status: statusOf(text(employment?.status) ?? text(person.status)),
    },
    log,
  );
}
