import type { DeadLetterReason } from '../core/dead-letter.js';
import { REASON_ATTRIBUTES, REPLAY_COUNT_ATTRIBUTE } from '../core/redrive-selection.js';

// The same limits as lambda/aws/dlq.ts, so a message dead-lettered locally reads as one from SQS:
// 10 attributes at most, the reason's first, and an error message cut at 512 characters.
const MAX_ATTRIBUTES = 10;
const MAX_ERROR_MESSAGE = 512;

/**
 * The attributes a dead-lettered message carries: the reason (`errorClass`, `errorMessage`,
 * `failedAt`, `firstSeenAt`, `requestId`, `attempt`) and the original ones in the room left.
 * lambda/aws/dlq.ts builds the same set inside its SQS writer, where it is not exported, so it is
 * written out again here over plain strings; empty values are left out, as SQS requires there.
 */
export function deadLetterAttributes(
  original: Record<string, string>,
  reason: DeadLetterReason,
  failedAt: string,
): Record<string, string> {
  const reasonAttributes = definedStrings({
    errorClass: reason.errorClass,
    errorMessage: reason.message.slice(0, MAX_ERROR_MESSAGE),
    failedAt,
    firstSeenAt: reason.firstSeenAt,
    requestId: reason.requestId,
  });
  reasonAttributes.attempt = String(reason.attempt);
  const kept = Object.entries(definedStrings(original))
    .filter(([name]) => !(name in reasonAttributes))
    .slice(0, MAX_ATTRIBUTES - Object.keys(reasonAttributes).length);
  return { ...Object.fromEntries(kept), ...reasonAttributes };
}

/**
 * A replayed message's attributes: the stale reason dropped, `replayCount` + 1 (the rule of
 * lambda/aws/redrive.ts `replayAttributes`, over plain strings instead of SQS attribute values).
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

function definedStrings(values: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(values).flatMap(([name, value]) => (value ? [[name, value]] : [])),
  );
}
