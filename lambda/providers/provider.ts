import type { EmployeeChange, ProviderName } from '../core/employee-change.js';

/** Looks a request header up by name, case-insensitively (`webhook-id` finds `Webhook-Id`). */
export type HeaderGetter = (name: string) => string | undefined;

export interface VerifyInput {
  /** The body exactly as sent (base64-decoded when API Gateway encoded it): signatures cover bytes. */
  body: Buffer;
  header: HeaderGetter;
  /** This provider's entry of the webhook-secrets JSON (`whsec_...`, an HMAC key, a token). */
  secret: string;
  /** Epoch ms, for replay windows. */
  now: number;
}

export interface ParseInput {
  body: Buffer;
  header: HeaderGetter;
  /** ISO-8601 time the delivery arrived; becomes each change's `receivedAt`. */
  receivedAt: string;
}

/**
 * A verified delivery is either changes to queue (202) or something valid to acknowledge and drop
 * (200): a handshake such as HiBob's ping, or an event this project has no use for.
 */
export type ParseResult =
  | { kind: 'changes'; changes: EmployeeChange[] }
  | { kind: 'ignored'; reason: string };

/**
 * One HR system's webhook dialect. `verify` throws a SyncError of kind `auth` (→ 401) when the
 * signature or token is missing, forged or stale; `parse` throws kind `invalid-input` (→ 400) with a
 * message naming where the body is wrong, and never quoting a value from it. Both are pure: no I/O.
 * Thin events come back with `needsEnrichment: true`; the worker fetches the employee.
 */
export interface Provider {
  readonly name: ProviderName;
  verify(input: VerifyInput): void;
  parse(input: ParseInput): ParseResult;
}
