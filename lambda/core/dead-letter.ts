import { REASON_ATTRIBUTES, REPLAY_COUNT_ATTRIBUTE } from './redrive-selection.js';

/**
 * Why a message was dead-lettered, written beside its unchanged body so an operator (and the replay
 * tool) can tell what happened. `message` is a SyncError message, so it holds no personal data.
 */
export interface DeadLetterReason {
  errorClass: string;
  message: string;
  attempt: number;
  firstSeenAt?: string | undefined;
  requestId?: string | undefined;
}

/** The one reason attribute written as a number: an adapter whose queue types values (SQS) says so. */
export const ATTEMPT_ATTRIBUTE = 'attempt';

// SQS allows 10 message attributes; the reason's come first, the original ones fill what is left. The
// local queue keeps the same limits, so a message dead-lettered there reads as one from SQS.
const MAX_ATTRIBUTES = 10;
const MAX_ERROR_MESSAGE = 512;

/**
 * The attributes a dead-lettered message carries: the reason (`errorClass`, `errorMessage`, `failedAt`,
 * `firstSeenAt`, `requestId`, `attempt`) and the original ones in the room left. Empty values are left
 * out: SQS rejects them.
 */
export function deadLetterAttributes(
  original: Record<string, string>,
  reason: DeadLetterReason,
  failedAt: string,
): Record<string, string> {
  const reasonAttributes = nonEmpty({
    errorClass: reason.errorClass,
    errorMessage: reason.message.slice(0, MAX_ERROR_MESSAGE),
    failedAt,
    firstSeenAt: reason.firstSeenAt,
    requestId: reason.requestId,
  });
  reasonAttributes[ATTEMPT_ATTRIBUTE] = String(reason.attempt);
  const kept = Object.entries(nonEmpty(original))
    .filter(([name]) => !(name in reasonAttributes))
    .slice(0, MAX_ATTRIBUTES - Object.keys(reasonAttributes).length);
  return { ...Object.fromEntries(kept), ...reasonAttributes };
}

/**
 * A replayed message's attributes: the original ones without the stale reason, plus `replayCount` + 1
 * (the worker carries it on, so `maxReplays` can count trips). Kept by name, whatever their value.
 */
export function replayAttributes(
  attributes: Record<string, string>,
  replayCount: number,
): Record<string, string> {
  const reason = new Set<string>(REASON_ATTRIBUTES);
  const kept = Object.entries(attributes).filter(
    ([name]) => !reason.has(name) && name !== REPLAY_COUNT_ATTRIBUTE,
  );
  return { ...Object.fromEntries(kept), [REPLAY_COUNT_ATTRIBUTE]: String(replayCount + 1) };
}

function nonEmpty(values: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(values).flatMap(([name, value]) => (value ? [[name, value]] : [])),
  );
}
