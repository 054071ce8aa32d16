import type { TeamMember } from './access-review.js';
import type { AccessReviewReport, Finding } from './access-review-report.js';
import type { AppliedEntry, AppliedState } from './applied.js';
import type { DeadLetterReason } from './dead-letter.js';
import type { Employee, EmployeeChange } from './employee-change.js';
import type { SyncError } from './errors.js';
import type { ReconcileProgress } from './reconcile-progress.js';
import type { UserPatch } from './user-patch.js';

/**
 * What the core needs from the outside world, declared here so the adapters depend on the core and
 * never the other way round: lambda/aws/* and lambda/local/* implement the stores and queues,
 * lambda/heymarket/client.ts implements `HeymarketUsers`.
 */

/** Epoch milliseconds now; passed in so tests step time instead of sleeping. */
export type Clock = () => number;

/**
 * What one read of an HR employee gives one thin event of it: the employee, or why that event cannot
 * use the record (a provider may judge each event against the one record it read).
 */
export type EmployeeRead = { employee: Employee } | { error: SyncError };

/** Puts changes on the main queue; resolves only once every one of them is there. */
export interface ChangeQueue {
  send(changes: readonly EmployeeChange[]): Promise<void>;
}

/** A queue message as the worker sees it, whichever queue delivered it (SQS or the local one). */
export interface QueueRecord {
  messageId: string;
  body: string;
  attributes: Record<string, string>;
  receiveCount: number;
  firstSeenAt?: string;
}

/** The message that could not be processed, as the worker received it. */
export interface DeadLetterRecord {
  /** The main-queue message it came from, for a queue that removes it in the same step (local). */
  messageId?: string;
  body: string;
  /** The original String message attributes (`provider`, `eventId`, `type`, ...). */
  attributes?: Record<string, string>;
}

/**
 * Keeps a message the worker gave up on, body unchanged, with why (core/dead-letter.ts). The worker
 * hands over the `QueueRecord` it received (`DeadLetterSink<QueueRecord>`); a sink that needs less
 * (the SQS one) takes any `DeadLetterRecord`.
 */
export interface DeadLetterSink<R extends DeadLetterRecord = DeadLetterRecord> {
  send(record: R, reason: DeadLetterReason): Promise<void>;
}

/**
 * A team membership as `users/get` reports it (https://developers.heymarket.com/api-reference/users,
 * TeamUser): one `name` and the `role_id`, either may be null; `email` as Heymarket holds it.
 */
export interface HeymarketUser {
  id: number;
  email?: string | null | undefined;
  name?: string | null | undefined;
  role_id?: number | null | undefined;
}

/** `email`: the email Heymarket answered with for the user (lower-cased), kept to read its role later. */
export type UpdateOutcome =
  | { ok: true; requestId?: string; email?: string }
  | { ok: false; error: SyncError };

export interface CallOptions {
  /** Epoch ms after which no attempt or backoff may run (the Lambda's remaining time). */
  deadline?: number;
}

/** What the worker and reconcile need from Heymarket. */
export interface HeymarketUsers {
  /** One outcome per patch id, matched by id, never by position. Throws only if nothing could be tried. */
  updateUsers(patches: readonly UserPatch[], options?: CallOptions): Promise<Map<number, UpdateOutcome>>;
  /** Users keyed by lower-cased email; an email with no user is simply absent. Throws a SyncError. */
  findUsersByEmail(emails: readonly string[], options?: CallOptions): Promise<Map<string, HeymarketUser>>;
}

/** The access review's view of Heymarket: every member of the team, one call. */
export interface HeymarketTeam {
  /** `GET /v1/team`'s members (id, name, role id when Heymarket gives one as a number). Throws a SyncError. */
  listTeam(options?: CallOptions): Promise<TeamMember[]>;
}

/**
 * What one invocation holds an employee with: while `until` (epoch ms) has not passed, no other
 * invocation may apply a change to that employee. Set past the invocation's deadline, so a lease
 * outlives the worker only when the worker is already gone (a timeout or a crash), never while it runs.
 */
export interface Lease {
  owner: string;
  until: number;
}

export type ClaimOutcome =
  /** `futureTimes`: stored times past the trusted lead, read as never applied (see `trustedTime`). */
  | { kind: 'claimed'; state: AppliedState; futureTimes?: number }
  /** Another live invocation holds the employee: its messages wait for the next delivery. */
  | { kind: 'busy' }
  | { kind: 'failed'; error: SyncError };

/**
 * What was applied per HR employee (core/applied.ts). Claiming an employee before reading its state
 * and applying makes two concurrent batches with changes for the same employee take turns, so an
 * older change can never reach Heymarket after a newer one.
 */
export interface AppliedStore {
  /** Takes each employee for this invocation and returns what was applied to it. Never throws. */
  claim(employeeKeys: readonly string[], lease: Lease): Promise<Map<string, ClaimOutcome>>;
  /**
   * Records each entry (a field never moves back to an older change) and gives the employee up. The
   * keys whose record failed come back; their changes must be delivered again. Never throws.
   */
  release(entries: readonly AppliedEntry[], owner: string): Promise<Map<string, SyncError>>;
}

/**
 * The saved reconcile run, one per deployment (`aws/reconcile-state.ts`: an item of the applied
 * table). Taking it holds a lease, so two invocations never work on one run; a lease outlives its
 * invocation only when that invocation is gone.
 */
export interface ReconcileStateStore {
  claim(lease: Lease): Promise<{ kind: 'claimed'; progress?: ReconcileProgress } | { kind: 'busy' }>;
  /** Saves where the run stopped and lets it go, for the next invocation. */
  save(progress: ReconcileProgress, owner: string): Promise<void>;
  /** Forgets the finished run (keeping its counts only) and lets it go. */
  finish(summary: Record<string, unknown>, owner: string): Promise<void>;
}

/**
 * Where the latest access review is kept (lambda/aws/access-review-store.ts: an item of the applied
 * table; lambda/local/access-review-store.ts: the local data file), for the CLI to read and for the
 * next run to carry each finding's `firstSeenAt` over.
 */
export interface AccessReviewStore {
  /** The latest review, or undefined when none has been written yet. Throws a SyncError. */
  read(): Promise<AccessReviewReport | undefined>;
  /** Replaces the latest review. Throws a SyncError. */
  write(report: AccessReviewReport): Promise<void>;
}

/**
 * A change to the latest review made beside the reconcile run (the worker adds a leaver it has just
 * processed): it must neither lose a review the run writes meanwhile nor be lost by a retry.
 */
export interface AccessReviewUpdater {
  /**
   * Reads the latest review, gives it to `apply`, and writes the `review` `apply` returns (undefined:
   * nothing to write) only if no other write came in between; otherwise reads and applies again, a few
   * times. Resolves with what the `apply` whose review was written (or that wrote none) returned.
   * Throws a SyncError.
   */
  update<T extends { review: AccessReviewReport | undefined }>(
    apply: (current: AccessReviewReport | undefined) => T,
  ): Promise<T>;
}

/**
 * Tells the administrators who must act about leavers who still hold a Heymarket seat. Unlike logs
 * and metrics, the notice names the people: it goes only to the stack's alarm topic (or, locally, to
 * the data directory). Throws a SyncError.
 */
export interface LeaverNotifier {
  /** Called once per run or batch with the leaver findings that were not in the review before. */
  notify(findings: readonly Finding[]): Promise<void>;
}
