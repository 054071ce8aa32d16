import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { ATTEMPT_ATTRIBUTE, deadLetterAttributes } from '../core/dead-letter.js';
import type { DeadLetterSink } from '../core/ports.js';
import { toMessageAttributes } from './message-attributes.js';
import { newSqsClient } from './queue.js';
import { sdkUnavailable } from './sdk-client.js';

export interface DeadLetterWriterOptions {
  client?: SQSClient;
  dlqUrl: string;
  now?: () => number;
}

/**
 * Sends a message the worker gave up on to the DLQ: the original body unchanged (so a redrive or the
 * replay tool sends exactly what was received) and the reason as message attributes, by the rules of
 * core/dead-letter.ts (`attempt` a Number, the rest Strings). A failure is a transient
 * `dlq-unavailable`: the worker then reports the record as a batch failure, so SQS keeps it.
 */
export function createDeadLetterWriter(options: DeadLetterWriterOptions): DeadLetterSink {
  const { dlqUrl, now = Date.now } = options;
  let client = options.client;
  return {
    async send(record, reason) {
      client ??= newSqsClient();
      const attributes = deadLetterAttributes(record.attributes ?? {}, reason, new Date(now()).toISOString());
      try {
        await client.send(
          new SendMessageCommand({
            QueueUrl: dlqUrl,
            MessageBody: record.body,
            MessageAttributes: toMessageAttributes(attributes, [ATTEMPT_ATTRIBUTE]),
          }),
        );
      } catch (error) {
        throw sdkUnavailable('dlq-unavailable', 'dlq: SendMessage', error);
      }
    },
  };
}
