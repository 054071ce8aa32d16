import { createHmac, timingSafeEqual } from 'node:crypto';
import { SyncError } from '../../core/errors.js';
import type { VerifyInput } from '../provider.js';

const HEADER = 'x-merge-webhook-signature';
// An HMAC-SHA256 is 32 bytes, 44 characters of base64: anything much longer is not a signature.
const MAX_SIGNATURE_CHARS = 128;
// The four forms of base64: standard or URL-safe alphabet, with or without `=` padding.
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

const unauthorized = (message: string) => new SyncError('auth', 'signature-invalid', `merge: ${message}`);

/**
 * Merge (docs.merge.dev, "Merge webhooks sent to you", Security): `X-Merge-Webhook-Signature` is the
 * HMAC-SHA256 of the raw body keyed with the organisation's signature key (its UTF-8 bytes), encoded
 * base64url. Whether the `=` padding is kept, and whether every sender uses the URL-safe alphabet, is not
 * confirmed (https://docs.merge.dev/basics/webhooks/merge-webhooks says neither), so all four forms are
 * taken: Node's base64 decoder reads both alphabets, with
 * or without padding, and the decoded bytes are compared in constant time. Nothing but the body is
 * signed, so there is no freshness window; a replay is caught by the body-hash event id.
 */
export function verifyMerge({ body, header, secret }: VerifyInput): void {
  const signature = header(HEADER)?.trim();
  if (!signature) throw unauthorized('missing header x-merge-webhook-signature');
  if (signature.length > MAX_SIGNATURE_CHARS || !BASE64.test(signature)) {
    throw unauthorized('x-merge-webhook-signature is not a base64 HMAC-SHA256');
  }
  const given = Buffer.from(signature, 'base64');
  const expected = createHmac('sha256', Buffer.from(secret, 'utf8')).update(body).digest();
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw unauthorized('x-merge-webhook-signature does not match the body');
  }
}
