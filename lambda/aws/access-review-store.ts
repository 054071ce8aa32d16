import { randomUUID } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import {
  type DynamoDBClient,
  GetItemCommand,
  type GetItemCommandOutput,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { ACCESS_REVIEW_KEY, AccessReviewReport, parseStoredReview } from '../core/access-review-report.js';
import { SyncError } from '../core/errors.js';
import type { AccessReviewStore, AccessReviewUpdater } from '../core/ports.js';
import { newDynamoDbClient } from './applied-store.js';
import { sdkUnavailable } from './sdk-client.js';

// DynamoDB's item limit is 400 KB; names and emails compress well, and a review past this is refused
// whole rather than cut (a cut list would read as fewer findings than there are).
const MAX_REVIEW_BYTES = 350 * 1024;
// An update that lost the race this many times in a row gives up: the next reconcile run writes the
// whole review again anyway.
const UPDATE_ATTEMPTS = 4;

/**
 * The latest access review as one item of the applied table (`pk = access-review#latest`): the review
 * gzipped then base64 (`review`, it holds names and emails, as queue messages do) and its
 * `generatedAt` in the clear, for a person looking at the table. Read with a consistent read, so
 * the CLI sees the run that just finished. Every write sets a new random `version`, on which an
 * `update` conditions its own write (optimistic concurrency: the worker adding a leaver never
 * overwrites a review the reconcile run wrote after the worker read it).
 */
export function createDynamoAccessReviewStore(options: {
  tableName: string;
  client?: DynamoDBClient;
}): AccessReviewStore & AccessReviewUpdater {
  const { tableName } = options;
  let client = options.client;
  const dynamodb = () => {
    client ??= newDynamoDbClient();
    return client;
  };
  const readItem = async () => {
    let item: GetItemCommandOutput;
    try {
      item = await dynamodb().send(
        new GetItemCommand({
          TableName: tableName,
          Key: { pk: { S: ACCESS_REVIEW_KEY } },
          ConsistentRead: true,
        }),
      );
    } catch (error) {
      throw sdkUnavailable('access-review-unavailable', 'access-review: GetItem', error);
    }
    const version = item.Item?.version?.S;
    const packed = item.Item?.review?.S;
    if (packed === undefined) return { version, review: undefined };
    return { version, review: unpackReview(packed, `table ${tableName}`) };
  };

  /** Writes `report` with a new version; with `after`, only over the version read (undefined: none). */
  const writeItem = async (report: AccessReviewReport, after?: { version: string | undefined }) => {
    const packed = gzipSync(Buffer.from(JSON.stringify(AccessReviewReport.parse(report)))).toString('base64');
    if (packed.length > MAX_REVIEW_BYTES) {
      throw new SyncError(
        'permanent',
        'access-review-too-large',
        `access-review: ${report.findings.length} findings take ${packed.length} bytes, over ${MAX_REVIEW_BYTES}: narrow accessReview.scope`,
      );
    }
    const guard =
      after === undefined
        ? undefined
        : after.version === undefined
          ? 'attribute_not_exists(#version)'
          : '#version = :read';
    await dynamodb().send(
      new UpdateItemCommand({
        TableName: tableName,
        Key: { pk: { S: ACCESS_REVIEW_KEY } },
        UpdateExpression: 'SET #review = :review, #generatedAt = :generatedAt, #version = :version',
        ...(guard === undefined ? {} : { ConditionExpression: guard }),
        ExpressionAttributeNames: {
          '#review': 'review',
          '#generatedAt': 'generatedAt',
          '#version': 'version',
        },
        ExpressionAttributeValues: {
          ':review': { S: packed },
          ':generatedAt': { S: report.generatedAt },
          ':version': { S: randomUUID() },
          ...(after?.version === undefined ? {} : { ':read': { S: after.version } }),
        },
      }),
    );
  };

  return {
    async read() {
      return (await readItem()).review;
    },

    async write(report) {
      try {
        await writeItem(report);
      } catch (error) {
        if (error instanceof SyncError) throw error;
        throw sdkUnavailable('access-review-unavailable', 'access-review: UpdateItem', error);
      }
    },

    async update(apply) {
      for (let attempt = 1; ; attempt += 1) {
        const { version, review } = await readItem();
        const result = apply(review);
        if (result.review === undefined) return result;
        try {
          await writeItem(result.review, { version });
          return result;
        } catch (error) {
          if (error instanceof SyncError) throw error;
          if (!isConditionFailure(error)) {
            throw sdkUnavailable('access-review-unavailable', 'access-review: UpdateItem', error);
          }
          if (attempt >= UPDATE_ATTEMPTS) {
            throw new SyncError(
              'transient',
              'access-review-contended',
              `access-review: the review changed under ${attempt} updates in a row`,
            );
          }
        }
      }
    },
  };
}

/**
 * The review from its stored `review` attribute (gzipped JSON, base64): what GetItem reads and what
 * the table's stream carries in a record's new image. Throws a SyncError naming `where` when it is
 * not a review.
 */
export function unpackReview(packed: string, where: string): AccessReviewReport {
  let text: string;
  try {
    text = gunzipSync(Buffer.from(packed, 'base64')).toString('utf8');
  } catch {
    text = '';
  }
  return parseStoredReview(text, where);
}

const isConditionFailure = (error: unknown) =>
  (error as { name?: unknown })?.name === 'ConditionalCheckFailedException';
