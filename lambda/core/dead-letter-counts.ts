import { addCount } from './own-property.js';
import type { DeadLetterView } from './redrive-selection.js';

/**
 * What `hr-sync dlq list`, `status` and a replay report, counted the same way over SQS and the local
 * queue, so the two read alike.
 */
export interface DeadLetterCounts {
  total: number;
  byErrorClass: Record<string, number>;
  byProvider: Record<string, number>;
}

export interface RedriveResult {
  examined: number;
  /** Sent to the main queue and deleted from the DLQ (or, in a dry run, would have been). */
  moved: number;
  /** Received but not selected, released for a person. */
  kept: number;
  /** Selected, but SendMessage failed: released, still in the DLQ. */
  failed: number;
  /** Sent, but DeleteMessage failed: still in the DLQ too, so a later replay would send it again. */
  notDeleted: number;
  movedByErrorClass: Record<string, number>;
}

// A message with no errorClass was moved by the queue itself after maxReceiveCount receives.
const NO_ERROR_CLASS = '(none: maxReceiveCount)';

export const emptyCounts = (): DeadLetterCounts => ({ total: 0, byErrorClass: {}, byProvider: {} });

// An error class or provider is a message attribute, which anyone who can send to the queue sets:
// counted as own properties only (see own-property.ts).
export function countDeadLetter(counts: DeadLetterCounts, view: DeadLetterView): void {
  counts.total += 1;
  addCount(counts.byErrorClass, view.errorClass ?? NO_ERROR_CLASS);
  addCount(counts.byProvider, view.provider ?? '(unknown)');
}

export const emptyRedriveResult = (): RedriveResult => ({
  examined: 0,
  moved: 0,
  kept: 0,
  failed: 0,
  notDeleted: 0,
  movedByErrorClass: {},
});

export function countMoved(result: RedriveResult, view: DeadLetterView): void {
  result.moved += 1;
  addCount(result.movedByErrorClass, view.errorClass ?? '(none)');
}
