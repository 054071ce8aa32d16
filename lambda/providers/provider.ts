import * as z from 'zod/mini';
import type { DirectoryEmployee } from '../core/access-review.js';
import type { Employee, EmployeeChange, ProviderName } from '../core/employee-change.js';
import { lazySchema } from '../core/lazy-schema.js';
import type { EmployeeRead } from '../core/ports.js';
import type { Log } from '../observability/log.js';

/** A secret's text: present and not empty (a webhook key, an API token). */
export const SecretText = /* @__PURE__ */ lazySchema(() => z.string().check(z.minLength(1)));

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

/** API Gateway's token bucket: `rateLimit` requests per second refill it, `burstLimit` is its size. */
export interface ThrottleLimits {
  rateLimit: number;
  burstLimit: number;
}

/** What a provider's API credentials are: a zod schema, or `undefined` for a provider with no API. */
type CredentialsSchema = z.ZodMiniObject | undefined;

/**
 * Every employee of one HR system, leavers included (the access review needs them), a page at a time
 * (one page for the APIs that do not page). A leaver carries its termination date or deletion where
 * the HR system's listing says it.
 */
export type ListEmployees = (options: { deadline?: number }) => AsyncIterable<DirectoryEmployee[]>;

/**
 * One HR system as every part of the service and the stack knows it: what it is called, what it is
 * configured and authenticated with, and how it is throttled. lambda/providers/index.ts lists them
 * (docs/adding-a-provider.md). It holds no code that reads a delivery or calls an API: those are the
 * provider's `WebhookHandler` (the receiver's) and `HrApi` (the worker's and the scheduler's), kept in
 * tables of their own so each Lambda function bundles only the pieces it runs.
 */
export interface Provider<
  N extends string = ProviderName,
  S extends z.ZodMiniType = z.ZodMiniType,
  C extends CredentialsSchema = CredentialsSchema,
> {
  /** The path segment of `POST /webhooks/{name}`, the config's `providers.<name>` and the secrets' key. */
  readonly name: N;
  /** Who is given the webhook URL, as a sentence names it ("Give this to BambooHR ..."). */
  readonly title: string;
  /** The config's `providers.<name>` section; every key has a default, so `{}` is valid. */
  readonly settings: S;
  /** This provider's entry of the webhook-secrets JSON (`whsec_...`, an HMAC key, a token). */
  readonly webhookSecret: z.ZodMiniType<string>;
  /** This provider's entry of the HR-system API secret; a provider with one has an `HrApi`. */
  readonly credentials: C;
  /** Its `POST /webhooks/<name>` method's limits in API Gateway (infra/throttle.ts), sized for how it sends. */
  readonly throttle: ThrottleLimits;
  /** The tenant this provider's webhooks carry, when the configuration names it. */
  tenant?(settings: z.output<S>): string | number | undefined;
}

/**
 * How the receiver reads one provider's deliveries (lambda/providers/webhook-handlers.ts lists them).
 * `verify` throws a SyncError of kind `auth` (→ 401) when the signature or token is missing, forged
 * or stale; `parse` throws kind `invalid-input` (→ 400) with a message naming where the body is
 * wrong, and never quoting a value from it. Both are pure: no I/O. Thin events come back with
 * `needsEnrichment: true`; the worker fetches the employee with the provider's `HrApi`.
 */
export interface WebhookHandler<S = unknown> {
  verify(input: VerifyInput): void;
  /** A delivery for another tenant than the configured one throws kind `auth` (401), not 400. */
  parse(input: ParseInput<S>): ParseResult;
  /**
   * A setup handshake to acknowledge (200) before any secret is read: it can arrive before the operator
   * has stored the secret, and it carries nothing to queue. Returns why it was acknowledged, or undefined.
   */
  handshake?(body: Buffer): string | undefined;
}

/**
 * One provider's HR API, for a provider whose descriptor declares `credentials`
 * (lambda/providers/hr-api.ts lists them), built from its settings and its entry of the HR-system secret.
 */
export interface HrApi<S = unknown, C = unknown> {
  /** The worker's HR API client for thin events (enrichment by employee id). */
  source(settings: S, credentials: C, deps: SourceDeps): EmployeeSource;
  /** The reconcile job's list of every employee (and the access review's). */
  lister(settings: S, credentials: C, deps: SourceDeps): ListEmployees;
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
  /**
   * The employee that `changes` name (thin events of one provider, tenant and employee id: a batch's
   * events of one employee), read once for all of them; per change, in order, its employee or why that
   * change cannot use the record. A read that fails throws, as `fetchEmployee` does: every change needed it.
   */
  fetchEmployees(changes: readonly EmployeeChange[], options: { deadline: number }): Promise<EmployeeRead[]>;
}
