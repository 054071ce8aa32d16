import { createHash } from 'node:crypto';
import type { EmployeeChange } from './employee-change.js';
import { MAX_EVENT_LEAD_MS } from './event-time.js';
import type { Employment } from './leaver.js';
import type { PatchFields } from './user-patch.js';

/**
 * What has been applied to Heymarket for one HR employee, kept across batches and replays so that an
 * older change (a redelivery, a DLQ redrive, a replay) never overwrites a newer one. Field by field,
 * like `coalesce`: a newer last name does not make an older first name stale.
 */
export type PatchField = keyof PatchFields;
export const PATCH_FIELDS = ['first_name', 'last_name', 'role_id'] as const satisfies readonly PatchField[];

/** The newest change applied to one field: its `occurredAt` (epoch ms) and business idempotency key. */
export interface AppliedField {
  at: number;
  key: string;
}

/** Also the employee's newest termination and return (see `judgeLeavers`), which never move back. */
export interface AppliedState extends Employment {
  /** The Heymarket user once resolved, so a later work-email change still finds the user. */
  userId?: number;
  /**
   * The email Heymarket held for a user it answered for (lower-cased), to read that user's role when
   * a change carries no email that finds it (a deletion carries only the employee id). Only a read
   * whose answer has the same id counts, so an old one is harmless. Personal data: never logged or shown.
   */
  userEmail?: string;
  fields: Partial<Record<PatchField, AppliedField>>;
}

/**
 * What to record when the invocation lets an employee go: the user resolved, the fields applied, the
 * newest termination and return seen (recorded whether or not a patch went out).
 */
export interface AppliedEntry extends Employment {
  employeeKey: string;
  userId?: number;
  userEmail?: string;
  fields: Partial<Record<PatchField, AppliedField>>;
}

// A message may sit in the DLQ for its 14 days of retention and then be redriven or replayed; the
// extra 16 days cover an operator replaying it late. Every write pushes the expiry out again; a
// leaver's record (`isLeaver`) has none, so no silence gives their role back.
const DLQ_RETENTION_DAYS = 14;
const REPLAY_WINDOW_DAYS = 16;
export const APPLIED_STATE_TTL_SECONDS = (DLQ_RETENTION_DAYS + REPLAY_WINDOW_DAYS) * 24 * 60 * 60;

/**
 * How long the receiver remembers an accepted delivery's bytes (lambda/core/deliveries.ts), so a
 * byte-identical replay is answered `duplicate` and queues nothing. The promise is 35 days: longer than
 * the DLQ keeps a message (14) and than this applied state lives (30), and as far back as an event
 * time is trusted (lambda/core/event-time.ts). One more day covers clocks that differ between hosts.
 */
const REPLAY_PROMISE_DAYS = 35;
export const DELIVERY_MEMORY_SECONDS = (REPLAY_PROMISE_DAYS + 1) * 24 * 60 * 60;

/**
 * A stored time is trusted only up to `now` + the receiver's lead (lambda/core/event-time.ts): one
 * beyond (written before times were bounded, or from a skewed clock) would win every comparison and
 * freeze the field, so the stores read it as never applied and let the next change overwrite it.
 */
export const trustedTime = (at: number, nowMs: number): boolean =>
  Number.isFinite(at) && at <= nowMs + MAX_EVENT_LEAD_MS;

/** An employee whose newest termination is newer than any return: their record never expires. */
export const isLeaver = ({ terminatedAt, returnedAt }: Employment): boolean =>
  terminatedAt !== undefined && (returnedAt === undefined || terminatedAt > returnedAt);

/** A Heymarket email as the applied store keeps it (trimmed, lower-cased), or undefined. */
export function heymarketEmail(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const email = value.trim().toLowerCase();
  return email.length > 0 && email.length <= 320 && email.includes('@') ? email : undefined;
}

/** `<provider>#<tenant or ->#<employeeId>`: one HR employee, whichever Heymarket user it maps to. */
export const employeeKey = (change: Pick<EmployeeChange, 'provider' | 'tenant' | 'employee'>): string =>
  `${change.provider}#${change.tenant ?? '-'}#${change.employee.id}`;

/**
 * The `provider:employee id` an employee key (`employeeKey`) stands for, as identity overrides and the
 * access review name employees; undefined for a key of another form (the reserved items).
 */
export function employeeRef(key: string): string | undefined {
  const match = /^([a-z][a-z0-9]{1,31})#[^#]*#(.+)$/.exec(key);
  return match ? `${match[1]}:${match[2]}` : undefined;
}

/**
 * The business idempotency key of one change to one user: the same event with the same patch gives
 * the same key after any redelivery or redrive. Never the SQS messageId, which a redrive replaces
 * (https://docs.amazonaws.cn/en_us/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-configure-dead-letter-queue-redrive.html).
 */
export function idempotencyKey(
  change: Pick<EmployeeChange, 'provider' | 'eventId'>,
  userId: number,
  fields: PatchFields,
): string {
  const sorted = Object.entries(fields)
    .filter(([, value]) => value !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return createHash('sha256')
    .update(JSON.stringify([change.provider, change.eventId, userId, sorted]))
    .digest('hex');
}

/**
 * Splits a change's fields into those still worth sending and those already superseded: a field is
 * stale when the change applied to it is newer, or is this very change again. An equal time with
 * another key is not stale: the later one wins, as in `coalesce`.
 */
export function splitStale(
  fields: PatchFields,
  at: number,
  key: string,
  applied: AppliedState | undefined,
): { fresh: PatchFields; stale: PatchField[] } {
  const fresh: Record<string, unknown> = {};
  const stale: PatchField[] = [];
  for (const [name, value] of Object.entries(fields) as [PatchField, unknown][]) {
    if (value === undefined) continue;
    const last = applied?.fields[name];
    if (last && (last.at > at || (last.at === at && last.key === key))) stale.push(name);
    else fresh[name] = value;
  }
  return { fresh: fresh as PatchFields, stale };
}
