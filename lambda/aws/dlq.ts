import { type MessageAttributeValue, SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { DeadLetterReason } from '../core/dead-letter.js';
import { SyncError } from '../core/errors.js';
import { newSqsClient } from './queue.js';

/** The message that could not be processed, as the worker received it. */
export interface DeadLetterRecord {
  body: string;
  /** The original String message attributes (`provider`, `eventId`, `type`, ...). */
  attributes?: Record<string, string>;
}

export interface DeadLetterWriter {
  send(record: DeadLetterRecord, reason: DeadLetterReason): Promise<void>;
}

export interface DeadLetterWriterOptions {
  client?: SQSClient;
  dlqUrl: string;
  now?: () => number;
}

// SQS allows 10 message attributes; the reason's come first, the original ones fill what is left.
const MAX_ATTRIBUTES = 10;
const MAX_ERROR_MESSAGE = 512;

/**
 * Sends a message the worker gave up on to the DLQ: the original body unchanged (so a redrive or the
 * replay tool sends exactly what was received) and the reason as message attributes. A failure is a
 * transient `dlq-unavailable`: the worker then reports the record as a batch failure, so SQS keeps it.
 */
export function createDeadLetterWriter(options: DeadLetterWriterOptions): DeadLetterWriter {
  const { dlqUrl, now = Date.now } = options;
  let client = options.client;
  return {
    async send(record, reason) {
      client ??= newSqsClient();
      const reasonAttributes = definedStrings({
        errorClass: reason.errorClass,
        errorMessage: reason.message.slice(0, MAX_ERROR_MESSAGE),
        failedAt: new Date(now()).toISOString(),
        firstSeenAt: reason.firstSeenAt,
        requestId: reason.requestId,
      });
      reasonAttributes.attempt = { DataType: 'Number', StringValue: String(reason.attempt) };
      const original = Object.entries(definedStrings(record.attributes ?? {}))
        .filter(([name]) => !(name in reasonAttributes))
        .slice(0, MAX_ATTRIBUTES - Object.keys(reasonAttributes).length);
      try {
        await client.send(
          new SendMessageCommand({
            QueueUrl: dlqUrl,
            MessageBody: record.body,
            MessageAttributes: { ...Object.fromEntries(original), ...reasonAttributes },
          }),
        );
      } catch (error) {
        const name = (error as { name?: unknown })?.name;
        throw new SyncError(
          'transient',
          'dlq-unavailable',
          `dlq: SendMessage failed (${typeof name === 'string' ? name : 'Error'})`,
          {},
          { cause: error },
        );
      }
    },
  };
}

/** SQS rejects empty attribute values, so absent and empty ones are left out. */
function definedStrings(values: Record<string, string | undefined>): Record<string, MessageAttributeValue> {
  return Object.fromEntries(
    Object.entries(values).flatMap(([name, value]) =>
      value ? [[name, { DataType: 'String', StringValue: value }]] : [],
    ),
  );
}
