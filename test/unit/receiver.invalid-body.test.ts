import { describe, expect, it } from 'vitest';
import { loadReceiver, problemOf, queuedMessages } from '../support/receiver.js';
import { apiGatewayEvent, fixture, signedHeaders } from '../support/standard-webhook.js';

describe('a signed delivery whose body is wrong', () => {
  it('is answered 400 when it is not JSON, saying so without quoting it', async () => {
    const { handler, sqs } = await loadReceiver();
    const body = '{"type": "employee.updated", "employee": {"workEmail": grace@example.test}}';
    const response = await handler(apiGatewayEvent({ body, headers: signedHeaders(body) }));

    expect(response.statusCode).toBe(400);
    const problem = problemOf(response);
    expect(problem.detail).toMatch(/^body: not valid JSON/);
    expect(problem.detail).not.toContain('grace');
    expect(queuedMessages(sqs)).toEqual([]);
  });

  it('is answered 400 naming the path of the field that breaks the schema', async () => {
    const { handler, sqs } = await loadReceiver();
    const body = fixture('invalid-email.json');
    const response = await handler(apiGatewayEvent({ body, headers: signedHeaders(body) }));

    expect(response.statusCode).toBe(400);
    expect(problemOf(response)).toEqual({
      type: 'urn:heymarket-hr-sync:body-invalid',
      title: 'Body not valid for this provider',
      status: 400,
      detail: 'body: [1].employee.workEmail Invalid email address',
    });
    expect(response.body).not.toContain('dorothy');
    expect(queuedMessages(sqs)).toEqual([]);
  });

  it('is answered 413 when over 256 KB, counted after base64 decoding', async () => {
    const { handler, sqs } = await loadReceiver();
    const body = Buffer.alloc(256 * 1024 + 1, ' ');
    const response = await handler(
      apiGatewayEvent({ body: body.toString('base64'), isBase64Encoded: true, headers: signedHeaders(body) }),
    );

    expect(response.statusCode).toBe(413);
    expect(problemOf(response).detail).toBe('body is 262145 bytes; the limit is 262144');
    expect(queuedMessages(sqs)).toEqual([]);
  });

  it('is accepted at exactly 256 KB', async () => {
    const { handler } = await loadReceiver();
    const json = fixture('employee-updated.json');
    const body = json.padEnd(256 * 1024, ' ');
    expect((await handler(apiGatewayEvent({ body, headers: signedHeaders(body) }))).statusCode).toBe(202);
  });

  it('is answered 401, not 400, when it is also unsigned: nothing is parsed before it is verified', async () => {
    const { handler } = await loadReceiver();
    expect((await handler(apiGatewayEvent({ body: 'not json' }))).statusCode).toBe(401);
  });
});
