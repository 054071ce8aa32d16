import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ListMessageMoveTasksCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
  StartMessageMoveTaskCommand,
} from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { followMoveTask, type MoveTaskProgress, moveAll } from '../../lambda/aws/move-task.js';
import { type RedriveOptions, redriveSelected } from '../../lambda/aws/redrive.js';
import { deadLetter } from '../support/dead-letters.js';

const QUEUE_URL = 'https://sqs.eu-west-1.amazonaws.com/000000000000/hr-sync-changes';
const DLQ_URL = `${QUEUE_URL}-dlq`;
const sqs = mockClient(SQSClient);
const client = new SQSClient({ region: 'eu-west-1' });
const options = (overrides: Partial<RedriveOptions> = {}): RedriveOptions => ({
  client,
  dlqUrl: DLQ_URL,
  queueUrl: QUEUE_URL,
  filter: {},
  limit: 100,
  holdSeconds: 60,
  ...overrides,
});
const sent = () => sqs.commandCalls(SendMessageCommand).map((call) => call.args[0].input);
const deleted = () => sqs.commandCalls(DeleteMessageCommand).map((call) => call.args[0].input.ReceiptHandle);
const released = () =>
  sqs.commandCalls(ChangeMessageVisibilityCommand).map((call) => call.args[0].input.ReceiptHandle);

beforeEach(() => {
  sqs.reset();
  sqs.on(SendMessageCommand).resolves({ MessageId: 'new' });
  sqs.on(DeleteMessageCommand).resolves({});
  sqs.on(ChangeMessageVisibilityCommand).resolves({});
});

describe('replaying selected messages from the DLQ', () => {
  it('moves only the messages the filters select and releases the others at once', async () => {
    sqs
      .on(ReceiveMessageCommand)
      .resolvesOnce({
        Messages: [
          deadLetter('a', { errorClass: 'unknown-email', provider: 'hibob', employeeId: 'E7' }),
          deadLetter('b', { errorClass: 'unknown-email', provider: 'merge', employeeId: 'E7' }),
          deadLetter('c', { errorClass: 'heymarket-5xx', provider: 'hibob', employeeId: 'E7' }),
        ],
      })
      .resolves({ Messages: [] });
    const result = await redriveSelected(
      options({ filter: { errorClass: 'unknown-email', provider: 'hibob', employeeId: 'E7' } }),
    );
    expect(result).toMatchObject({ examined: 3, moved: 1, kept: 2, failed: 0 });
    expect(sent().map((input) => JSON.parse(input.MessageBody ?? '').eventId)).toEqual(['evt-a']);
    expect(deleted()).toEqual(['rh-a']);
    expect(released().sort()).toEqual(['rh-b', 'rh-c']);
    expect(released().every(Boolean)).toBe(true);
    expect(sqs.commandCalls(ChangeMessageVisibilityCommand)[0]?.args[0].input.VisibilityTimeout).toBe(0);
  });

  it('sends the original body and attributes with replayCount incremented and the stale reason dropped', async () => {
    const message = deadLetter('a', { errorClass: 'heymarket-5xx', replayCount: 1 });
    sqs
      .on(ReceiveMessageCommand)
      .resolvesOnce({ Messages: [message] })
      .resolves({});
    await redriveSelected(options());
    const [input] = sent();
    expect(input?.QueueUrl).toBe(QUEUE_URL);
    expect(input?.MessageBody).toBe(message.Body);
    expect(input?.MessageAttributes).toEqual({
      provider: { DataType: 'String', StringValue: 'standard' },
      eventId: { DataType: 'String', StringValue: 'evt-a' },
      type: { DataType: 'String', StringValue: 'employee.updated' },
      replayCount: { DataType: 'Number', StringValue: '2' },
    });
  });

  it('starts replayCount at 1 on a message never replayed', async () => {
    sqs
      .on(ReceiveMessageCommand)
      .resolvesOnce({ Messages: [deadLetter('a')] })
      .resolves({});
    await redriveSelected(options());
    expect(sent()[0]?.MessageAttributes?.replayCount).toEqual({ DataType: 'Number', StringValue: '1' });
  });

  it('deletes a message from the DLQ only after it was sent, and keeps it when the send fails', async () => {
    sqs
      .on(ReceiveMessageCommand)
      .resolvesOnce({ Messages: [deadLetter('a'), deadLetter('b')] })
      .resolves({});
    sqs
      .on(SendMessageCommand)
      .rejectsOnce(Object.assign(new Error('throttled'), { name: 'ThrottlingException' }))
      .resolves({});
    const result = await redriveSelected(options());
    expect(result).toMatchObject({ moved: 1, failed: 1 });
    expect(deleted()).toEqual(['rh-b']);
    expect(released()).toEqual(['rh-a']);
    // Every DeleteMessage comes after the SendMessage of the same message.
    const order = sqs.calls().map((call) => call.args[0].constructor.name);
    expect(order.indexOf('DeleteMessageCommand')).toBeGreaterThan(order.lastIndexOf('SendMessageCommand'));
  });

  it('moves nothing in a dry run, and says what it would have moved', async () => {
    sqs
      .on(ReceiveMessageCommand)
      .resolvesOnce({
        Messages: [
          deadLetter('a', { errorClass: 'unknown-email' }),
          deadLetter('b', { errorClass: 'heymarket-400' }),
        ],
      })
      .resolves({});
    const result = await redriveSelected(options({ filter: { errorClass: 'unknown-email' }, dryRun: true }));
    expect(result).toMatchObject({
      examined: 2,
      moved: 1,
      kept: 1,
      movedByErrorClass: { 'unknown-email': 1 },
    });
    expect(sent()).toEqual([]);
    expect(deleted()).toEqual([]);
    expect(released().sort()).toEqual(['rh-a', 'rh-b']);
  });
});

