import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import type { Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, describe, expect, it } from 'vitest';
import { deadLetter } from '../support/dead-letters.js';

const QUEUE_URL = 'https://sqs.eu-west-1.amazonaws.com/000000000000/hr-sync-changes';
const DLQ_URL = `${QUEUE_URL}-dlq`;
const sqs = mockClient(SQSClient);
const context = { getRemainingTimeInMillis: () => 120_000 } as Context;

beforeAll(() => {
  Object.assign(process.env, {
    AWS_REGION: 'eu-west-1',
    QUEUE_URL,
    DLQ_URL,
    MAX_REPLAYS: '3',
    REDRIVE_LIMIT: '2',
  });
});

describe('the scheduler function', () => {
  it('redrives transient failures only, replayed fewer than MAX_REPLAYS times, up to REDRIVE_LIMIT', async () => {
    sqs.on(ReceiveMessageCommand).resolvesOnce({
      Messages: [
        deadLetter('permanent', { errorClass: 'unknown-email' }),
        deadLetter('busy', { errorClass: 'heymarket-429' }),
      ],
    });
    sqs.on(SendMessageCommand).resolves({});
    sqs.on(DeleteMessageCommand).resolves({});
    sqs.on(ChangeMessageVisibilityCommand).resolves({});
    const { handler } = await import('../../lambda/handlers/scheduler.js');
    const result = await handler({}, context);
    expect(result).toMatchObject({ examined: 2, moved: 1, kept: 1 });
    expect(sqs.commandCalls(ReceiveMessageCommand)).toHaveLength(1);
    expect(sqs.commandCalls(SendMessageCommand)[0]?.args[0].input.QueueUrl).toBe(QUEUE_URL);
    expect(sqs.commandCalls(DeleteMessageCommand)[0]?.args[0].input).toEqual({
      QueueUrl: DLQ_URL,
      ReceiptHandle: 'rh-busy',
    });
  });
});
