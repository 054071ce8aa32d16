import { expect } from 'vitest';
import { SyncError } from '../../lambda/core/errors.js';

/** The SyncError a verification refused with: always kind `auth`, with this code. */
export function authFailure(run: () => void, code = 'signature-invalid'): SyncError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(SyncError);
    expect(error).toMatchObject({ kind: 'auth', code });
    return error as SyncError;
  }
  throw new Error('expected verification to fail');
}
