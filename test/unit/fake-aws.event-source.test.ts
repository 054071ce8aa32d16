import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageBatchCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeAws, startFakeAws } from '../support/fake-aws.js';

let clock: number;
let aws: FakeAws;
let sqs: SQSClient;
let queueUrl: string;
let dlqUrl: string;

beforeEach(async () => {
  clock = 1_000_000;
  aws = await startFakeAws({ now: () => clock });
  sqs = new SQSClient({
    region: 'eu-west-1',
    endpoint: aws.url,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  queueUrl = aws.queueUrl('changes');
  dlqUrl = aws.queueUrl('changes-dlq');
  aws.setRedrive(queueUrl, { deadLetterQueueUrl: dlqUrl, maxReceiveCount: 2 });
});
afterEach(async () => {
  sqs.destroy();
  await aws.close();
});

const send = (body: string) =>
  sqs.send(
    new SendMessageCommand({
      QueueUrl: queueUrl,
      MessageBody: body,
      MessageAttributes: { provider: { DataType: 'String', StringValue: 'hibob' } },
    }),
  );
const poll = (max = 10) => aws.poll(queueUrl, { max, visibilityTimeoutSeconds: 30 });
const bodies = (event: { Records: { body: string }[] }) => event.Records.map((record) => record.body);

describe('fake SQS as the Lambda event source sees it', () => {
  it('delivers visible messages in order, hides them for the visibility timeout, and counts receives', async () => {
    for (const body of ['a', 'b', 'c']) await send(body);

    const first = poll(2);
    expect(bodies(first)).toEqual(['a', 'b']);
    expect(first.Records[0]?.attributes.ApproximateReceiveCount).toBe('1');
    expect(first.Records[0]?.eventSourceARN).toBe('arn:aws:sqs:eu-west-1:000000000000:changes');
    expect([aws.visibleCount(queueUrl), aws.inFlightCount(queueUrl)]).toEqual([1, 2]);
    expect(bodies(poll())).toEqual(['c']);

    clock += 29_999;
    expect(bodies(poll())).toEqual([]);
    clock += 1;
    const again = poll();
    expect(bodies(again)).toEqual(['a', 'b', 'c']);
    expect(again.Records[0]?.attributes.ApproximateReceiveCount).toBe('2');
  });

  it('deletes acked messages and ignores unknown or stale receipt handles', async () => {
    await send('a');
    await send('b');
    const stale = poll().Records.map((record) => record.receiptHandle);
    clock += 30_000;
    const [a] = poll().Records;

    aws.ack(queueUrl, [...stale, 'unknown']);
    expect(aws.messages(queueUrl)).toHaveLength(2);
    aws.ack(queueUrl, [a?.receiptHandle ?? '']);
    expect(aws.messages(queueUrl).map((message) => message.body)).toEqual(['b']);
  });

  it('moves a message already received maxReceiveCount times to the DLQ on the next poll', async () => {
    await send('a');
    poll();
    clock += 30_000;
    const { messageId } = poll().Records[0] ?? {};
    clock += 30_000;

    expect(bodies(poll())).toEqual([]);
    expect(aws.messages(queueUrl)).toEqual([]);
    expect(aws.messages(dlqUrl)).toEqual([
      expect.objectContaining({
        messageId,
        body: 'a',
        receiveCount: 0,
        attributes: { provider: { DataType: 'String', StringValue: 'hibob' } },
      }),
    ]);
    expect(aws.visibleCount(dlqUrl)).toBe(1);
  });

  it('sets visibility with ChangeMessageVisibilityBatch from now, shortening or extending it', async () => {
    await send('a');
    await send('b');
    const [a, b] = poll().Records;
    const changed = await sqs.send(
      new ChangeMessageVisibilityBatchCommand({
        QueueUrl: queueUrl,
        Entries: [
          { Id: '0', ReceiptHandle: a?.receiptHandle, VisibilityTimeout: 0 },
          { Id: '1', ReceiptHandle: b?.receiptHandle, VisibilityTimeout: 120 },
        ],
      }),
    );
    expect(changed).toMatchObject({ Successful: [{ Id: '0' }, { Id: '1' }], Failed: [] });

    expect(bodies(poll())).toEqual(['a']);
    clock += 119_999;
    expect([aws.visibleCount(queueUrl), aws.inFlightCount(queueUrl)]).toEqual([1, 1]);
    clock += 1;
    expect([aws.visibleCount(queueUrl), aws.inFlightCount(queueUrl)]).toEqual([2, 0]);
  });

  it('deletes by receipt handle with DeleteMessageBatch', async () => {
    await send('a');
    const [a] = poll().Records;
    const deleted = await sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: [{ Id: 'x', ReceiptHandle: a?.receiptHandle }],
      }),
    );

    expect(deleted).toMatchObject({ Successful: [{ Id: 'x' }], Failed: [] });
    expect(aws.messages(queueUrl)).toEqual([]);
  });
});
