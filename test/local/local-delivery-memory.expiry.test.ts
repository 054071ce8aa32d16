import { describe, expect, it } from 'vitest';
import { DELIVERY_MEMORY_SECONDS } from '../../lambda/core/applied.js';
import { deliveryKey } from '../../lambda/core/deliveries.js';
import { SyncError } from '../../lambda/core/errors.js';
import { createSqliteDeliveryMemory } from '../../lambda/local/delivery-memory.js';
import { openTemp } from './support/temp-queue.js';

const DAY = 24 * 60 * 60 * 1000;
const KEY = deliveryKey('hibob', Buffer.from('{"type":"employee.updated"}'));
const OTHER = deliveryKey('personio', Buffer.from('{"event_name":"person.updated"}'));

describe('the local delivery memory', () => {
  it('finds a remembered delivery for 36 days, then reads it as absent', async () => {
    const temp = openTemp();
    try {
      const memory = createSqliteDeliveryMemory({ db: temp.db });
      const at = temp.clock.ms;

      expect(await memory.seen(KEY, at)).toBe(false);
      await memory.remember(KEY, at);
      expect(await memory.seen(KEY, at + DAY)).toBe(true);
      expect(await memory.seen(KEY, at + 35 * DAY)).toBe(true);
      expect(await memory.seen(KEY, at + DELIVERY_MEMORY_SECONDS * 1000)).toBe(false);
    } finally {
      temp.close();
    }
  });

  it('deletes expired deliveries as it writes new ones, so the file keeps 36 days at most', async () => {
    const temp = openTemp();
    try {
      const memory = createSqliteDeliveryMemory({ db: temp.db });
      await memory.remember(KEY, temp.clock.ms);
      await memory.remember(OTHER, temp.clock.ms + 37 * DAY);

      const keys = temp.db.prepare('SELECT key FROM deliveries ORDER BY key').all();
      expect(keys).toEqual([{ key: OTHER }]);
    } finally {
      temp.close();
    }
  });

  it('fails as transient delivery-store-unavailable when the data file cannot be used', async () => {
    const temp = openTemp();
    const memory = createSqliteDeliveryMemory({ db: temp.db });
    temp.close();

    const read = await memory.seen(KEY, Date.now()).catch((error: unknown) => error);
    const write = await memory.remember(KEY, Date.now()).catch((error: unknown) => error);

    for (const error of [read, write]) {
      expect(error).toBeInstanceOf(SyncError);
      expect(error).toMatchObject({ kind: 'transient', code: 'delivery-store-unavailable' });
    }
    expect((read as SyncError).message).toMatch(/^deliveries: read failed \(/);
  });
});
