import type { Employee } from '../../core/employee-change.js';
import { isObject, text } from '../../core/values.js';
import { type EmployeeReading, employeeFrom } from '../employee-fields.js';
import { dateOf } from './time.js';

/** What one Merge HRIS `Employee` says, read the same way from a webhook and from the API. */
export type MergeEmployeeReading = EmployeeReading;

/**
 * The Merge HRIS Employee common model (docs.merge.dev, HRIS "The Employee object"): `first_name`,
 * `last_name`, `preferred_name`, `work_email`, `employments` (ids, or Employment objects with `job_title`
 * under `expand=employments`), `team` (an id, or a Team object with `name` under `expand=team`), `groups`
 * (ids or Group objects with `type` and `name`), `employment_status` (ACTIVE, PENDING, INACTIVE),
 * `termination_date`, `remote_was_deleted`. Any of them may be null. `personal_email`, `remote_id` and the
 * rest are never read: nothing here needs them, and what is not read cannot leak.
 *
 * `today` (`YYYY-MM-DD`, UTC) decides whether a termination date has come.
 */
export function readMergeEmployee(
  record: Record<string, unknown>,
  id: string,
  today: string,
): MergeEmployeeReading {
  return employeeFrom(id, {
    workEmail: text(record.work_email),
    firstName: text(record.first_name),
    lastName: text(record.last_name),
    preferredName: text(record.preferred_name),
    jobTitle: text(currentEmployment(record.employments, today)?.job_title),
    department: departmentOf(record),
    status: statusOf(record, today),
  });
}

/**
 * Terminated when Merge says the record is gone from the remote system (`remote_was_deleted`), when the
 * status is INACTIVE, or when the termination date has come: unless the employee is ACTIVE again with a
 * start date after it (a rehire, whose old termination date some systems keep). PENDING (hired, not yet
 * started) is inactive.
 */
export function statusOf(record: Record<string, unknown>, today: string): Employee['status'] {
  if (record.remote_was_deleted === true) return 'terminated';
  const status = text(record.employment_status)?.toUpperCase();
  if (status === 'INACTIVE') return 'terminated';
  const ended = dateOf(record.termination_date);
  if (ended !== undefined && ended <= today) {
    const started = dateOf(record.start_date) ?? dateOf(record.hire_date);
    const rehired = status === 'ACTIVE' && started !== undefined && started > ended;
    if (!rehired) return 'terminated';
  }
  if (status === 'ACTIVE') return 'active';
  if (status === 'PENDING') return 'inactive';
  return undefined;
}

/**
 * Whether the job title or department cannot be read because Merge named the employments or the team by
 * id only (the form without `expand`). An employee with no employments (`[]`, null) or no team (null)
 * has nothing more to read.
 */
export function hasUnexpandedRelations(record: Record<string, unknown>): boolean {
  const { employments, team } = record;
  const employmentIdsOnly =
    Array.isArray(employments) && employments.length > 0 && !employments.some(isObject);
  const teamIdOnly = typeof team === 'string' && team.trim() !== '' && departmentOf(record) === undefined;
  return employmentIdsOnly || teamIdOnly;
}

/**
 * The employment that describes the job now, among the expanded ones still in the remote system: the
 * latest that has taken effect, else (all future-dated or undated) the first as Merge lists it.
 */
function currentEmployment(employments: unknown, today: string): Record<string, unknown> | undefined {
  if (!Array.isArray(employments)) return undefined;
  const live = employments.filter(
    (employment): employment is Record<string, unknown> =>
      isObject(employment) && employment.remote_was_deleted !== true,
  );
  const effective = live
    .map((employment) => ({ employment, from: dateOf(employment.effective_date) }))
    .filter((entry): entry is { employment: Record<string, unknown>; from: string } => {
      return entry.from !== undefined && entry.from <= today;
    })
    .sort((a, b) => b.from.localeCompare(a.from));
  return effective[0]?.employment ?? live[0];
}

/** The team's name when Merge expanded it; else the name of an expanded group of type DEPARTMENT. */
function departmentOf(record: Record<string, unknown>): string | undefined {
  const team = isObject(record.team) ? text(record.team.name) : undefined;
  if (team) return team;
  if (!Array.isArray(record.groups)) return undefined;
  const group = record.groups.find(
    (entry): entry is Record<string, unknown> =>
      isObject(entry) &&
      text(entry.type)?.toUpperCase() === 'DEPARTMENT' &&
      entry.remote_was_deleted !== true,
  );
  return group ? text(group.name) : undefined;
}
