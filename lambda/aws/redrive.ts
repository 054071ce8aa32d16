import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  type Message,
  type MessageAttributeValue,
  ReceiveMessageCommand,
  SendMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { replayAttributes } from '../core/dead-letter.js';
import {
  countDeadLetter,
  countMoved,
  type DeadLetterCounts,
  emptyCounts,
  emptyRedriveResult,
  type RedriveResult,
} from '../core/dead-letter-counts.js';
import {
  type DeadLetterView,
  REPLAY_COUNT_ATTRIBUTE,
  type RedriveFilter,
  selects,
  viewOf,
} from '../core/redrive-selection.js';
import { attributeStrings, toMessageAttributes } from './message-attributes.js';

export type { DeadLetterCounts, RedriveResult };

/**
 * Reading and replaying the DLQ message by message, one implementation for the scheduled redrive
 * (scheduler λ) and the operator's CLI (moving everything at once is move-task.ts). A message is
 * deleted from the DLQ only after SendMessage to the main queue succeeded; every other message
 * received is released (visibility 0) at the end of the run.
 * The main queue gives it a new messageId, so nothing may key on it (as for SQS's own redrive:
 * https://docs.amazonaws.cn/en_us/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-configure-dead-letter-queue-redrive.html);
 * eventId stays.
 */

export interface ScanOptions {
  client: SQSClient;
  dlqUrl: string;
  /** Stop after this many distinct messages. */
  limit: number;
  /** How long a received message stays hidden from other readers while this run holds it. */
  holdSeconds: number;
  /** Epoch ms after which no new receive starts (a Lambda's remaining time). */
  deadline?: number | undefined;
  now?: () => number;
}

interface Received {
  view: DeadLetterView;
  body: string;
  receiptHandle: string;
  attributes: Record<string, MessageAttributeValue>;
}

/** Receives distinct messages until the DLQ answers empty, the limit or the deadline. */
async function* scan(options: ScanOptions): AsyncGenerator<Received> {
  const { client, dlqUrl, limit, holdSeconds, deadline, now = Date.now } = options;
  const seen = new Set<string>();
  while (seen.size < limit && (deadline === undefined || now() < deadline)) {
    const output = await client.send(
      new ReceiveMessageCommand({
        QueueUrl: dlqUrl,
        MaxNumberOfMessages: Math.min(10, limit - seen.size),
        VisibilityTimeout: holdSeconds,
        // A short wait: short polling samples a few servers and can answer empty with messages left.
        WaitTimeSeconds: 1,
        MessageAttributeNames: ['All'],
      }),
    );
    const fresh = (output.Messages ?? []).filter(
      (message) => message.MessageId && message.ReceiptHandle && !seen.has(message.MessageId),
    );
    if (fresh.length === 0) return;
    for (const message of fresh) {
      seen.add(message.MessageId as string);
      yield received(message);
    }
  }
}

function received(message: Message): Received {
  const attributes = message.MessageAttributes ?? {};
  const body = message.Body ?? '';
  return {
    view: viewOf({ messageId: message.MessageId as string, body, attributes: attributeStrings(attributes) }),
    body,
    receiptHandle: message.ReceiptHandle as string,
    attributes,
  };
}

/**
 * Counts by error class and provider. Deletes nothing, and releases what it read at the end, so a
 * `replay` right after a `list` finds every message.
 */
export async function countDeadLetters(
  options: ScanOptions & { onProgress?: (done: number) => void },
): Promise<DeadLetterCounts> {
  const counts = emptyCounts();
  const held: Received[] = [];
  try {
    for await (const message of scan(options)) {
      held.push(message);
      countDeadLetter(counts, message.view);
      options.onProgress?.(counts.total);
    }
  } finally {
    await release(options.client, options.dlqUrl, held);
  }
  return counts;
}

/** Every message read (up to `limit`), as views; deletes nothing and releases them all at the end. */
export async function listDeadLetters(
  options: ScanOptions & { onProgress?: (done: number) => void },
): Promise<DeadLetterView[]> {
  const held: Received[] = [];
  try {
    for await (const message of scan(options)) {
      held.push(message);
      options.onProgress?.(held.length);
    }
  } finally {
    await release(options.client, options.dlqUrl, held);
  }
  return held.map((message) => message.view);
}

/**
 * One message by its message id or its event id (a replay gives a message a new id; the event id
 * stays), or undefined when it was not among `limit` received.
 */
export async function findDeadLetter(
  options: ScanOptions & { id: string },
): Promise<DeadLetterView | undefined> {
  const held: Received[] = [];
  try {
    for await (const message of scan(options)) {
      held.push(message);
      const { view } = message;
      if (view.messageId === options.id || view.eventId === options.id) return view;
    }
    return undefined;
  } finally {
    await release(options.client, options.dlqUrl, held);
  }
}

export interface RedriveOptions extends ScanOptions {
  queueUrl: string;
  filter: RedriveFilter;
  /** Select and count, send and delete nothing. */
  dryRun?: boolean | undefined;
  onProgress?: (done: number) => void;
}

/** Receive, filter, resend: moves the selected messages back to the main queue, one at a time. */
export async function redriveSelected(options: RedriveOptions): Promise<RedriveResult> {
  const { client, dlqUrl, queueUrl, filter, dryRun = false } = options;
  const result = emptyRedriveResult();
  // Held until the end of the run, so the scan does not receive them again.
  const toRelease: Received[] = [];
  try {
    for await (const message of scan(options)) {
      result.examined += 1;
      options.onProgress?.(result.examined);
      if (!selects(message.view, filter) || dryRun) {
        if (dryRun && selects(message.view, filter)) countMoved(result, message.view);
        else result.kept += 1;
        toRelease.push(message);
        continue;
      }
      try {
        await client.send(
          new SendMessageCommand({
            QueueUrl: queueUrl,
            MessageBody: message.body,
            MessageAttributes: replayMessageAttributes(message.attributes, message.view.replayCount),
          }),
        );
      } catch {
        result.failed += 1;
        toRelease.push(message);
        continue;
      }
      countMoved(result, message.view);
      try {
        await client.send(
          new DeleteMessageCommand({ QueueUrl: dlqUrl, ReceiptHandle: message.receiptHandle }),
        );
      } catch {
        result.notDeleted += 1;
      }
    }
  } finally {
    await release(client, dlqUrl, toRelease);
  }
  return result;
}

/**
 * The rule of core/dead-letter.ts over SQS values: each attribute is seen by name (a Binary one as
 * ''), and what stays is sent with the type and value it was received with; `replayCount` a Number.
 */
function replayMessageAttributes(
  attributes: Record<string, MessageAttributeValue>,
  replayCount: number,
): Record<string, MessageAttributeValue> {
  const byName = Object.fromEntries(
    Object.entries(attributes).map(([name, value]) => [name, value.StringValue ?? '']),
  );
  return toMessageAttributes(replayAttributes(byName, replayCount), [REPLAY_COUNT_ATTRIBUTE], attributes);
}

/** Makes held messages visible again at once; a failure only delays them until their hold ends. */
async function release(client: SQSClient, dlqUrl: string, messages: Received[]): Promise<void> {
  await Promise.allSettled(
    messages.map((message) =>
      client.send(
        new ChangeMessageVisibilityCommand({
          QueueUrl: dlqUrl,
          ReceiptHandle: message.receiptHandle,
          VisibilityTimeout: 0,
        }),
      ),
    ),
  );
}
