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
