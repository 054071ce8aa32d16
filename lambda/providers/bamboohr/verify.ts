import { createHmac, timingSafeEqual } from 'node:crypto';
import { SyncError } from '../../core/errors.js';
import type { VerifyInput } from '../provider.js';
import { bambooMillis } from './time.js';

const SIGNATURE = 'x-bamboohr-signature';
const TIMESTAMP = 'x-bamboohr-timestamp';
// The timestamp is the send time: a delivery signed more than this long before or after now is refused.
const TOLERANCE_MS = 5 * 60 * 1000;

const unauthorized = (message: string) => new SyncError('auth', 'signature-invalid', `bamboohr: ${message}`);

/**
 * BambooHR (https://documentation.bamboohr.com/docs/webhooks, Security): `X-BambooHR-Signature` is
 * the lowercase hex HMAC-SHA256 of the raw body immediately followed by the `X-BambooHR-Timestamp`
 * value, no separator, keyed with the webhook's private key (its UTF-8 bytes). The timestamp is when
 * the request was sent, so it bounds replays: ±5 minutes. Its form is not documented; unix seconds and
 * ISO-8601 are both read (see `bambooMillis`), and the string is signed exactly as it was sent.
 * Upper-case hex and a `sha256=` prefix are taken too: neither weakens the comparison.
 */
export function verifyBambooHr({ body, header, secret, now }: VerifyInput): void {
  const signature = header(SIGNATURE)?.trim();
  const timestamp = header(TIMESTAMP)?.trim();
  const missing = [
    [SIGNATURE, signature],
    [TIMESTAMP, timestamp],
  ].flatMap(([name, value]) => (value ? [] : [name]));
  if (!signature || !timestamp) throw unauthorized(`missing header ${missing.join(', ')}`);

  const sentAt = bambooMillis(timestamp);
  if (sentAt === undefined) throw unauthorized(`${TIMESTAMP} is neither unix seconds nor ISO-8601`);
  if (now - sentAt > TOLERANCE_MS) throw unauthorized(`${TIMESTAMP} is more than 5 minutes old`);
  if (sentAt - now > TOLERANCE_MS) throw unauthorized(`${TIMESTAMP} is more than 5 minutes in the future`);

  const hex = signature.replace(/^sha256=/i, '');
  const expected = createHmac('sha256', Buffer.from(secret, 'utf8')).update(body).update(timestamp).digest();
  const given = /^[0-9a-f]{64}$/i.test(hex) ? Buffer.from(hex, 'hex') : undefined;
  if (!given || !timingSafeEqual(given, expected)) {
    throw unauthorized(`${SIGNATURE} does not match the body and timestamp`);
  }
}
