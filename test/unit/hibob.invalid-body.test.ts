import { describe, expect, it } from 'vitest';
import { HIBOB_SECRET, hibobFixture, hibobHeaders } from '../support/fake-hibob.js';
import { loadReceiver, problemOf, queuedMessages } from '../support/receiver.js';
import { apiGatewayEvent } from '../support/standard-webhook.js';

const config = { providers: { hibob: { enabled: true } } };
const event = JSON.parse(hibobFixture('employee-updated.json'));

async function deliver(body: string) {
  const receiver = await loadReceiver({ config, webhookSecrets: { hibob: HIBOB_SECRET } });
  const response = await receiver.handler(
    apiGatewayEvent({ provider: 'hibob', body, headers: hibobHeaders(body) }),
  );
  expect(queuedMessages(receiver.sqs)).toEqual([]);
  return response;
}

describe('a signed HiBob delivery that is not a valid v2 event', () => {
  it('is answered 400 when it is not JSON, without quoting the text', async () => {
    const response = await deliver('{"companyId": 636192, "type": employee.updated}');
    expect(response.statusCode).toBe(400);
    expect(problemOf(response).detail).toMatch(/^body: not valid JSON( \(at position \d+\))?$/);
    expect(response.body).not.toContain('employee.updated');
  });

  it('is answered 400 naming data.employeeId when it is missing', async () => {
    const response = await deliver(JSON.stringify({ ...event, data: { fieldUpdates: [] } }));
    expect(response.statusCode).toBe(400);
    expect(problemOf(response).detail).toContain('body: data.employeeId ');
  });

  it('is answered 400 naming every missing envelope field', async () => {
    const response = await deliver(JSON.stringify({ version: 'v2', data: { employeeId: '1' } }));
    const { detail } = problemOf(response);
    for (const field of ['companyId', 'type', 'triggeredAt']) expect(detail).toContain(`body: ${field} `);
  });

  it('is answered 400 when triggeredAt is not a date and time, without quoting it', async () => {
    const response = await deliver(JSON.stringify({ ...event, triggeredAt: '08/01/2026 13:06' }));
    expect(response.statusCode).toBe(400);
    expect(problemOf(response).detail).toBe('body: triggeredAt is not an ISO-8601 date and time');
  });

  it('is answered 400 when the employee id is over 128 characters', async () => {
    const response = await deliver(JSON.stringify({ ...event, data: { employeeId: '9'.repeat(129) } }));
    expect(problemOf(response).detail).toContain('body: data.employeeId ');
  });

  it('is answered 400 with a hint when it is a webhooks v1 body', async () => {
    const v1 = { companyId: 636192, type: 'employee.updated', version: 'v1', data: { employee: {} } };
    const response = await deliver(JSON.stringify(v1));
    expect(problemOf(response).detail).toBe('body: version is not v2; only HiBob webhooks v2 are supported');
  });

  it('is answered 400 when the body is a JSON list or a bare value', async () => {
    expect((await deliver('[]')).statusCode).toBe(400);
    expect((await deliver('42')).statusCode).toBe(400);
  });
});
