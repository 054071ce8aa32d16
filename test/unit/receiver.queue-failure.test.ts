import { SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { loadReceiver, problemOf } from '../support/receiver.js';
import { apiGatewayEvent, fixture, signedHeaders } from '../support/standard-webhook.js';

const body = fixture('batch.json');

describe('a delivery when the queue fails', () => {
  it('is answered 503, never 202, when SQS cannot be reached', async () => {
    const { handler, sqs } = await loadReceiver();
    sqs.on(SendMessageBatchCommand).rejects(Object.assign(new Error('down'), { name: 'ServiceUnavailable' }));
    const response = await handler(apiGatewayEvent({ body, headers: signedHeaders(body) }));

    expect(response.statusCode).toBe(503);
    expect(problemOf(response)).toEqual({
      type: 'urn:heymarket-hr-sync:queue-unavailable',
      title: 'Temporarily unavailable',
      status: 503,
      detail: 'retry later',
    });
  });

  it('is answered 503 when some changes stay unsent after the retries', async () => {
    const { handler, sqs } = await loadReceiver();
    sqs.on(SendMessageBatchCommand).callsFake((input) => ({
      Successful: input.Entries.slice(1).map((entry: { Id: string }) => ({
        Id: entry.Id,
        MessageId: 'm',
        MD5OfMessageBody: '',
      })),
      Failed: [{ Id: input.Entries[0].Id, SenderFault: false, Code: 'InternalError' }],
    }));
    const response = await handler(apiGatewayEvent({ body, headers: signedHeaders(body) }));
    expect(response.statusCode).toBe(503);
  });
});
