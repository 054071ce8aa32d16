/**
 * Which dead-lettered messages to move back to the main queue: the one rule shared by the scheduled
 * redrive and the operator's `hr-sync dlq replay`. Pure: it sees the message attributes the worker
 * wrote (lambda/aws/dlq.ts) and the body's ids, never a name or an email.
 */

/** The attributes the worker adds when it dead-letters a message; a replay drops them (they go stale). */
export const REASON_ATTRIBUTES = [
  'errorClass',
  'errorMessage',
  'failedAt',
  'firstSeenAt',
  'attempt',
  'requestId',
] as const;

/** How many times a message has been sent back from the DLQ; carried as a message attribute. */
export const REPLAY_COUNT_ATTRIBUTE = 'replayCount';

// `<service>-429`, `-5xx`, `-timeout`, `-network`, `-bad-response` come from lambda/net (refusal.ts,
// http.ts, api-caller.ts) and the Heymarket client: the other side was busy or broken, not our input.
const TRANSIENT_SUFFIXES = ['-429', '-5xx', '-timeout', '-network', '-bad-response'];
const TRANSIENT_CLASSES = new Set([
  'dlq-unavailable',
  'queue-unavailable',
  'secrets-unavailable',
  'deadline',
  'hr-stale-read',
  'unexpected',
]);

/**
 * Whether a later retry may succeed with no one changing anything. A message with no `errorClass` was
 * dead-lettered by SQS itself after maxReceiveCount receives: the worker kept reporting it as a batch
 * failure, which it does only for transient errors.
 */
export function isTransientClass(errorClass: string | undefined): boolean {
  if (errorClass === undefined) return true;
  return (
    TRANSIENT_CLASSES.has(errorClass) || TRANSIENT_SUFFIXES.some((suffix) => errorClass.endsWith(suffix))
  );
}

/** What an operator may see of a dead-lettered message: attributes and ids, no personal data. */
export interface DeadLetterView {
  messageId: string;
  errorClass: string | undefined;
  provider: string | undefined;
  eventId: string | undefined;
  type: string | undefined;
  employeeId: string | undefined;
  replayCount: number;
  /** Every String/Number message attribute (the worker's reason, the receiver's ids). */
  attributes: Record<string, string>;
}

export function viewOf(message: {
  messageId: string;
  body: string;
  attributes: Record<string, string>;
}): DeadLetterView {
  const body = idsOfBody(message.body);
  const { attributes } = message;
  const replayCount = Number(attributes[REPLAY_COUNT_ATTRIBUTE]);
  return {
    messageId: message.messageId,
    errorClass: attributes.errorClass || undefined,
    provider: attributes.provider || body.provider,
    eventId: attributes.eventId || body.eventId,
    type: attributes.type || body.type,
    employeeId: body.employeeId,
    replayCount: Number.isInteger(replayCount) && replayCount > 0 ? replayCount : 0,
    attributes,
  };
}

/** The ids of an EmployeeChange body; anything else in it (names, emails) is never read out. */
function idsOfBody(body: string): {
  provider?: string;
  eventId?: string;
  type?: string;
  employeeId?: string;
} {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return {};
  }
  if (typeof parsed !== 'object' || parsed === null) return {};
  const record = parsed as Record<string, unknown>;
  const employee = record.employee as Record<string, unknown> | undefined;
  const str = (value: unknown) => (typeof value === 'string' ? value : undefined);
  return {
    provider: str(record.provider),
    eventId: str(record.eventId),
    type: str(record.type),
    employeeId: str(employee?.id),
  };
}

export interface RedriveFilter {
  errorClass?: string | undefined;
  provider?: string | undefined;
  employeeId?: string | undefined;
  /** The scheduled redrive: only classes `isTransientClass` accepts. */
  transientOnly?: boolean | undefined;
  /** Leave a message that has already been replayed this many times. */
  maxReplays?: number | undefined;
}

export function selects(view: DeadLetterView, filter: RedriveFilter): boolean {
  if (filter.errorClass !== undefined && view.errorClass !== filter.errorClass) return false;
  if (filter.provider !== undefined && view.provider !== filter.provider) return false;
  if (filter.employeeId !== undefined && view.employeeId !== filter.employeeId) return false;
  if (filter.transientOnly && !isTransientClass(view.errorClass)) return false;
  if (filter.maxReplays !== undefined && view.replayCount >= filter.maxReplays) return false;
  return true;
}
