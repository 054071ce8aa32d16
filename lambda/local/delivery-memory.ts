import { DELIVERY_MEMORY_SECONDS } from '../core/applied.js';
import type { DeliveryMemory } from '../core/deliveries.js';
import { SyncError } from '../core/errors.js';
import { errorCode, type LocalDatabase } from './database.js';

/**
 * The deliveries the local host accepted, in its data file, with the rules of
 * lambda/aws/delivery-memory.ts: a key past its expiry is absent, and a failure of the file is a
 * transient `delivery-store-unavailable` (503, the sender retries). Expired keys are deleted as new
 * ones are written, so the table holds at most the last 36 days of deliveries.
 */
export function createSqliteDeliveryMemory(options: { db: LocalDatabase }): DeliveryMemory {
  const { db } = options;
  const statements = {
    read: db.prepare('SELECT expires_at FROM deliveries WHERE key = ?'),
    write: db.prepare(
      `INSERT INTO deliveries (key, expires_at) VALUES (:key, :expiresAt)
       ON CONFLICT (key) DO UPDATE SET expires_at = :expiresAt`,
    ),
    purge: db.prepare('DELETE FROM deliveries WHERE expires_at <= ?'),
  };
  const remember = db.transaction((key: string, nowSeconds: number) => {
    statements.purge.run(nowSeconds);
    statements.write.run({ key, expiresAt: nowSeconds + DELIVERY_MEMORY_SECONDS });
  });

  return {
    async seen(key, now) {
      try {
        const row = statements.read.get(key) as { expires_at?: unknown } | undefined;
        if (row === undefined) return false;
        // A row this file holds always has a number; anything else is kept as seen rather than replayed.
        return !(Number(row.expires_at) <= Math.floor(now / 1000));
      } catch (error) {
        throw unavailable('read', error);
      }
    },
    async remember(key, now) {
      try {
        remember(key, Math.floor(now / 1000));
      } catch (error) {
        throw unavailable('write', error);
      }
    },
  };
}

const unavailable = (operation: string, error: unknown) =>
  new SyncError(
    'transient',
    'delivery-store-unavailable',
    `deliveries: ${operation} failed (${errorCode(error)})`,
    {},
    { cause: error },
  );
