/**
 * The few ways a step can fail. The worker decides retry vs dead-letter from `kind`, the receiver
 * its status code; nobody matches on message text. Messages are safe to log: ids, counts and field
 * names only, never a name, email, phone number, token or body.
 */
export type ErrorKind = 'transient' | 'permanent' | 'auth' | 'invalid-input';

export class SyncError extends Error {
  override readonly name = 'SyncError';
  constructor(
    readonly kind: ErrorKind,
    /** A stable, machine-readable class such as `heymarket-429` or `unknown-email`. */
    readonly code: string,
    message: string,
    readonly details: { requestId?: string; retryAfterMs?: number; status?: number } = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export const transient = (code: string, message: string, details?: SyncError['details']) =>
  new SyncError('transient', code, message, details);
export const permanent = (code: string, message: string, details?: SyncError['details']) =>
  new SyncError('permanent', code, message, details);
export const invalidInput = (code: string, message: string) => new SyncError('invalid-input', code, message);

/** Anything unexpected is treated as transient: retrying is safe, dropping is not. */
export function classify(error: unknown): SyncError {
  if (error instanceof SyncError) return error;
  return new SyncError('transient', 'unexpected', 'unexpected error', {}, { cause: error });
}
