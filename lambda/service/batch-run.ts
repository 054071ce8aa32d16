import { randomUUID } from 'node:crypto';
import type { AccessReviewRules } from '../core/access-review.js';
import { AppliedLedger } from '../core/applied-ledger.js';
import { retryDelaySeconds } from '../core/backoff.js';
import type { CoalescedPatch } from '../core/coalesce.js';
import type { EmployeeChange } from '../core/employee-change.js';
import { classify, type SyncError, transient } from '../core/errors.js';
import type { SyncRules } from '../core/mapping-rules.js';
import type {
  AccessReviewUpdater,
  AppliedStore,
  Clock,
  DeadLetterSink,
  EmployeeRead,
  HeymarketUsers,
  QueueRecord,
} from '../core/ports.js';
import { deadLetterReasonOf, goesToDeadLetters, type Step } from '../core/sync-plan.js';
import type { TtlCache } from '../core/ttl-cache.js';
import type { Log } from '../observability/log.js';
import type { Metrics } from '../observability/metrics.js';
import { count, newSummary, type SyncSummary } from './sync-summary.js';

export interface SyncDeps {
  /** The mapping and safety rules, and whether this is a dry run: the parsed config satisfies it. */
  config: SyncRules & { dryRun: boolean } & Pick<AccessReviewRules, 'accessReview'>;
  heymarket: HeymarketUsers;
  deadLetters: DeadLetterSink<QueueRecord>;
  /**
   * Reads the employee that thin events of one provider, tenant and employee id name from its HR
   * system, once for all of them; per change, in order, its employee or why that change cannot use the
   * read (see `EmployeeSource`). Throws when the read fails: every change needed it.
   */
  enrich?:
    | ((changes: readonly EmployeeChange[], options: { deadline: number }) => Promise<EmployeeRead[]>)
    | undefined;
  /** Lower-cased work email → Heymarket user id, kept warm across invocations. */
  userIds: TtlCache<string, number>;
  /**
   * What was applied per HR employee, across batches and replays. Without it (no `APPLIED_TABLE`), or
   * in a dry run, the worker orders changes within a batch only and finds users by email or override.
   */
  applied?: AppliedStore | undefined;
  /**
   * The latest access review, to which a leaver the batch processed is added at once
   * (lambda/service/batch-leavers.ts); `unlisted`: the enabled providers with a list API, partial in
   * a review started here. Without it, leavers wait for the reconcile run.
   */
  accessReview?: { store: AccessReviewUpdater; unlisted: readonly string[] } | undefined;
  log: Log;
  /** Counts the batch's outcomes (see `countOutcomes`); a host without metrics leaves it out. */
  metrics?: Metrics | undefined;
  now: Clock;
}

export interface SyncOptions {
  /** Epoch ms by which the invocation must be done; no call starts after `deadline - reserveMs`. */
  deadline: number;
  reserveMs?: number;
}

const DEFAULT_RESERVE_MS = 5_000;

/** One batch in flight: what it was given and, message by message, where each one ended. */
export interface BatchRun {
  deps: SyncDeps;
  options: SyncOptions;
  summary: SyncSummary;
  ledger: AppliedLedger;
  byId: Map<string, QueueRecord>;
  /** Message ids the queue must deliver again, each with how long it stays hidden first. */
  retry: Map<string, number>;
}

export const startBatch = (
  records: readonly QueueRecord[],
  deps: SyncDeps,
  options: SyncOptions,
): BatchRun => ({
  deps,
  options,
  summary: newSummary(records.length, deps.config.dryRun),
  ledger: new AppliedLedger(randomUUID()),
  byId: new Map(records.map((record) => [record.messageId, record])),
  retry: new Map(),
});

/** Permanent → the DLQ with its reason; anything else (or a DLQ we cannot reach) → the queue redelivers. */
export async function fail(run: BatchRun, record: QueueRecord, error: SyncError): Promise<undefined> {
  let outcome = error;
  if (goesToDeadLetters(error)) {
    try {
      await run.deps.deadLetters.send(record, deadLetterReasonOf(record, error));
      count(run.summary.deadLettered, error.code);
      return undefined;
    } catch (dlqError) {
      outcome = classify(dlqError);
    }
  }
  run.retry.set(record.messageId, retryDelaySeconds(record.receiveCount, outcome));
  count(run.summary.retried, outcome.code);
  return undefined;
}

/** Every message whose change went into `patch` ends with `error`. */
export async function failAll(run: BatchRun, patch: CoalescedPatch, error: SyncError) {
  for (const id of patch.sourceIds) {
    const record = run.byId.get(id);
    if (record) await fail(run, record, error);
  }
}

/** Carries out what a step of the plan decided: its log lines, its skip counts, its failures. */
export async function settle<T>(run: BatchRun, step: Step<T>): Promise<T[]> {
  for (const { level, message, fields } of step.notes) run.deps.log[level](message, fields);
  for (const reason of step.skipped) count(run.summary.skipped, reason);
  for (const { record, error } of step.failures) await fail(run, record, error);
  return step.items;
}

export const outOfTime = ({ deps, options }: BatchRun): boolean =>
  deps.now() > options.deadline - (options.reserveMs ?? DEFAULT_RESERVE_MS);

export const deadlineError = (): SyncError =>
  transient('deadline', 'too little time left in the invocation to call out');
