import { ChangeMessageVisibilityBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { createVisibilityDelayer } from '../../lambda/aws/visibility.js';
import { recordingDeps } from '../support/recording.js';

const sqs = mockClient(SQSClient);
const QUEUE_URL = 'https://sqs.eu-west-1.amazonaws.com/000000000000/changes';

describe('hiding retried messages for their backoff', () => {
  beforeEach(() => sqs.reset());

  it('sets each message its own visibility, 10 per ChangeMessageVisibilityBatch', async () => {
    sqs.on(ChangeMessageVisibilityBatchCommand).resolves({ Successful: [], Failed: [] });
    const {
      deps: { log },
    } = recordingDeps();
    const delay = createVisibilityDelayer({ queueUrl: QUEUE_URL, client: new SQSClient({}), log });

    await delay(Array.from({ length: 12 }, (_, i) => ({ receiptHandle: `rh-${i}`, seconds: 30 * (i + 1) })));

    const calls = sqs.commandCalls(ChangeMessageVisibilityBatchCommand).map((call) => call.args[0].input);
    expect(calls.map((input) => input.Entries?.length)).toEqual([10, 2]);
    expect(calls[0]?.QueueUrl).toBe(QUEUE_URL);
    expect(calls[1]?.Entries).toEqual([
      { Id: '0', ReceiptHandle: 'rh-10', VisibilityTimeout: 330 },
      { Id: '1', ReceiptHandle: 'rh-11', VisibilityTimeout: 360 },
    ]);
  });

  it('logs and carries on when SQS refuses: the queue visibility timeout still brings the message back', async () => {
    sqs
      .on(ChangeMessageVisibilityBatchCommand)
      .rejects(Object.assign(new Error('x'), { name: 'ThrottlingException' }));
    const {
      deps: { log },
      logs: lines,
    } = recordingDeps();
    const delay = createVisibilityDelayer({ queueUrl: QUEUE_URL, client: new SQSClient({}), log });

    await expect(delay([{ receiptHandle: 'rh-1', seconds: 30 }])).resolves.toBeUndefined();

    expect(lines).toContainEqual(
      expect.objectContaining({
        message: 'backoff not set',
        attributes: { failed: 1, code: 'ThrottlingException' },
      }),
    );
  });
});