describe('the scheduled redrive', () => {
  it('moves back only transient failures replayed fewer than maxReplays times', async () => {
    sqs
      .on(ReceiveMessageCommand)
      .resolvesOnce({
        Messages: [
          deadLetter('timeout', { errorClass: 'hibob-timeout' }),
          deadLetter('sqs-gave-up'),
          deadLetter('permanent', { errorClass: 'unknown-email' }),
          deadLetter('tired', { errorClass: 'heymarket-429', replayCount: 3 }),
        ],
      })
      .resolves({});
    const result = await redriveSelected(options({ filter: { transientOnly: true, maxReplays: 3 } }));
    expect(sent().map((input) => input.MessageAttributes?.eventId?.StringValue)).toEqual([
      'evt-timeout',
      'evt-sqs-gave-up',
    ]);
    expect(result).toMatchObject({ moved: 2, kept: 2 });
    expect(released().sort()).toEqual(['rh-permanent', 'rh-tired']);
  });

  it('examines no more than its cap in one run', async () => {
    let next = 0;
    sqs.on(ReceiveMessageCommand).callsFake((input: { MaxNumberOfMessages: number }) => ({
      Messages: Array.from({ length: input.MaxNumberOfMessages }, () => deadLetter(`m${next++}`)),
    }));
    const result = await redriveSelected(options({ limit: 25 }));
    expect(result.examined).toBe(25);
    expect(sent()).toHaveLength(25);
    expect(
      sqs.commandCalls(ReceiveMessageCommand).map((call) => call.args[0].input.MaxNumberOfMessages),
    ).toEqual([10, 10, 5]);
  });

  it('starts no receive once the deadline has passed', async () => {
    let now = 0;
    sqs.on(ReceiveMessageCommand).callsFake(() => {
      now += 1000;
      return { Messages: [deadLetter(`m${now}`)] };
    });
    const result = await redriveSelected(options({ deadline: 2500, now: () => now }));
    expect(result.examined).toBe(3);
  });
});

describe('replaying everything', () => {
  beforeEach(() => {
    sqs.on(GetQueueAttributesCommand, { QueueUrl: DLQ_URL }).resolves({
      Attributes: {
        QueueArn: 'arn:aws:sqs:eu-west-1:000000000000:hr-sync-changes-dlq',
        ApproximateNumberOfMessages: '42',
      },
    });
    sqs.on(GetQueueAttributesCommand, { QueueUrl: QUEUE_URL }).resolves({
      Attributes: { QueueArn: 'arn:aws:sqs:eu-west-1:000000000000:hr-sync-changes' },
    });
    sqs.on(StartMessageMoveTaskCommand).resolves({ TaskHandle: 'task-1' });
  });

  it('starts a StartMessageMoveTask from the DLQ to the main queue at the given rate', async () => {
    const result = await moveAll({ client, dlqUrl: DLQ_URL, queueUrl: QUEUE_URL, ratePerSecond: 20 });
    expect(result).toEqual({
      approximateMessages: 42,
      taskHandle: 'task-1',
      sourceArn: 'arn:aws:sqs:eu-west-1:000000000000:hr-sync-changes-dlq',
    });
    expect(sqs.commandCalls(StartMessageMoveTaskCommand)[0]?.args[0].input).toEqual({
      SourceArn: 'arn:aws:sqs:eu-west-1:000000000000:hr-sync-changes-dlq',
      DestinationArn: 'arn:aws:sqs:eu-west-1:000000000000:hr-sync-changes',
      MaxNumberOfMessagesPerSecond: 20,
    });
  });

  it('starts no task in a dry run', async () => {
    const result = await moveAll({ client, dlqUrl: DLQ_URL, queueUrl: QUEUE_URL, dryRun: true });
    expect(result).toEqual({ approximateMessages: 42 });
    expect(sqs.commandCalls(StartMessageMoveTaskCommand)).toEqual([]);
  });
});

