import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { vi } from 'vitest';
import { ACCESS_REVIEW_KEY } from '../../lambda/core/access-review-report.js';
import type { FakeAws, Item } from './fake-aws.js';

const STREAM_ARN =
  'arn:aws:dynamodb:eu-west-1:000000000000:table/hr-sync-applied/stream/2026-03-10T12:00:00.000';
let sequence = 1000;

/**
 * The DynamoDB Streams record of one write, as Lambda hands it to a function whose table streams
 * NEW_IMAGE (https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html): the item's key and the item
 * as the write left it. Built from an item the fake stored, which is what the stream would carry.
 */
export function streamRecord(item: Item | undefined, eventName: 'INSERT' | 'MODIFY' | 'REMOVE' = 'MODIFY') {
  if (!item) throw new Error('streamRecord: no stored item to stream (was the review written?)');
  sequence += 1;
  // A snapshot, as the stream keeps it: later writes of the item do not change a record.
  const image = structuredClone(item);
  return {
    eventID: `event-${sequence}`,
    eventName,
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: 'eu-west-1',
    eventSourceARN: STREAM_ARN,
    dynamodb: {
      ApproximateCreationDateTime: 1_773_144_000,
      Keys: { pk: image.pk },
      ...(eventName === 'REMOVE' ? {} : { NewImage: image }),
      SequenceNumber: String(sequence).padStart(21, '0'),
      SizeBytes: JSON.stringify(image).length,
      StreamViewType: 'NEW_IMAGE',
    },
  } as DynamoDBRecord;
}

/** The access review item the fake holds now, as its next stream record. */
export const reviewRecord = (aws: FakeAws, table: string, eventName: 'INSERT' | 'MODIFY' = 'MODIFY') =>
  streamRecord(aws.items(table).get(ACCESS_REVIEW_KEY), eventName);

export const streamEvent = (...records: DynamoDBRecord[]): DynamoDBStreamEvent => ({ Records: records });

/**
 * The leaver notifier handler loaded fresh, its SDK clients pointed at the fake AWS, with the
 * environment the stack sets (infra/leaver-notices.ts); its logs are off unless `logLevel` is given.
 */
export async function loadLeaverNotifier(
  aws: FakeAws,
  options: { table: string; topicArn: string; logLevel?: string },
) {
  vi.stubEnv('AWS_ENDPOINT_URL', aws.url);
  vi.stubEnv('AWS_REGION', 'eu-west-1');
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'test');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'test');
  vi.stubEnv('APPLIED_TABLE', options.table);
  vi.stubEnv('ALARM_TOPIC_ARN', options.topicArn);
  vi.stubEnv('LEAVER_GRACE_HOURS', '24');
  vi.stubEnv('STACK_NAME', 'hr-sync-prod');
  vi.stubEnv('POWERTOOLS_LOG_LEVEL', options.logLevel ?? 'SILENT');
  vi.resetModules();
  const { handler } = await import('../../lambda/handlers/leaver-notifier.js');
  const context = { functionName: 'leaver-notifier', awsRequestId: 'request-1' } as Context;
  return (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => handler(event, context);
}
