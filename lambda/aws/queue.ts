import {
  type BatchResultErrorEntry,
  type MessageAttributeValue,
  SendMessageBatchCommand,
  type SendMessageBatchCommandOutput,
  type SendMessageBatchRequestEntry,
  SQSClient,
} from '@aws-sdk/client-sqs';
import type { EmployeeChange } from '../core/employee-change.js';
import { permanent, transient } from '../core/errors.js';
import type { ChangeQueue } from '../core/ports.js';
import { newAwsClient, sdkUnavailable } from './sdk-client.js';

export interface ChangeQueueOptions {
  client?: SQSClient;
  queueUrl: string;
  sleep?: (ms: number) => Promise<void>;
}

// SQS limits: 10 entries per SendMessageBatch, 256 KiB per message and per batch (body + attributes).
const MAX_ENTRIES = 10;
const MAX_BYTES = 256 * 1024;
// Resending only the failed entries: 3 rounds in all, short pauses, as the HR system waits for the 202.
const ROUNDS = 3;
const BACKOFF_MS = [50, 200];
// Chunks sent at once: 500 changes are 50 calls; a few in parallel keep the answer fast.
const PARALLEL_CALLS = 5;

export const newSqsClient = () => newAwsClient(SQSClient);

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

interface Message {
  body: string;
  attributes: Record<string, MessageAttributeValue>;
  bytes: number;
}

/**
 * SendMessageBatch in chunks of 10. Entries SQS reports failed with `SenderFault: false` are resent;
 * anything still unsent, and any SDK error (after the SDK's own retries), is a transient
 * `queue-unavailable`, which the receiver answers with 503 so the HR system retries the delivery.
 */
export function createChangeQueue(options: ChangeQueueOptions): ChangeQueue {
  const { queueUrl, sleep = sleepFor } = options;
  let client = options.client;

  const sendChunk = async (chunk: Message[]): Promise<void> => {
    client ??= newSqsClient();
    let pending = chunk.map(
      (message, index): SendMessageBatchRequestEntry => ({
        // Ids are unique within a batch: the position in the chunk, kept across rounds.
        Id: String(index),
        MessageBody: message.body,
        MessageAttributes: message.attributes,
      }),
    );
    let failed: BatchResultErrorEntry[] = [];
    for (let round = 0; round < ROUNDS && pending.length > 0; round += 1) {
      if (round > 0) await sleep(BACKOFF_MS[round - 1] ?? 200);
      let output: SendMessageBatchCommandOutput;
      try {
        output = await client.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: pending }));
      } catch (error) {
        throw sdkUnavailable('queue-unavailable', 'queue: SendMessageBatch', error);
      }
      failed = output.Failed ?? [];
      const retryable = new Set(failed.filter((entry) => !entry.SenderFault).map((entry) => entry.Id));
      const senderFaults = failed.filter((entry) => entry.SenderFault);
      if (senderFaults.length > 0) {
        // Resending would fail the same way; the delivery is answered 5xx so the sender retries it.
        throw transient(
          'queue-unavailable',
          `queue: SQS rejected ${senderFaults.length} message(s) (${codesOf(senderFaults)})`,
        );
      }
      pending = pending.filter((entry) => retryable.has(entry.Id));
    }
    if (pending.length > 0) {
      throw transient(
        'queue-unavailable',
        `queue: ${pending.length} message(s) still unsent after ${ROUNDS} rounds (${codesOf(failed)})`,
      );
    }
  };

  return {
    async send(changes) {
      const chunks = chunkBySize(changes.map(toMessage));
      const results: PromiseSettledResult<void>[] = [];
      for (let start = 0; start < chunks.length; start += PARALLEL_CALLS) {
        results.push(
          ...(await Promise.allSettled(chunks.slice(start, start + PARALLEL_CALLS).map(sendChunk))),
        );
      }
      const rejected = results.find((result) => result.status === 'rejected');
      if (rejected) throw rejected.reason;
    },
  };
}

/**
 * The change goes as it is: every producer made it with the EmployeeChange schema (a provider's parse,
 * reconcile from listed employees), and the worker parses each body again as it consumes it, the one
 * check that sees what really crossed the queue.
 */
function toMessage(change: EmployeeChange): Message {
  const body = JSON.stringify(change);
  const attributes: Record<string, MessageAttributeValue> = {
    provider: { DataType: 'String', StringValue: change.provider },
    eventId: { DataType: 'String', StringValue: change.eventId },
    type: { DataType: 'String', StringValue: change.type },
  };
  const bytes =
    Buffer.byteLength(body) +
    Object.entries(attributes).reduce(
      (sum, [name, value]) =>
        sum +
        Buffer.byteLength(name) +
        Buffer.byteLength(value.DataType ?? '') +
        Buffer.byteLength(value.StringValue ?? ''),
      0,
    );
  // The schema caps every field, so this cannot happen today; it guards against a schema that grows.
  if (bytes > MAX_BYTES) {
    throw permanent(
      'message-too-large',
      `queue: change ${change.eventId} is ${bytes} bytes, over the SQS limit`,
    );
  }
  return { body, attributes, bytes };
}

function chunkBySize(messages: Message[]): Message[][] {
  const chunks: Message[][] = [];
  let current: Message[] = [];
  let bytes = 0;
  for (const message of messages) {
    if (current.length === MAX_ENTRIES || bytes + message.bytes > MAX_BYTES) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(message);
    bytes += message.bytes;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/** SQS error codes only: an entry's `Message` is not ours to log. */
const codesOf = (entries: BatchResultErrorEntry[]) =>
  [...new Set(entries.map((entry) => entry.Code ?? 'unknown'))].join(', ') || 'unknown';
