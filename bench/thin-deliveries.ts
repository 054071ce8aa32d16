import { bamboohrHeaders, type FakeEmployee } from '../test/support/fake-bamboohr.js';
import { type FaultPlan, type PlannedChange, ROLE_BY_DEPARTMENT } from '../test/support/fault-plan.js';
import { apiGatewayEvent } from '../test/support/standard-webhook.js';

/**
 * The bench's thin-event workload (bench/worker-efficiency.ts): each plan change as BambooHR's
 * event-based webhook sends it, and BambooHR's records as the plan ends them, by employee id (the
 * worker reads the record, not the event, so every user ends as the plan expects).
 */
export function bambooHrRecords(plan: FaultPlan): Map<string, FakeEmployee> {
  return new Map(
    [...plan.expected].map(([userId, expected], index): [string, FakeEmployee] => {
      const department = Object.keys(ROLE_BY_DEPARTMENT).find(
        (name) => ROLE_BY_DEPARTMENT[name] === expected.role_id,
      );
      const id = `E${index}`;
      const user = plan.users.find((candidate) => candidate.id === userId);
      return [
        id,
        {
          id,
          firstName: expected.first_name,
          lastName: expected.last_name,
          ...(user?.email === undefined ? {} : { workEmail: user.email }),
          ...(department === undefined ? {} : { department }),
        },
      ];
    }),
  );
}

/** One change as BambooHR's event-based webhook sends it: thin, the employee id only, signed. */
export function thinDelivery(change: PlannedChange) {
  const body = JSON.stringify({
    type: 'employee.updated',
    timestamp: change.occurredAt,
    data: { companyId: '12345', employeeId: change.employee, changedFields: ['firstName'] },
  });
  return apiGatewayEvent({ provider: 'bamboohr', body, headers: bamboohrHeaders(body) });
}
