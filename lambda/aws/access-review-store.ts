import { gunzipSync, gzipSync } from 'node:zlib';
import {
  type DynamoDBClient,
  GetItemCommand,
  type GetItemCommandOutput,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { ACCESS_REVIEW_KEY, AccessReviewReport, parseStoredReview } from '../core/access-review-report.js';
import { SyncError } from '../core/errors.js';
import type { AccessReviewStore } from '../core/ports.js';
import { newDynamoDbClient } from './applied-store.js';
import { sdkUnavailable } from './sdk-client.js';

// DynamoDB's item limit is 400 KB; names and emails compress well, and a review past this is refused
// whole rather than cut (a cut list would read as fewer findings than there are).
const MAX_REVIEW_BYTES = 350 * 1024;

/**
 * The latest access review as one item of the applied table (`pk = access-review#latest`): the review
 * gzipped then base64 (`review`, it holds names and emails, as queue messages do) and its
 * `generatedAt` in the clear, for a person looking at the table. Read with a consistent read, so
 * the CLI sees the run that just finished.
 */
export function createDynamoAccessReviewStore(options: {
  tableName: string;
  client?: DynamoDBClient;
}): AccessReviewStore {
  const { tableName } = options;
  let client = options.client;
  const dynamodb = () => {
    client ??= newDynamoDbClient();
    return client;
  };
  return {
    async read() {
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
      const packed = item.Item?.review?.S;
      if (packed === undefined) return undefined;
      let text: string;
      try {
        text = gunzipSync(Buffer.from(packed, 'base64')).toString('utf8');
      } catch {
        text = '';
      }
      return parseStoredReview(text, `table ${tableName}`);
    },

    async write(report) {
      const packed = gzipSync(Buffer.from(JSON.stringify(AccessReviewReport.parse(report)))).toString(
        'base64',
      );
      if (packed.length > MAX_REVIEW_BYTES) {
        throw new SyncError(
          'permanent',
          'access-review-too-large',
          `access-review: ${report.findings.length} findings take ${packed.length} bytes, over ${MAX_REVIEW_BYTES}: narrow accessReview.scope`,
        );
      }
      try {
        await dynamodb().send(
          new UpdateItemCommand({
            TableName: tableName,
            Key: { pk: { S: ACCESS_REVIEW_KEY } },
            UpdateExpression: 'SET #review = :review, #generatedAt = :generatedAt',
            ExpressionAttributeNames: { '#review': 'review', '#generatedAt': 'generatedAt' },
            ExpressionAttributeValues: {
              ':review': { S: packed },
              ':generatedAt': { S: report.generatedAt },
            },
          }),
        );
      } catch (error) {
        throw sdkUnavailable('access-review-unavailable', 'access-review: UpdateItem', error);
      }
    },
  };
}
