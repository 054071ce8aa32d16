import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HIBOB_SECRET, hibobHeaders } from '../support/fake-hibob.js';
import { loadReceiver, queuedMessages } from '../support/receiver.js';
import { apiGatewayEvent } from '../support/standard-webhook.js';

const config = { providers: { hibob: { enabled: true } } };

/** An employee.updated body (apidocs.hibob.com, "Employee updated") with the given `fieldUpdates`. */
const updated = (fieldUpdates: unknown) =>
  JSON.stringify({
    companyId: 636192,
    type: 'employee.updated',
    triggeredBy: '3332883804594373380',
    triggeredAt: '2026-02-01T09:00:00.915906',
    version: 'v2',
    data: { employeeId: '3332883884017713238', fieldUpdates },
  });

async function queuedEmployee(fieldUpdates: unknown) {
  const receiver = await loadReceiver({ config, webhookSecrets: { hibob: HIBOB_SECRET } });
  const body = updated(fieldUpdates);
  const response = await receiver.handler(
    apiGatewayEvent({ provider: 'hibob', body, headers: hibobHeaders(body) }),
  );
  expect(response.statusCode).toBe(202);
  return queuedMessages(receiver.sqs)[0]?.body.employee;
}

// HiBob documents fieldUpdates as the changed field ids; a value, when an element carries one, is what
// the worker checks the record it reads against (lambda/providers/hibob/freshness.ts).
describe("a HiBob event's fieldUpdates", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.parse('2026-02-01T09:00:03Z'));
  });
  afterEach(() => vi.useRealTimers());

  it('carry no values to the queue when they only name fields, as documented', async () => {
    expect(await queuedEmployee([{ fieldId: 'root.surname' }, { fieldId: 'work.title' }])).toEqual({
      id: '3332883884017713238',
    });
  });

  it('carry the new first name, surname and email to the queue, whichever form the field id takes', async () => {
    const employee = await queuedEmployee([
      { fieldId: 'root.firstName', newValue: 'Meg' },
      { fieldId: '/root/surname', value: 'Hamilton-Smith' },
      { fieldId: 'email', newValue: 'meg@example.test' },
    ]);
    expect(employee).toEqual({
      id: '3332883884017713238',
      firstName: 'Meg',
      lastName: 'Hamilton-Smith',
      workEmail: 'meg@example.test',
    });
  });

  it('leave out a value that is not an employee field value, and list fields, rather than refuse the delivery', async () => {
    const employee = await queuedEmployee([
      { fieldId: 'root.email', newValue: 'not an email' },
      { fieldId: 'root.firstName', newValue: { id: 1 } },
      { fieldId: 'work.title', newValue: '209192170' },
      'root.surname',
      null,
    ]);
    expect(employee).toEqual({ id: '3332883884017713238' });
  });
});