describe('following a move task', () => {
  const SOURCE_ARN = 'arn:aws:sqs:eu-west-1:000000000000:hr-sync-changes-dlq';
  const entry = (status: string, moved: number, extra: object = {}) => ({
    Status: status,
    SourceArn: SOURCE_ARN,
    ApproximateNumberOfMessagesMoved: moved,
    ApproximateNumberOfMessagesToMove: 40,
    ...extra,
  });
  const follow = (overrides: { deadline?: number; now?: () => number } = {}) => {
    const sleeps: number[] = [];
    const seen: MoveTaskProgress[] = [];
    const done = followMoveTask({
      client,
      sourceArn: SOURCE_ARN,
      taskHandle: 'task-1',
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      onProgress: (progress) => seen.push(progress),
      ...overrides,
    });
    return { done, sleeps, seen };
  };

  it("polls the DLQ's latest task every 2 s until it ends, reporting progress", async () => {
    sqs
      .on(ListMessageMoveTasksCommand)
      .resolvesOnce({ Results: [entry('RUNNING', 10, { TaskHandle: 'task-1' })] })
      .resolvesOnce({ Results: [entry('CANCELLING', 30, { TaskHandle: 'task-1' })] })
      // SQS drops the handle once a task is no longer RUNNING.
      .resolves({ Results: [entry('CANCELLED', 30)] });
    const { done, sleeps, seen } = follow();
    expect(await done).toEqual({ status: 'CANCELLED', moved: 30, toMove: 40 });
    expect(seen.map((progress) => progress.moved)).toEqual([10, 30, 30]);
    expect(sleeps).toEqual([2000, 2000]);
    expect(sqs.commandCalls(ListMessageMoveTasksCommand)[0]?.args[0].input).toEqual({
      SourceArn: SOURCE_ARN,
      MaxResults: 1,
    });
  });

  it('returns the failure reason of a FAILED task', async () => {
    sqs.on(ListMessageMoveTasksCommand).resolves({
      Results: [entry('FAILED', 5, { FailureReason: 'AWS.SimpleQueueService.NonExistentQueue' })],
    });
    expect(await follow().done).toEqual({
      status: 'FAILED',
      moved: 5,
      toMove: 40,
      failureReason: 'AWS.SimpleQueueService.NonExistentQueue',
    });
  });

  it('refuses to report on a task another one has replaced', async () => {
    sqs
      .on(ListMessageMoveTasksCommand)
      .resolves({ Results: [entry('RUNNING', 0, { TaskHandle: 'task-2' })] });
    await expect(follow().done).rejects.toMatchObject({
      kind: 'permanent',
      code: 'move-task-superseded',
    });
  });

  it('gives up on a task SQS never lists', async () => {
    sqs.on(ListMessageMoveTasksCommand).resolves({ Results: [] });
    const { done, sleeps } = follow();
    await expect(done).rejects.toMatchObject({ code: 'move-task-not-listed' });
    expect(sleeps).toHaveLength(4);
  });

  it('stops watching at the deadline and returns the last status seen', async () => {
    let now = 0;
    sqs.on(ListMessageMoveTasksCommand).callsFake(() => {
      now += 1000;
      return { Results: [entry('RUNNING', now / 100, { TaskHandle: 'task-1' })] };
    });
    const { done } = follow({ deadline: 4500, now: () => now });
    expect(await done).toEqual({ status: 'RUNNING', moved: 30, toMove: 40 });
  });
});
