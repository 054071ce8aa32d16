import { describe, expect, it } from 'vitest';
import { BAMBOOHR_KEY, bamboohrFixture, bamboohrHeaders } from '../support/fake-bamboohr.js';
import { loadReceiver, problemOf, queuedMessages } from '../support/receiver.js';
import { apiGatewayEvent } from '../support/standard-webhook.js';

const config = { providers: { bamboohr: { enabled: true } } };
const event = JSON.parse(bamboohrFixture('event-employee-updated.json'));
const fieldBased = JSON.parse(bamboohrFixture('fields-updated.json'));

async function deliver(body: string) {
  const receiver = await loadReceiver({ config, webhookSecrets: { bamboohr: BAMBOOHR_KEY } });
  const response = await receiver.handler(
    apiGatewayEvent({ provider: 'bamboohr', body, headers: bamboohrHeaders(body) }),
  );
  expect(queuedMessages(receiver.sqs)).toEqual([]);
  return response;
}

describe('a signed BambooHR delivery that is not a valid event', () => {
  it('is answered 400 when it is not JSON, without quoting the text', async () => {
    const response = await deliver('{"type": employee.updated, "data": {}}');
    expect(response.statusCode).toBe(400);
    expect(problemOf(response).detail).toMatch(/^body: not valid JSON( \(at position \d+\))?$/);
    expect(response.body).not.toContain('employee.updated');
  });

  it('is answered 400 naming data.employeeId when it is missing', async () => {
    const response = await deliver(JSON.stringify({ ...event, data: { companyId: '12345' } }));
    expect(response.statusCode).toBe(400);
    expect(problemOf(response).detail).toContain('body: data.employeeId ');
  });

  it('is answered 400 naming the missing event type', async () => {
    const { detail } = problemOf(
      await deliver(JSON.stringify({ timestamp: event.timestamp, data: event.data })),
    );
    expect(detail).toMatch(/^body: type /);
  });

  it('is answered 400 naming data when an employee event has none', async () => {
    const response = await deliver(JSON.stringify({ type: 'employee.updated', timestamp: event.timestamp }));
    expect(problemOf(response).detail).toMatch(/^body: data /);
  });

  it('is answered 400 when the timestamp is not a time, without quoting it', async () => {
    const response = await deliver(JSON.stringify({ ...event, timestamp: 'last Tuesday' }));
    expect(response.statusCode).toBe(400);
    expect(problemOf(response).detail).toBe('body: timestamp is neither ISO-8601 nor unix seconds');
  });

  it('is answered 400 when the employee id is over 128 characters or empty', async () => {
    for (const employeeId of ['9'.repeat(129), '  ']) {
      const response = await deliver(JSON.stringify({ ...event, data: { companyId: '12345', employeeId } }));
      expect(problemOf(response).detail).toContain('body: data.employeeId ');
    }
  });

  it('is answered 400 when the body is a JSON list or a bare value', async () => {
    expect((await deliver('[]')).statusCode).toBe(400);
    expect(problemOf(await deliver('42')).detail).toMatch(/^body: /);
  });

  it('is answered 400 naming the employee whose id is missing in a field-based delivery', async () => {
    const [first, second] = fieldBased.employees;
    const { id: _, ...withoutId } = second;
    const response = await deliver(JSON.stringify({ employees: [first, withoutId] }));
    expect(problemOf(response).detail).toBe('body: employees[1].id is missing (no id, no key)');
  });

  it('is answered 400 naming the field-based employee with a bad timestamp', async () => {
    const [first] = fieldBased.employees;
    const response = await deliver(JSON.stringify({ employees: [{ ...first, timestamp: 'soon' }] }));
    expect(problemOf(response).detail).toBe(
      'body: employees[0].timestamp is neither ISO-8601 nor unix seconds',
    );
  });

  it('is answered 400 when employees is neither a list nor keyed by id', async () => {
    const response = await deliver(JSON.stringify({ employees: 'all of them' }));
    expect(problemOf(response).detail).toBe('body: employees is not a list of employees');
  });

  it('is answered 400 when a field-based employee is not an object', async () => {
    const response = await deliver(JSON.stringify({ employees: ['12345'] }));
    expect(problemOf(response).detail).toMatch(/^body: employees\[0\] /);
  });
});
