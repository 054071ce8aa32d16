import { SyncError } from '../core/errors.js';

/** Connection and request timeouts of one SDK call, in ms; the SDK retries (3 attempts in all) on top. */
export interface CallTimeouts {
  connectionMs: number;
  requestMs: number;
}

// Short enough to answer a webhook inside Personio's 3 s (the receiver reads a secret and sends to SQS).
const FUNCTION_CALL: CallTimeouts = { connectionMs: 1_000, requestMs: 2_000 };

interface ClientSettings {
  maxAttempts: number;
  requestHandler: { connectionTimeout: number; requestTimeout: number };
  cacheMiddleware: boolean;
}

/**
 * An AWS SDK client with the default configuration (region, credentials, `AWS_ENDPOINT_URL*`) plus
 * our timeouts and retries: every adapter builds its client here, so they cannot drift apart.
 */
export function newAwsClient<C>(Client: new (settings: ClientSettings) => C, timeouts = FUNCTION_CALL): C {
  return new Client({
    maxAttempts: 3,
    requestHandler: { connectionTimeout: timeouts.connectionMs, requestTimeout: timeouts.requestMs },
    // Each client sends the same few commands all its life and nothing adds middleware to it: the SDK
    // keeps each command's resolved middleware stack instead of rebuilding it on every send (a fifth
    // of the receiver's CPU per delivery; bench/receiver-vs-peer.ts).
    cacheMiddleware: true,
  });
}

/** The SDK error's name only (`ThrottlingException`): its message may quote the request. */
export function sdkErrorName(error: unknown): string {
  const name = (error as { name?: unknown })?.name;
  return typeof name === 'string' ? name : 'Error';
}

/** A call that may pass by itself failed: a transient `code`, `<what> failed (<SDK error name>)`. */
export function sdkUnavailable(code: string, what: string, error: unknown): SyncError {
  return new SyncError('transient', code, `${what} failed (${sdkErrorName(error)})`, {}, { cause: error });
}
