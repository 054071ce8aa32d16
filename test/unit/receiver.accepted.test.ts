import { describe, expect, it } from 'vitest';
import { EmployeeChange } from '../../lambda/core/employee-change.js';
import { loadReceiver, QUEUE_URL, queuedMessages } from '../support/receiver.js';
import { apiGatewayEvent, fixture, signedHeaders } from '../support/standard-webhook.js';

describe('a valid standard delivery', () => {
  it('is answered 202 once its change is on the queue', async () => {
    const { handler, sqs } = await loadReceiver();
    const body = fixture('employee-updated.json');
    const response = await handler(
      apiGatewayEvent({ body, headers: signedHeaders(body, { id: 'msg_one' }) }),
    );

    expect(response.statusCode).toBe(202);
    expect(response.headers?.['content-type']).toBe('application/json');
    expect(JSON.parse(response.body)).toEqual({ accepted: 1, duplicates: 0, eventIds: ['msg_one'] });
    const [message, ...rest] = queuedMessages(sqs);
    expect(rest).toEqual([]);
    expect(EmployeeChange.parse(message?.body)).toMatchObject({
      provider: 'standard',
      eventId: 'msg_one',
      type: 'employee.updated',
      employee: { id: 'E1001', workEmail: 'grace.hopper@example.test' },
    });
    expect(message?.attributes?.eventId?.StringValue).toBe('msg_one');
    expect(sqs.calls()[0]?.args[0].input).toMatchObject({ QueueUrl: QUEUE_URL });
  });

  it('with a list puts one message per change on the queue', async () => {
    const { handler, sqs } = await loadReceiver();
    const body = fixture('batch.json');
    const response = await handler(
      apiGatewayEvent({ body, headers: signedHeaders(body, { id: 'msg_list' }) }),
    );

    expect(response.statusCode).toBe(202);
    expect(JSON.parse(response.body)).toEqual({
      accepted: 3,
      duplicates: 0,
      eventIds: ['chg-7f3a', 'msg_list#1', 'msg_list#2'],
    });
    expect(queuedMessages(sqs).map((message) => message.body.employee.id)).toEqual([
      'E2001',
      'E2002',
      'E2003',
    ]);
  });

  it('counts a change repeated in the same delivery as a duplicate and queues it once', async () => {
    const { handler, sqs } = await loadReceiver();
    const change = JSON.parse(fixture('batch.json'))[0];
    const body = JSON.stringify([change, change]);
    const response = await handler(apiGatewayEvent({ body, headers: signedHeaders(body) }));

    expect(JSON.parse(response.body)).toEqual({ accepted: 1, duplicates: 1, eventIds: ['chg-7f3a'] });
    expect(queuedMessages(sqs)).toHaveLength(1);
  });

  it('verifies a base64-encoded body on its decoded bytes', async () => {
    const { handler, sqs } = await loadReceiver();
    const body = Buffer.from(fixture('employee-updated.json').replace('Grace', 'Grâce'));
    const response = await handler(
      apiGatewayEvent({ body: body.toString('base64'), isBase64Encoded: true, headers: signedHeaders(body) }),
    );

    expect(response.statusCode).toBe(202);
    expect(queuedMessages(sqs)[0]?.body.employee.firstName).toBe('Grâce');
  });

  it('finds its headers whatever their case', async () => {
    const { handler } = await loadReceiver();
    const body = fixture('employee-updated.json');
    const signed = signedHeaders(body);
    const headers = {
      'Webhook-Id': signed['webhook-id'] ?? '',
      'WEBHOOK-TIMESTAMP': signed['webhook-timestamp'] ?? '',
      'Webhook-Signature': signed['webhook-signature'] ?? '',
    };
    expect((await handler(apiGatewayEvent({ body, headers }))).statusCode).toBe(202);
  });

  it('finds a header given only in multiValueHeaders', async () => {
    const { handler } = await loadReceiver();
    const body = fixture('employee-updated.json');
    const event = apiGatewayEvent({ body, headers: signedHeaders(body) });
    event.headers = { 'Content-Type': 'application/json' };
    expect((await handler(event)).statusCode).toBe(202);
  });
});
