import { createHash } from 'node:crypto';
import type { ProviderName } from './employee-change.js';

/**
 * The deliveries the receiver has accepted, by their bytes: a captured body sent again (by an attacker
 * or a confused sender) is answered `duplicate` instead of being queued with a fresh arrival time that
 * would win over newer changes. Senders whose signature covers no timestamp (each provider's
 * verify.ts says) have nothing else that stops a replay. Implemented over DynamoDB
 * (lambda/aws/delivery-memory.ts) and SQLite (lambda/local/delivery-memory.ts); entries live `DELIVERY_MEMORY_SECONDS` (lambda/core/applied.ts).
 * Both calls throw a transient SyncError when the store cannot be reached, so the sender retries.
 */
export interface DeliveryMemory {
  /** Whether this key was remembered and has not expired at `now` (epoch ms). */
  seen(key: string, now: number): Promise<boolean>;
  /** Remembers the key from `now` (epoch ms); called only once every change is on the queue. */
  remember(key: string, now: number): Promise<void>;
}

/**
 * Every delivery key starts with this, so the receiver's IAM policy can be limited to these items of
 * the table it shares with the worker's applied state (infra/applied-table.ts).
 */
export const DELIVERY_KEY_PREFIX = 'delivery#';

/** `delivery#<provider>#<sha256 of the raw body, hex>`: the same bytes to the same endpoint. */
export const deliveryKey = (provider: ProviderName, body: Buffer): string =>
  `${DELIVERY_KEY_PREFIX}${provider}#${createHash('sha256').update(body).digest('hex')}`;
