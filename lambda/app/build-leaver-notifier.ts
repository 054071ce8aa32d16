import { readReviewRecord } from '../aws/access-review-stream.js';
import { classify } from '../core/errors.js';
import type { Log } from '../observability/log.js';
import { notifyStoredLeavers, type StoredLeaverNoticeDeps } from '../service/stream-leaver-notices.js';

export interface LeaverNotifierAdapters extends StoredLeaverNoticeDeps {
  log: Log;
  now: () => number;
}

export interface LeaverNotifierFunction {
  /**
   * One batch of the applied table's stream, in shard order. Resolves with the sequence number of the
   * first record that failed (Lambda then retries from it; the ones before it are done), or undefined.
   */
  handle(records: readonly unknown[]): Promise<string | undefined>;
}

/**
 * The leaver notifier function (lambda/handlers/leaver-notifier.ts): each record of the review's item
 * in turn (lambda/service/stream-leaver-notices.ts). A record that cannot be read is logged and passed
 * over (reading it again would not change it; the next write of the review is read instead); a notice
 * that fails stops the batch at its record, so no later record is handled before it.
 */
export function buildLeaverNotifier(adapters: LeaverNotifierAdapters): LeaverNotifierFunction {
  const { log, now } = adapters;
  return {
    async handle(records) {
      for (const record of records) {
        let read: ReturnType<typeof readReviewRecord>;
        try {
          read = readReviewRecord(record);
        } catch (error) {
          log.error('leaver notice record unreadable', { code: classify(error).code });
          continue;
        }
        if (read.review === undefined) continue;
        try {
          await notifyStoredLeavers(adapters, read.review, { now: now() });
        } catch (error) {
          // Its message names the topic and the SNS error, never a person (lambda/aws/leaver-notifier.ts).
          const { code, kind, message } = classify(error);
          log.error('leaver notice failed', { code, kind, reason: message });
          return read.sequenceNumber;
        }
      }
      return undefined;
    },
  };
}
