import {
  GetQueueAttributesCommand,
  ListMessageMoveTasksCommand,
  type ListMessageMoveTasksResultEntry,
  type SQSClient,
  StartMessageMoveTaskCommand,
} from '@aws-sdk/client-sqs';
import { permanent } from '../core/errors.js';

export interface MoveAllOptions {
  client: SQSClient;
  dlqUrl: string;
  queueUrl: string;
  /** MaxNumberOfMessagesPerSecond; SQS allows up to 500. */
  ratePerSecond?: number | undefined;
  dryRun?: boolean | undefined;
}

/**
 * Everything in the DLQ back to the main queue with SQS's own StartMessageMoveTask (server side,
 * rate-limited). It keeps the reason attributes and does not count replays: for an operator who
 * has fixed the cause. In a dry run, only the approximate count is read.
 */
export async function moveAll(options: MoveAllOptions): Promise<{
  approximateMessages: number;
  taskHandle?: string | undefined;
  /** The DLQ's ARN, which `followMoveTask` lists the task by. */
  sourceArn?: string | undefined;
}> {
  const { client, dlqUrl, queueUrl, ratePerSecond, dryRun } = options;
  const dlq = await client.send(
    new GetQueueAttributesCommand({
      QueueUrl: dlqUrl,
      AttributeNames: ['QueueArn', 'ApproximateNumberOfMessages'],
    }),
  );
  const approximateMessages = Number(dlq.Attributes?.ApproximateNumberOfMessages ?? 0);
  if (dryRun) return { approximateMessages };
  const destination = await client.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }),
  );
  const task = await client.send(
    new StartMessageMoveTaskCommand({
      SourceArn: dlq.Attributes?.QueueArn,
      DestinationArn: destination.Attributes?.QueueArn,
      MaxNumberOfMessagesPerSecond: ratePerSecond,
    }),
  );
  return { approximateMessages, taskHandle: task.TaskHandle, sourceArn: dlq.Attributes?.QueueArn };
}

export interface FollowMoveTaskOptions {
  client: SQSClient;
  /** The source queue's ARN: SQS lists move tasks by source, not by handle. */
  sourceArn: string;
  taskHandle: string;
  intervalMs?: number;
  sleep?: (ms: number) => Promise<void>;
  onProgress?: (progress: MoveTaskProgress) => void;
  /** Epoch ms after which it stops watching and returns the last status seen (a Lambda's remaining time). */
  deadline?: number | undefined;
  now?: () => number;
}

export interface MoveTaskProgress {
  /** RUNNING, CANCELLING, COMPLETED, CANCELLED or FAILED, as SQS reports it. */
  status: string;
  moved: number;
  toMove: number;
  failureReason?: string | undefined;
}

const FINAL_STATUSES = new Set(['COMPLETED', 'CANCELLED', 'FAILED']);
const POLL_INTERVAL_MS = 2_000;
// A task just started may take a moment to be listed; after this many empty answers it is lost.
const MAX_UNLISTED_POLLS = 5;

/**
 * Polls ListMessageMoveTasks until the task started by `moveAll` ends (COMPLETED, CANCELLED or FAILED)
 * or the deadline passes. It watches only: stopping it leaves the task running on the SQS side.
 */
export async function followMoveTask(options: FollowMoveTaskOptions): Promise<MoveTaskProgress> {
  const { client, sourceArn, taskHandle, intervalMs = POLL_INTERVAL_MS, deadline, now = Date.now } = options;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let last: MoveTaskProgress = { status: 'RUNNING', moved: 0, toMove: 0 };
  let unlisted = 0;
  while (true) {
    const output = await client.send(
      new ListMessageMoveTasksCommand({ SourceArn: sourceArn, MaxResults: 1 }),
    );
    const entry = output.Results?.[0];
    if (!entry) {
      unlisted += 1;
      if (unlisted >= MAX_UNLISTED_POLLS) {
        throw permanent(
          'move-task-not-listed',
          `redrive: SQS lists no message move task for ${sourceArn} (task ${taskHandle}); check with aws sqs list-message-move-tasks --source-arn ${sourceArn}`,
        );
      }
    } else {
      last = progressOf(entry, sourceArn, taskHandle);
      options.onProgress?.(last);
      if (FINAL_STATUSES.has(last.status)) return last;
    }
    if (deadline !== undefined && now() + intervalMs >= deadline) return last;
    await sleep(intervalMs);
  }
}

function progressOf(
  entry: ListMessageMoveTasksResultEntry,
  sourceArn: string,
  taskHandle: string,
): MoveTaskProgress {
  // SQS gives the handle only while a task runs, and runs one task per queue at a time: an entry
  // without a handle is ours, finished; one with another handle was started after ours ended.
  if (entry.TaskHandle !== undefined && entry.TaskHandle !== taskHandle) {
    throw permanent(
      'move-task-superseded',
      `redrive: another message move task (${entry.TaskHandle}) is now running on ${sourceArn}, so the outcome of task ${taskHandle} is not known; check with aws sqs list-message-move-tasks --source-arn ${sourceArn}`,
    );
  }
  return {
    status: entry.Status ?? 'RUNNING',
    moved: entry.ApproximateNumberOfMessagesMoved ?? 0,
    toMove: entry.ApproximateNumberOfMessagesToMove ?? 0,
    failureReason: entry.FailureReason,
  };
}
