import { ChangeMessageVisibilityBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { Log } from '../observability/log.js';
import { newSqsClient } from './queue.js';

/** A message SQS must deliver again, and how long it stays hidden first. */
export interface Delay {
  receiptHandle: string;
  seconds: number;
}

// SQS limit: 10 entries per ChangeMessageVisibilityBatch.
const MAX_ENTRIES = 10;

/**
 * Hides messages the worker hands back (`batchItemFailures`) for their backoff instead of the queue's
 * visibility timeout. Best effort: if SQS refuses, the message comes back after the queue's own
 * visibility timeout, which loses nothing, so a failure is logged and not thrown.
 */
export function createVisibilityDelayer(options: { queueUrl: string; client?: SQSClient; log: Log }) {
  const { queueUrl, log } = options;
  let client = options.client;
  return async (delays: readonly Delay[]): Promise<void> => {
    for (let start = 0; start < delays.length; start += MAX_ENTRIES) {
      const chunk = delays.slice(start, start + MAX_ENTRIES);
      try {
        client ??= newSqsClient();
        const output = await client.send(
          new ChangeMessageVisibilityBatchCommand({
            QueueUrl: queueUrl,
            Entries: chunk.map(({ receiptHandle, seconds }, index) => ({
              Id: String(index),
              ReceiptHandle: receiptHandle,
              VisibilityTimeout: seconds,
            })),
          }),
        );
        const failed = output.Failed?.length ?? 0;
        if (failed > 0) log.warn('backoff not set', { failed, code: output.Failed?.[0]?.Code });
      } catch (error) {
        log.warn('backoff not set', {
          failed: chunk.length,
          code: (error as { name?: string }).name ?? 'Error',
        });
      }
    }
  };
}
