import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { createDynamoAccessReviewStore } from '../aws/access-review-store.js';
import { scanRecentlyApplied } from '../aws/applied-scan.js';
import { newDynamoDbClient } from '../aws/applied-store.js';
import { followMoveTask, moveAll } from '../aws/move-task.js';
import { newSqsClient } from '../aws/queue.js';
import { countDeadLetters, findDeadLetter, listDeadLetters, redriveSelected } from '../aws/redrive.js';
import { type QueueUrls, resolveQueueUrls } from './dlq-queues.js';
import { UsageError } from './exit-errors.js';
import { cachedStackOutputs, type StackOutputs } from './stack-outputs.js';
import type { QueueDepth, Target, TargetFlags } from './target-types.js';

// `list`, `show` and `status` release what they read when done; the hold only bounds a crash in between.
const LIST_HOLD_SECONDS = 30;
// A replay holds what it does not move until the end of the run, then releases it.
const REPLAY_HOLD_SECONDS = 600;
// One Scan page: at ~300 bytes an item, about a third of DynamoDB's 1 MB page, ~40 read units at most.
const APPLIED_SCAN_ITEMS = 1_000;

export interface AwsTargetOptions {
  label: string;
  queueUrls: () => Promise<QueueUrls>;
  appliedTable: () => Promise<string>;
  sqs?: SQSClient;
  dynamodb?: DynamoDBClient;
}

/** The deployed stack: SQS main queue and DLQ, DynamoDB applied table, through the shared adapters. */
export function createAwsTarget(options: AwsTargetOptions): Target {
  let sqs = options.sqs;
  let dynamodb = options.dynamodb;
  const sqsClient = () => {
    sqs ??= newSqsClient();
    return sqs;
  };
  let urls: Promise<QueueUrls> | undefined;
  const queueUrls = () => {
    urls ??= options.queueUrls();
    return urls;
  };

  /** A read of the DLQ (`list`, `show`, `status`): each message is held briefly, then released. */
  const dlqRead = async (limit: number, onProgress?: (done: number) => void) => ({
    client: sqsClient(),
    dlqUrl: (await queueUrls()).dlqUrl,
    limit,
    holdSeconds: LIST_HOLD_SECONDS,
    ...(onProgress ? { onProgress } : {}),
  });

  return {
    label: options.label,

    async depth(which) {
      const { queueUrl, dlqUrl } = await queueUrls();
      const output = await sqsClient().send(
        new GetQueueAttributesCommand({
          QueueUrl: which === 'main' ? queueUrl : dlqUrl,
          AttributeNames: [
            'ApproximateNumberOfMessages',
            'ApproximateNumberOfMessagesNotVisible',
            'ApproximateNumberOfMessagesDelayed',
          ],
        }),
      );
      const count = (name: string) => Number(output.Attributes?.[name as 'ApproximateNumberOfMessages'] ?? 0);
      return {
        visible: count('ApproximateNumberOfMessages'),
        inFlight: count('ApproximateNumberOfMessagesNotVisible'),
        delayed: count('ApproximateNumberOfMessagesDelayed'),
      } satisfies QueueDepth;
    },

    async countDeadLetters({ limit, onProgress }) {
      return countDeadLetters(await dlqRead(limit, onProgress));
    },

    async listDeadLetters({ limit, onProgress }) {
      return listDeadLetters(await dlqRead(limit, onProgress));
    },

    async findDeadLetter({ limit, id }) {
      return findDeadLetter({ ...(await dlqRead(limit)), id });
    },

    async replaySelected({ filter, dryRun, limit, onProgress }) {
      const { queueUrl, dlqUrl } = await queueUrls();
      return redriveSelected({
        client: sqsClient(),
        dlqUrl,
        queueUrl,
        filter,
        dryRun,
        limit,
        holdSeconds: REPLAY_HOLD_SECONDS,
        ...(onProgress ? { onProgress } : {}),
      });
    },

    async moveAll({ ratePerSecond, dryRun }) {
      const { queueUrl, dlqUrl } = await queueUrls();
      return moveAll({ client: sqsClient(), dlqUrl, queueUrl, ratePerSecond, dryRun });
    },

    followMove(started, { sleep, onProgress }) {
      const { sourceArn, taskHandle } = started;
      if (!sourceArn || !taskHandle) throw new Error('followMove needs a started move task');
      return followMoveTask({
        client: sqsClient(),
        sourceArn,
        taskHandle,
        ...(sleep ? { sleep } : {}),
        ...(onProgress ? { onProgress } : {}),
      });
    },

    followHint: (started) =>
      `aws sqs list-message-move-tasks --source-arn ${started.sourceArn ?? '<DLQ ARN>'}`,

    async recentlyApplied({ count }) {
      const tableName = await options.appliedTable();
      dynamodb ??= newDynamoDbClient();
      const scan = await scanRecentlyApplied({
        client: dynamodb,
        tableName,
        pageSize: APPLIED_SCAN_ITEMS,
        count,
      });
      return { source: `table ${tableName}`, ...scan };
    },

    async latestAccessReview() {
      const tableName = await options.appliedTable();
      dynamodb ??= newDynamoDbClient();
      return createDynamoAccessReviewStore({ tableName, client: dynamodb }).read();
    },
  };
}

/**
 * Queues and table from flags, then the environment (`QUEUE_URL`, `DLQ_URL`, `APPLIED_TABLE`, the
 * names the functions use), then the `--stack` outputs; each is resolved only when a command uses it.
 */
export function awsTargetFromFlags(
  flags: TargetFlags,
  env: Record<string, string | undefined> = process.env,
  outputsOf: StackOutputs = cachedStackOutputs(),
): Target {
  return createAwsTarget({
    label: flags.stack ? `stack ${flags.stack}` : 'the queues and table given by flags or environment',
    queueUrls: () => resolveQueueUrls(flags, env, outputsOf),
    appliedTable: async () => {
      const named = flags.table ?? env.APPLIED_TABLE;
      if (named) return named;
      if (!flags.stack) {
        throw new UsageError(
          'no applied table: pass --table <name>, set APPLIED_TABLE, or pass --stack <name> (the deployed stack, e.g. HeymarketHrSync)',
          false,
        );
      }
      const table = (await outputsOf(flags.stack)).AppliedTableName;
      if (!table) {
        throw new UsageError(
          `stack ${flags.stack} has no AppliedTableName output: deploy this version once (the output is new), or pass --table <name>`,
          false,
        );
      }
      return table;
    },
  });
}
