import { DELIVERY_MEMORY_SECONDS } from '../../lambda/core/applied.js';
import type { DeliveryMemory } from '../../lambda/core/deliveries.js';
import { transient } from '../../lambda/core/errors.js';

/**
 * An in-memory delivery memory behind the receiver's port, with the adapters' rules (a key past its
 * expiry is absent; an unreachable store is a transient `delivery-store-unavailable`). The DynamoDB
 * wire is proven in test/unit/delivery-memory.test.ts.
 */
export class MemoryDeliveries implements DeliveryMemory {
  /** Expiry (epoch seconds) by key. */
  readonly expiries = new Map<string, number>();
  down = false;

  async seen(key: string, now: number) {
    this.fail();
    const expires = this.expiries.get(key);
    return expires !== undefined && expires > Math.floor(now / 1000);
  }

  async remember(key: string, now: number) {
    this.fail();
    this.expiries.set(key, Math.floor(now / 1000) + DELIVERY_MEMORY_SECONDS);
  }

  private fail() {
    if (this.down) throw transient('delivery-store-unavailable', 'deliveries: store down (test)');
  }
}
