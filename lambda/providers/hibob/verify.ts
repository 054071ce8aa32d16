import { createHmac, timingSafeEqual } from 'node:crypto';
import { SyncError } from '../../core/errors.js';
import type { VerifyInput } from '../provider.js';
import { isPing } from './ping.js';

const HEADER = 'bob-signature';
// An HMAC-SHA512 is 64 bytes, 88 characters of base64: anything much longer is not a signature.
const MAX_SIGNATURE_CHARS = 256;

const unauthorized = (message: string) => new SyncError('auth', 'signature-invalid', `hibob: ${message}`);

/**
 * HiBob webhooks v2 (apidocs.hibob.com, "Working with webhooks", step 3, and every v2 event's page):
 * `Bob-Signature` is the base64 HMAC-SHA512 of the raw body, keyed with the secret shown in Bob's
 * webhook settings (its UTF-8 bytes). Nothing else is signed, so there is no freshness window: HiBob
 * retries for up to 3 days and `triggeredAt` is the event's time, not the send time
 * (https://apidocs.hibob.com/reference/webhook-events-v2, Retry policy).
 *
 * The setup ping is the one exception, and a deliberate one. HiBob's docs do not say whether the ping
 * carries a signature, and when a webhook is created the ping may come before its secret is stored
 * here; refusing it would fail the handshake. So an exact ping body (see `isPing`) passes whether it is
 * unsigned or signed with a key we do not hold. That is safe: a ping is answered 200 and never queued,
 * so a forged one changes nothing, and any other body without a matching signature is still a 401.
 */
export function verifyHiBob({ body, header, secret }: VerifyInput): void {
  const signature = header(HEADER)?.trim();
  if (signature && signature.length <= MAX_SIGNATURE_CHARS && matches(signature, body, secret)) return;
  if (isPing(body)) return;
  if (!signature) throw unauthorized('missing header bob-signature');
  throw unauthorized('bob-signature does not match the body');
}

/**
 * Base64 as documented; base64url and a missing `=` are taken too, since Node's decoder reads both and a
 * proxy or a future change of encoding should not turn every delivery into a 401.
 */
function matches(signature: string, body: Buffer, secret: string): boolean {
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(signature)) return false;
  const given = Buffer.from(signature, 'base64');
  const expected = createHmac('sha512', secret).update(body).digest();
  return given.length === expected.length && timingSafeEqual(given, expected);
}
