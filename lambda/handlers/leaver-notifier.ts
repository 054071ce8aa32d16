import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { buildLeaverNotifier } from '../app/build-leaver-notifier.js';
import { LeaverNotifierEnv, readEnvironment } from '../app/environment.js';
import { createDynamoAccessReviewStore } from '../aws/access-review-store.js';
import { createSnsLeaverNotifier } from '../aws/leaver-notifier.js';
import { logger } from '../observability/logger.js';

const env = readEnvironment(LeaverNotifierEnv);
const graceHours = Number(env.LEAVER_GRACE_HOURS);
if (!Number.isSafeInteger(graceHours) || graceHours < 1) {
  throw new Error(
    'environment variable LEAVER_GRACE_HOURS must be a whole number of hours, 1 or more (the stack sets it from accessReview.leaverGraceHours)',
  );
}
const notifier = buildLeaverNotifier({
  store: createDynamoAccessReviewStore({ tableName: env.APPLIED_TABLE }),
  notifier: createSnsLeaverNotifier({
    topicArn: env.ALARM_TOPIC_ARN,
    stackName: env.STACK_NAME || undefined,
    graceHours,
  }),
  log: logger,
  now: Date.now,
});

/**
 * The applied table's stream, filtered by the event source to the access review's item
 * (infra/leaver-notices.ts): one notice per write that leaves leavers not yet notified. A record that
 * failed is reported by its sequence number, so Lambda retries from it and not the whole batch.
 */
export const handler = async (
  event: DynamoDBStreamEvent,
  context: Context,
): Promise<DynamoDBBatchResponse> => {
  logger.addContext(context);
  const failed = await notifier.handle(event.Records);
  return { batchItemFailures: failed === undefined ? [] : [{ itemIdentifier: failed }] };
};
