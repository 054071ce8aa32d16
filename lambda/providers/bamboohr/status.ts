import type { Employee } from '../../core/employee-change.js';
import { bambooDate } from './time.js';

/** What BambooHR says about whether someone still works there, as text (API or webhook field values). */
export interface StatusFacts {
  /** `status`: `Active` or `Inactive`. */
  status?: string;
  /** `employmentHistoryStatus` (Employment Status): `Full-Time`, `Part-Time`, ..., `Terminated`. */
  employmentStatus?: string;
  /** `terminationDate`: `YYYY-MM-DD`, or `0000-00-00` when there is none. */
  terminationDate?: string;
}

/**
 * BambooHR has no terminate event: a termination is an update of `status`, `employmentHistoryStatus`
 * or `terminationDate` (https://documentation.bamboohr.com/docs/event-based-webhooks: created, updated,
 * deleted only). Any one of these says terminated: status Inactive, an employment
 * status of Terminated, or a termination date that is set and not in the future (`today`, `YYYY-MM-DD`,
 * the company's day being unknown here: UTC). One exception: a record that says Active with an
 * employment status other than Terminated is taken as it says, since a rehired employee may still carry
 * the date they last left. A future date is a planned leave, not yet a termination.
 */
export function employeeStatus(facts: StatusFacts, today: string): Employee['status'] {
  const status = facts.status?.trim().toLowerCase();
  const employment = facts.employmentStatus?.trim().toLowerCase();
  if (employment?.includes('terminat') || status === 'inactive') return 'terminated';
  const reinstated = status === 'active' && employment !== undefined && employment !== '';
  const leftOn = bambooDate(facts.terminationDate);
  if (leftOn !== undefined && leftOn <= today && !reinstated) return 'terminated';
  if (status === 'active') return 'active';
  return undefined;
}

/** Today's date in UTC, `YYYY-MM-DD`. */
export const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
