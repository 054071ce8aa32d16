import type { Employee, EmployeeChange } from '../core/employee-change.js';
import type { EmployeeRead } from '../core/ports.js';
import type { EmployeeSource } from './provider.js';

type FetchOne = EmployeeSource['fetchEmployee'];

/**
 * `fetchEmployees` of an HR API whose answer depends on the employee id alone (BambooHR, Merge,
 * Personio): one read serves every change of the employee.
 */
export const readOnceForAll =
  (fetchEmployee: FetchOne): EmployeeSource['fetchEmployees'] =>
  async (changes, options) => {
    const [first] = changes;
    if (!first) return [];
    const employee = await fetchEmployee(first, options);
    return changes.map(() => ({ employee }));
  };

/** `fetchEmployee` from `fetchEmployees`: the one change's employee, or its error thrown. */
export async function onlyRead(reads: Promise<EmployeeRead[]>, change: EmployeeChange): Promise<Employee> {
  const [read] = await reads;
  if (!read) throw new Error(`no read answered for employee ${change.employee.id}`);
  if ('error' in read) throw read.error;
  return read.employee;
}
