import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { createDeadLetterWriter } from '../../lambda/aws/dlq.js';

const DLQ_URL = 'https://sqs.eu-west-1.amazonaws.com/000000000000/hr-sync-changes-dlq';
const sqs = mockClient(SQSClient);
const BODY = '{"v":1,"provider":"standard","eventId":"evt-9"}';
const writer = () =>
  createDeadLetterWriter({ client: new SQSClient({}), dlqUrl: DLQ_URL, now: () => Date.UTC(2026, 1, 1, 12) });
const sentInput = () => sqs.commandCalls(SendMessageCommand)[0]?.args[0].input;

describe('dead-lettering a message', () => {
  beforeEach(() => {
    sqs.reset();
    sqs.on(SendMessageCommand).resolves({ MessageId: 'dlq-1' });
  });

  it('sends the original body unchanged with the original attributes and the reason', async () => {
    await writer().send(
      { body: BODY, attributes: { provider: 'standard', eventId: 'evt-9', type: 'employee.updated' } },
      {
        errorClass: 'unknown-email',
        message: 'no Heymarket user has the work email of employee E1',
        attempt: 2,
        firstSeenAt: '2026-02-01T11:59:00.000Z',
        requestId: 'req-123',
      },
    );
    expect(sentInput()).toEqual({
      QueueUrl: DLQ_URL,
      MessageBody: BODY,
      MessageAttributes: {
        provider: { DataType: 'String', StringValue: 'standard' },
        eventId: { DataType: 'String', StringValue: 'evt-9' },
        type: { DataType: 'String', StringValue: 'employee.updated' },
        errorClass: { DataType: 'String', StringValue: 'unknown-email' },
        errorMessage: {
          DataType: 'String',
          StringValue: 'no Heymarket user has the work email of employee E1',
        },
        failedAt: { DataType: 'String', StringValue: '2026-02-01T12:00:00.000Z' },
        firstSeenAt: { DataType: 'String', StringValue: '2026-02-01T11:59:00.000Z' },
        requestId: { DataType: 'String', StringValue: 'req-123' },
        attempt: { DataType: 'Number', StringValue: '2' },
      },
    });
  });

  it('leaves out the request id and first-seen time when there are none', async () => {
    await writer().send({ body: BODY }, { errorClass: 'invalid-message', message: 'not v1', attempt: 1 });
    expect(Object.keys(sentInput()?.MessageAttributes ?? {}).sort()).toEqual([
      'attempt',
      'errorClass',
      'errorMessage',
      'failedAt',
    ]);
  });

  it('keeps within the 10 attributes SQS allows, the reason first', async () => {
    const attributes = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`a${i}`, `v${i}`]));
    await writer().send(
      { body: BODY, attributes: { ...attributes, errorClass: 'old' } },
      { errorClass: 'heymarket-400', message: 'rejected', attempt: 5, requestId: 'r' },
    );
    const sentAttributes = sentInput()?.MessageAttributes ?? {};
    expect(Object.keys(sentAttributes)).toHaveLength(10);
    expect(sentAttributes.errorClass?.StringValue).toBe('heymarket-400');
  });

  it('shortens a long error message', async () => {
    await writer().send({ body: BODY }, { errorClass: 'x', message: 'm'.repeat(2_000), attempt: 1 });
    expect(sentInput()?.MessageAttributes?.errorMessage?.StringValue).toHaveLength(512);
  });

  it('fails with a transient dlq-unavailable error, so the worker keeps the message on the queue', async () => {
    sqs.on(SendMessageCommand).rejects(Object.assign(new Error('down'), { name: 'ServiceUnavailable' }));
    await expect(
      writer().send({ body: BODY }, { errorClass: 'x', message: 'y', attempt: 1 }),
    ).rejects.toMatchObject({ kind: 'transient', code: 'dlq-unavailable' });
  });
});
