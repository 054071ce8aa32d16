import {
  type EmployeeChange,
  EmployeeChange as EmployeeChangeSchema,
} from '../../lambda/core/employee-change.js';

/** A valid change with invented data; override what the test is about. */
export function makeChange(
  overrides: Partial<Omit<EmployeeChange, 'employee'>> & {
    employee?: Partial<EmployeeChange['employee']>;
  } = {},
) {
  const { employee, ...rest } = overrides;
  return EmployeeChangeSchema.parse({
    v: 1,
    provider: 'standard',
    eventId: 'evt-1',
    type: 'employee.updated',
    occurredAt: '2026-01-01T10:00:00.000Z',
    receivedAt: '2026-01-01T10:00:01.000Z',
    needsEnrichment: false,
    ...rest,
    employee: {
      id: 'E1',
      workEmail: 'ada@example.test',
      firstName: 'Ada',
      lastName: 'Lovelace',
      ...employee,
    },
  });
}
