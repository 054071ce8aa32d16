import type { MoveTaskProgress } from '../aws/move-task.js';
import type { AccessReviewReport } from '../core/access-review-report.js';
import type { AppliedEntry } from '../core/applied.js';
import type { DeadLetterCounts, RedriveResult } from '../core/dead-letter-counts.js';
import type { DeadLetterView, RedriveFilter } from '../core/redrive-selection.js';
import type { QueueFlags } from './dlq-args.js';

/** The flags that pick a target (lambda/cli/target-options.ts declares them). */
export interface TargetFlags extends QueueFlags {
  /** The applied table's name (`--table`). */
  table: string | undefined;
}

/**
 * What `hr-sync status` and `hr-sync dlq` need from a deployment: its main queue, its dead-letter
 * queue and its applied table. `aws-target.ts` implements it over SQS and DynamoDB (a deployed stack),
 * `local-target.ts` over the local host's data file (`npm start`). Everything here
 * returns ids, counts and field names only, never a name, an email or a field value.
 */
export interface Target {
  /** What the command works on, for its output: `stack HeymarketHrSync`, `QUEUE_URL/DLQ_URL`. */
  readonly label: string;
  depth(queue: 'main' | 'dead-letter'): Promise<QueueDepth>;
  /** Counts by error class and provider; deletes nothing, and leaves every message as it was. */
  countDeadLetters(options: {
    limit: number;
    onProgress?: (done: number) => void;
  }): Promise<DeadLetterCounts>;
  /** The messages read, up to `limit`; deletes nothing, and leaves every message as it was. */
  listDeadLetters(options: { limit: number; onProgress?: (done: number) => void }): Promise<DeadLetterView[]>;
  /** One message by its message id or its event id. */
  findDeadLetter(options: { limit: number; id: string }): Promise<DeadLetterView | undefined>;
  /** Moves the messages the filter selects back to the main queue, `replayCount` + 1 on each. */
  replaySelected(options: {
    filter: RedriveFilter;
    dryRun: boolean;
    limit: number;
    onProgress?: (done: number) => void;
  }): Promise<RedriveResult>;
  /** Starts moving everything back to the main queue (in a dry run, only counts). */
  moveAll(options: { ratePerSecond: number | undefined; dryRun: boolean }): Promise<MoveStarted>;
  /** Watches a move started by `moveAll` to its end. */
  followMove(
    started: MoveStarted,
    options: { sleep?: (ms: number) => Promise<void>; onProgress?: (progress: MoveTaskProgress) => void },
  ): Promise<MoveTaskProgress>;
  /** How a person follows a started move without this CLI. */
  followHint(started: MoveStarted): string;
  /** The employees whose changes were applied most recently, from one bounded read of the store. */
  recentlyApplied(options: { count: number }): Promise<RecentlyApplied>;
  /** The latest access review the reconcile job stored, or undefined when none has run yet. */
  latestAccessReview(): Promise<AccessReviewReport | undefined>;
}

export interface QueueDepth {
  /** Waiting to be received. */
  visible: number;
  /** Received and neither deleted nor released yet (being worked on, or backing off). */
  inFlight: number;
  /** Sent with a delay that has not passed. */
  delayed: number;
}

/** A move of everything in the DLQ; the ids are the backend's (SQS: the task handle and DLQ ARN). */
export interface MoveStarted {
  approximateMessages: number;
  /** Absent in a dry run. */
  taskHandle?: string | undefined;
  sourceArn?: string | undefined;
}

export interface RecentlyApplied {
  /** Where it was read: `table hr-sync-applied`. */
  source: string;
  /** Records read. */
  examined: number;
  /** False when the store holds more than was read: the newest of a sample, not of everything. */
  complete: boolean;
  entries: AppliedEntry[];
}

export type { MoveTaskProgress };
