import { SendMessageBatchCommand, type SendMessageBatchRequestEntry, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { createChangeQueue } from '../../lambda/aws/queue.js';
import { EmployeeChange } from '../../lambda/core/employee-change.js';
import { syncBatch } from '../../lambda/service/sync-batch.js';
import { makeChange } from '../support/changes.js';
import { MemoryHeymarket, queueRecord, workerDeps } from '../support/worker-deps.js';

const QUEUE_URL = 'https://sqs.eu-west-1.amazonaws.com/000000000000/hr-sync-changes';
const sqs = mockClient(SQSClient);
const changes = (n: number) => Array.from({ length: n }, (_, i) => makeChange({ eventId: `evt-${i}` }));
const sent = () =>
  sqs
    .commandCalls(SendMessageBatchCommand)
    .map((call) => call.args[0].input.Entries as SendMessageBatchRequestEntry[]);
const succeed = (entries: SendMessageBatchRequestEntry[]) =>
  entries.map((entry) => ({ Id: entry.Id, MessageId: `m-${entry.Id}`, MD5OfMessageBody: '' }));

describe('putting changes on the queue', () => {
  const sleeps: number[] = [];
  const queue = () =>
    createChangeQueue({
      client: new SQSClient({}),
      queueUrl: QUEUE_URL,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
    });

  beforeEach(() => {
    sqs.reset();
    sleeps.length = 0;
    sqs
      .on(SendMessageBatchCommand)
      .callsFake((input) => ({ Successful: succeed(input.Entries), Failed: [] }));
  });

  it('sends batches of at most 10 with ids unique in each batch', async () => {
    await queue().send(changes(23));
    const batches = sent();
    expect(batches.map((entries) => entries.length)).toEqual([10, 10, 3]);
    for (const entries of batches)
      expect(new Set(entries.map((entry) => entry.Id)).size).toBe(entries.length);
    expect(sqs.commandCalls(SendMessageBatchCommand)[0]?.args[0].input.QueueUrl).toBe(QUEUE_URL);
  });

  it('sends each change as its EmployeeChange JSON with provider, eventId and type attributes', async () => {
    const change = makeChange({ eventId: 'evt-42', type: 'employee.created' });
    await queue().send([change]);
    const entry = sent()[0]?.[0];
    expect(EmployeeChange.parse(JSON.parse(entry?.MessageBody ?? ''))).toEqual(change);
    expect(entry?.MessageAttributes).toEqual({
      provider: { DataType: 'String', StringValue: 'standard' },
      eventId: { DataType: 'String', StringValue: 'evt-42' },
      type: { DataType: 'String', StringValue: 'employee.created' },
    });
  });

  it('sends nothing for no changes', async () => {
    await queue().send([]);
    expect(sent()).toEqual([]);
  });

  it('resends only the entries that failed on the SQS side, after a short pause', async () => {
    sqs
      .on(SendMessageBatchCommand)
      .callsFakeOnce((input) => ({
        Successful: succeed(input.Entries.slice(0, 8)),
        Failed: input.Entries.slice(8).map((entry: { Id: string }) => ({
          Id: entry.Id,
          SenderFault: false,
          Code: 'InternalError',
        })),
      }))
      .callsFake((input) => ({ Successful: succeed(input.Entries), Failed: [] }));
    await queue().send(changes(10));
    const [first, second] = sent();
    expect(first).toHaveLength(10);
    expect(second?.map((entry) => JSON.parse(entry.MessageBody ?? '').eventId)).toEqual(['evt-8', 'evt-9']);
    expect(sleeps).toHaveLength(1);
  });

  it('gives up after 3 rounds with a transient queue-unavailable error', async () => {
    sqs.on(SendMessageBatchCommand).callsFake((input) => ({
      Successful: succeed(input.Entries.slice(1)),
      Failed: [{ Id: input.Entries[0].Id, SenderFault: false, Code: 'ServiceUnavailable' }],
    }));
    await expect(queue().send(changes(3))).rejects.toMatchObject({
      kind: 'transient',
      code: 'queue-unavailable',
      message: 'queue: 1 message(s) still unsent after 3 rounds (ServiceUnavailable)',
    });
    expect(sent()).toHaveLength(3);
    expect(sleeps).toHaveLength(2);
  });

  it('does not resend an entry SQS rejected as our fault', async () => {
    sqs.on(SendMessageBatchCommand).callsFake((input) => ({
      Successful: [],
      Failed: [{ Id: input.Entries[0].Id, SenderFault: true, Code: 'InvalidParameterValue', Message: 'x' }],
    }));
    await expect(queue().send(changes(1))).rejects.toMatchObject({
      kind: 'transient',
      code: 'queue-unavailable',
    });
    expect(sent()).toHaveLength(1);
  });

  it('turns an SDK error into a transient queue-unavailable error', async () => {
    sqs.on(SendMessageBatchCommand).rejects(Object.assign(new Error('boom'), { name: 'TimeoutError' }));
    await expect(queue().send(changes(1))).rejects.toMatchObject({
      kind: 'transient',
      code: 'queue-unavailable',
      message: 'queue: SendMessageBatch failed (TimeoutError)',
    });
  });

  it('fails the whole send when one of several batches fails', async () => {
    sqs
      .on(SendMessageBatchCommand)
      .callsFakeOnce((input) => ({ Successful: succeed(input.Entries), Failed: [] }))
      .rejectsOnce(Object.assign(new Error('boom'), { name: 'InternalError' }))
      .callsFake((input) => ({ Successful: succeed(input.Entries), Failed: [] }));
    await expect(queue().send(changes(25))).rejects.toMatchObject({ code: 'queue-unavailable' });
  });

  it('sends a change as its producer made it; the worker, which parses every body, dead-letters a wrong one unchanged', async () => {
    const bad = { ...makeChange({ eventId: 'evt-bad' }), occurredAt: 'yesterday' };
    await queue().send([bad]);
    const entry = sent()[0]?.[0];
    expect(entry?.MessageBody).toBe(JSON.stringify(bad));

    const { deps, options, deadLettered } = workerDeps(new MemoryHeymarket().add(1, 'ada@example.test'));
    const record = { ...queueRecord(bad), body: entry?.MessageBody ?? '' };
    const result = await syncBatch([record], deps, options);

    expect(result.retry).toEqual([]);
    expect(deadLettered.map(({ record: dead, reason }) => [dead.body, reason.errorClass])).toEqual([
      [JSON.stringify(bad), 'invalid-message'],
    ]);
  });
});
