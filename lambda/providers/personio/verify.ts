import { createHash, timingSafeEqual } from 'node:crypto';
import { SyncError } from '../../core/errors.js';
import type { VerifyInput } from '../provider.js';

// Far longer than any token an operator would configure: a bigger header is not even hashed.
const MAX_HEADER_CHARS = 4_096;

const unauthorized = (message: string) => new SyncError('auth', 'token-invalid', `personio: ${message}`);

/**
 * Personio webhooks carry no signature and no timestamp (https://developer.personio.de/v2.0/reference/webhooks):
 * with `auth_type` TOKEN, the
 * default, every delivery sends the webhook's configured token in `Authorization`, "this exact value",
 * with no prefix added (developer.personio.de, "Create new webhook"). Some operators configure
 * `Bearer <token>` there, some the bare token, and the secret stored here may be either form; so a
 * leading `Bearer ` is dropped from both sides before comparing, and all four combinations match.
 *
 * Both sides are hashed with sha256 before `timingSafeEqual`, so the comparison takes the same time
 * whatever the lengths and leaks neither the token's length nor how much of it matched.
 */
export function verifyPersonio({ header, secret }: VerifyInput): void {
  const given = header('authorization');
  if (!given?.trim()) throw unauthorized('missing header authorization');
  if (given.length > MAX_HEADER_CHARS) throw unauthorized('authorization does not match the webhook token');
  const expected = bareToken(secret);
  const presented = bareToken(given);
  // An empty configured token would let an empty `Bearer ` through; the secret schema forbids it too.
  const matches = timingSafeEqual(digest(presented), digest(expected)) && expected !== '';
  if (!matches) throw unauthorized('authorization does not match the webhook token');
}

const bareToken = (value: string) => value.trim().replace(/^bearer\s+/i, '');

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
