import { timingSafeEqual } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { permanent, SyncError } from '../../core/errors.js';
import type { VerifyInput } from '../provider.js';

// Standard Webhooks: ±5 minutes around `webhook-timestamp` (REFERENCE §2, and the library's own).
const TOLERANCE_S = 5 * 60;

const unauthorized = (message: string) => new SyncError('auth', 'signature-invalid', `standard: ${message}`);

/**
 * Standard Webhooks signature: HMAC-SHA256 keyed with the base64 part of `whsec_...` over
 * `${webhook-id}.${webhook-timestamp}.${body}`, sent as space-separated `v1,<base64>` entries.
 *
 * The `standardwebhooks` library computes the signature (`Webhook.sign`: its key decoding and message
 * format are the reference), but its `verify` reads the clock with `Date.now()`, which a test cannot
 * inject; so the window is checked here against `now`, and the comparison is done on decoded bytes
 * with `crypto.timingSafeEqual` (REFERENCE §2).
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

  if (!/^\d{1,12}$/.test(timestamp)) throw unauthorized('webhook-timestamp is not unix seconds');
  const seconds = Number(timestamp);
  const skew = Math.floor(now / 1000) - seconds;
  if (skew > TOLERANCE_S) throw unauthorized('webhook-timestamp is more than 5 minutes old');
  if (skew < -TOLERANCE_S) throw unauthorized('webhook-timestamp is more than 5 minutes in the future');

  let webhook: Webhook;
  try {
    webhook = new Webhook(secret);
  } catch {
    throw permanent('secret-invalid', 'webhook secret for standard is not a whsec_ base64 key');
  }
  const expected = Buffer.from(
    webhook.sign(id, new Date(seconds * 1000), body.toString('utf8')).slice('v1,'.length),
    'base64',
  );
  const matches = signatures.split(' ').some((entry) => {
    const [version, value] = entry.split(',', 2);
    if (version !== 'v1' || !value) return false;
    const given = Buffer.from(value, 'base64');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  if (!matches) throw unauthorized('no webhook-signature matches the body');
}
