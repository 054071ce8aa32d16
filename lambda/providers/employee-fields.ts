import { Employee } from '../core/employee-change.js';
import type { Log } from '../observability/log.js';

/** The Employee fields a provider reads from its own record, each as the provider found it. */
export type EmployeeFields = { [K in Exclude<keyof Employee, 'id'>]?: unknown };

export interface EmployeeReading {
  /** The id and every field whose value fits the Employee schema. */
  employee: Employee;
  /** Fields whose value did not fit (an email that is not an address): left out, never quoted. */
  dropped: string[];
}

/**
 * An Employee from the fields one provider read, the same way for every provider (webhook bodies and API
 * answers alike): each value is checked on its own against the Employee schema, so one bad value costs
 * that field, not the whole record.
 */
export function employeeFrom(id: string, fields: EmployeeFields): EmployeeReading {
  const employee: Employee = { id };
  const dropped: string[] = [];
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    const schema = Employee.shape[key as keyof typeof Employee.shape];
    const parsed = schema.safeParse(value, { reportInput: false });
    if (parsed.success) Object.assign(employee, { [key]: parsed.data });
    else dropped.push(key);
  }
  return { employee, dropped };
}

/** `employeeFrom`, with the fields left out logged by name (never by value) under `<service> employee values left out`. */
export function loggedEmployee(service: string, id: string, fields: EmployeeFields, log: Log): Employee {
  const { employee, dropped } = employeeFrom(id, fields);
  if (dropped.length > 0)
    log.warn(`${service} employee values left out`, { employeeId: id, fields: dropped });
  return employee;
}
