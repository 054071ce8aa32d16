import * as z from 'zod/mini';
import { ACCESS_REVIEW_KEY, type AccessReviewReport } from '../core/access-review-report.js';
import { SyncError } from '../core/errors.js';
import { lazySchema } from '../core/lazy-schema.js';
import { unpackReview } from './access-review-store.js';

/**
 * The part of a DynamoDB Streams record (as Lambda hands it:
 * https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html) the leaver notifier reads: where it is in
 * the shard, which item changed, and that item's new image (the stream's view type is NEW_IMAGE).
 */
const StreamRecord = /* @__PURE__ */ lazySchema(() =>
  z.object({
    eventName: z.optional(z.string()),
    eventSourceARN: z.optional(z.string()),
    dynamodb: z.object({
      SequenceNumber: z.string().check(z.minLength(1)),
      Keys: z.optional(z.object({ pk: z.optional(z.object({ S: z.optional(z.string()) })) })),
      NewImage: z.optional(z.object({ review: z.optional(z.object({ S: z.string() })) })),
    }),
  }),
);

export interface ReviewRecord {
  /** What Lambda takes back as the `itemIdentifier` of a batch item failure. */
  sequenceNumber: string;
  /** The review the item now holds; undefined for any other item, or one no longer holding a review. */
  review: AccessReviewReport | undefined;
}

/**
 * The access review a stream record carries, decoded as the store decodes it (gzip, base64). Throws a
 * permanent SyncError when the record is not a DynamoDB Streams record or its review cannot be read:
 * reading it again would not change it.
 */
export function readReviewRecord(record: unknown): ReviewRecord {
  const parsed = StreamRecord.safeParse(record);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SyncError(
      'permanent',
      'access-review-record-invalid',
      `leaver notifier: a record is not a DynamoDB Streams record (${issue?.path.join('.') || 'record'}: ${issue?.message ?? 'invalid'}); check the event source mapping`,
    );
  }
  const { dynamodb, eventName, eventSourceARN } = parsed.data;
  const packed = dynamodb.NewImage?.review?.S;
  // The event source's filter passes only this item's inserts and updates; checked again here, since a
  // mapping edited by hand could pass anything.
  const ours = dynamodb.Keys?.pk?.S === ACCESS_REVIEW_KEY && eventName !== 'REMOVE';
  return {
    sequenceNumber: dynamodb.SequenceNumber,
    review:
      ours && packed !== undefined
        ? unpackReview(packed, `record ${dynamodb.SequenceNumber} of ${eventSourceARN ?? 'the stream'}`)
        : undefined,
  };
}
