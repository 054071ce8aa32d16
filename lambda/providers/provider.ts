import type { Employee, EmployeeChange, ProviderName } from '../core/employee-change.js';
import type { Log } from '../observability/log.js';

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

export interface ParseInput<S = unknown> {
  body: Buffer;
  /** This provider's section of the configuration (tenant checks, field names, API base URL). */
  settings: S;
  header: HeaderGetter;
  /** ISO-8601 time the delivery arrived; becomes each change's `receivedAt`. */
  receivedAt: string;
}

/**
 * A verified delivery is either changes to queue (202) or something valid to acknowledge and drop
 * (200): a handshake such as HiBob's ping, or an event this project has no use for. None is dropped
 * without a count: `code` is the bounded reason the receiver counts it under.
 */
export type ParseResult =
  | { kind: 'changes'; changes: EmployeeChange[] }
  | { kind: 'ignored'; reason: string; code: IgnoredCode };

/**
 * Events about an employee that the service could not use: something it should have synced and did
 * not. Counted as `EventsUnusable` and alarmed (infra/alarms.ts); every other code as `DeliveriesIgnored`.
 */
export const UNUSABLE_CODES = ['unknown-action', 'employment-without-person'] as const;
/** Why a verified delivery was acknowledged and dropped; a metric dimension, so a closed set. */
export type IgnoredCode =
  | 'handshake'
  | 'event-not-relevant'
  | 'table-not-listed'
  | (typeof UNUSABLE_CODES)[number];
export const isUnusable = (code: IgnoredCode): boolean =>
  (UNUSABLE_CODES as readonly string[]).includes(code);

/**
 * One HR system's webhook dialect. `verify` throws a SyncError of kind `auth` (→ 401) when the
 * signature or token is missing, forged or stale; `parse` throws kind `invalid-input` (→ 400) with a
 * message naming where the body is wrong, and never quoting a value from it. Both are pure: no I/O.
 * Thin events come back with `needsEnrichment: true`; the worker fetches the employee.
 */
export interface Provider<S = unknown> {
  readonly name: ProviderName;
  verify(input: VerifyInput): void;
  /** A delivery for another tenant than the configured one throws kind `auth` (401), not 400. */
  parse(input: ParseInput<S>): ParseResult;
  /**
   * A setup handshake to acknowledge (200) before any secret is read: it can arrive before the operator
   * has stored the secret, and it carries nothing to queue. Returns why it was acknowledged, or undefined.
   */
  handshake?(body: Buffer): string | undefined;
}

/** Deps an HR system's API client gets; everything that does I/O or keeps time is injected. */
export interface SourceDeps {
  now: () => number;
  sleep?: (ms: number) => Promise<void>;
  log: Log;
}

/**
 * Turns a thin event into the employee it is about, from the HR system's API. Runs in the worker
 * only. Throws SyncError: `permanent` (`employee-not-found`) when the HR system no longer has the
 * employee, `transient` on 429/5xx/timeouts, and `transient` (`hr-stale-read`) when the record it
 * read is older than the event (HiBob's read-after-write lag).
 */
export interface EmployeeSource {
  fetchEmployee(change: EmployeeChange, options: { deadline: number }): Promise<Employee>;
}
