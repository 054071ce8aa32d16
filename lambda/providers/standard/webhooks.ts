import { createHmac, timingSafeEqual } from 'node:crypto';
import type { EmployeeChange } from '../../core/employee-change.js';
import { invalidInput, permanent, SyncError } from '../../core/errors.js';
import { describeBodyIssues, parseJsonBody } from '../body.js';
import type { ParseInput, ParseResult, VerifyInput, WebhookHandler } from '../provider.js';
import { type StandardChange, StandardDelivery } from './standard-delivery.js';

// How the receiver reads a Standard Webhooks delivery (lambda/providers/webhook-handlers.ts): the
// signature over the raw bytes, then the body into EmployeeChanges.

export const standardWebhooks: WebhookHandler = {
  verify: verifyStandard,
  parse: parseStandard,
};

// Standard Webhooks: ±5 minutes around `webhook-timestamp`, the reference libraries' tolerance.
const TOLERANCE_S = 5 * 60;
// Unix seconds as an integer with no sign, no leading zero and no fraction; 12 digits outlast any clock.
const TIMESTAMP = /^(0|[1-9]\d{0,11})$/;
// The id is signed as its bytes, but a header reaches us as a string (Node's http decodes it as
// latin1, API Gateway as UTF-8): only visible ASCII reads back as the bytes that were sent, so nothing
// else is guessed at. Its length is bounded by `parseStandard` below.
const WEBHOOK_ID = /^[\x21-\x7e]+$/;
// A `v1` signature is the base64 (standard alphabet, padded) of a 32-byte HMAC-SHA256: 43 characters
// and one `=`. Canonical form is also required (see `decodeSignature`), so no two strings pass for one.
const V1_SIGNATURE = /^[A-Za-z0-9+/]{43}=$/;
const KEY = /^[A-Za-z0-9+/]+={0,2}$/;

const unauthorized = (message: string) => new SyncError('auth', 'signature-invalid', `standard: ${message}`);

/**
 * Standard Webhooks (https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md,
 * "Signature scheme" and "Webhook headers"): HMAC-SHA256, keyed with the base64-decoded part of the
 * `whsec_...` secret, over `{webhook-id}.{webhook-timestamp}.` followed by the body exactly as sent;
 * `webhook-signature` is a space-delimited list of `version,base64` entries, one per key during a
 * rotation. Entries of another version (`v1a` is the asymmetric scheme) are skipped; a `v1` entry
 * matches only when it is exactly the canonical base64 of the 32-byte MAC, so `v1,<mac>!!`,
 * `v1,<mac>,x` or a non-canonical spelling of the right bytes is never taken for a signature.
 *
 * The `standardwebhooks` package is not used here: it signs `String(body)`, which turns bytes that are
 * not UTF-8 into U+FFFD, so two different bodies would share one signature. The MAC is computed over
 * the raw bytes with node:crypto and compared on decoded bytes with `crypto.timingSafeEqual`; the
 * window is checked against the injected `now`.
 */
export function verifyStandard({ body, header, secret, now }: VerifyInput): void {
  const id = header('webhook-id');
  const timestamp = header('webhook-timestamp');
  const signatures = header('webhook-signature');
  const missing = [
    ['webhook-id', id],
    ['webhook-timestamp', timestamp],
    ['webhook-signature', signatures],
  ].flatMap(([name, value]) => (value ? [] : [name]));
  if (!id || !timestamp || !signatures) throw unauthorized(`missing header ${missing.join(', ')}`);

  if (!WEBHOOK_ID.test(id)) throw unauthorized('webhook-id is not visible ASCII');
  if (!TIMESTAMP.test(timestamp)) throw unauthorized('webhook-timestamp is not unix seconds');
  const skew = Math.floor(now / 1000) - Number(timestamp);
  if (skew > TOLERANCE_S) throw unauthorized('webhook-timestamp is more than 5 minutes old');
  if (skew < -TOLERANCE_S) throw unauthorized('webhook-timestamp is more than 5 minutes in the future');

  const expected = createHmac('sha256', signingKey(secret))
    .update(`${id}.${timestamp}.`)
    .update(body)
    .digest();
  const matches = signatures.split(' ').some((entry) => {
    const comma = entry.indexOf(',');
    if (comma < 0 || entry.slice(0, comma) !== 'v1') return false;
    const given = decodeSignature(entry.slice(comma + 1));
    return given !== undefined && timingSafeEqual(given, expected);
  });
  if (!matches) throw unauthorized('no webhook-signature matches the body');
}

/** The 32 bytes of a `v1` signature, or undefined unless it is written exactly as base64 writes them. */
function decodeSignature(value: string): Buffer | undefined {
  if (!V1_SIGNATURE.test(value)) return undefined;
  const bytes = Buffer.from(value, 'base64');
  // Node ignores the two unused low bits of the last character: a string with them set is refused.
  return bytes.toString('base64') === value ? bytes : undefined;
}

/** The HMAC key: the base64 after `whsec_` (a bare base64 key is taken too, as the reference libraries do). */
function signingKey(secret: string): Buffer {
  const encoded = secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret;
  const key = KEY.test(encoded) ? Buffer.from(encoded, 'base64') : Buffer.alloc(0);
  if (key.length === 0) {
    throw permanent('secret-invalid', 'webhook secret for standard is not a whsec_ base64 key');
  }
  return key;
}

// An event id is at most 256 characters (EmployeeChange); room is left for the `#<index>` suffix.
const MAX_WEBHOOK_ID = 240;

/**
 * A Standard Webhooks delivery carries one `StandardChange` or a list of them (the schema published as
 * `standard-delivery.schema.json`). Event ids: a change's own `id` when it has one; otherwise the
 * `webhook-id`, which a sender keeps across retries, suffixed `#<index>` for a list. So a retried
 * delivery yields the same event ids and the worker can drop the repeats.
 */
export function parseStandard({ body, header, receivedAt }: ParseInput): ParseResult {
  const webhookId = header('webhook-id');
  if (!webhookId) throw invalidInput('body-invalid', 'standard: missing header webhook-id');
  if (webhookId.length > MAX_WEBHOOK_ID) {
    throw invalidInput('body-invalid', `standard: header webhook-id is over ${MAX_WEBHOOK_ID} characters`);
  }
  const json = parseJsonBody(body);
  // One branch of the union at a time: a failed union reports only "Invalid input" at the root.
  const isList = Array.isArray(json);
  const schema = isList ? StandardDelivery.def.options[1] : StandardDelivery.def.options[0];
  const result = schema.safeParse(json, { reportInput: false });
  if (!result.success) throw invalidInput('body-invalid', describeBodyIssues(result.error));
  const items: StandardChange[] = isList
    ? (result.data as StandardChange[])
    : [result.data as StandardChange];

  // Built from what the delivery schema has just checked, not parsed a second time: it holds every
  // field an EmployeeChange checks but the event id (at most 256 characters either way: a change's own
  // `id` by the schema, the webhook-id by MAX_WEBHOOK_ID) and the time of receipt, which is ours.
  const changes = items.map(
    (item, index): EmployeeChange => ({
      v: 1,
      provider: 'standard',
      eventId: item.id ?? (isList ? `${webhookId}#${index}` : webhookId),
      type: item.type,
      occurredAt: item.occurredAt,
      receivedAt,
      employee: item.employee,
      needsEnrichment: false,
    }),
  );
  return { kind: 'changes', changes };
}
