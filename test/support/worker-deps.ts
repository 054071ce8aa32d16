import { parseConfig } from '../../lambda/config/load.js';
import type { Config, ConfigInput } from '../../lambda/config/schema.js';
import type { DeadLetterReason } from '../../lambda/core/dead-letter.js';
import type { EmployeeChange } from '../../lambda/core/employee-change.js';
import { type SyncError, transient } from '../../lambda/core/errors.js';
import type { HeymarketUsers, QueueRecord, UpdateOutcome } from '../../lambda/core/ports.js';
import { TtlCache } from '../../lambda/core/ttl-cache.js';
import type { UserPatch } from '../../lambda/core/user-patch.js';
import type { Membership } from '../../lambda/heymarket/types.js';
import type { SyncDeps } from '../../lambda/service/sync-batch.js';

/**
 * An in-memory Heymarket behind the worker's port, for rules of the batch (coalescing, partial
 * failure, dead-lettering). The wire itself is proven against the loopback fake in test/contract.
 */
export class MemoryHeymarket implements HeymarketUsers {
  readonly users = new Map<number, Membership & { first_name?: string; last_name?: string }>();
  readonly updateCalls: UserPatch[][] = [];
  readonly lookupCalls: string[][] = [];
  /** Per user id: how the next update of that user fails. */
  readonly failures = new Map<number, SyncError>();
  lookupFailure: SyncError | undefined;

  add(id: number, email: string) {
    this.users.set(id, { id, email, name: 'Someone', role_id: 4 });
    return this;
  }

  async findUsersByEmail(emails: readonly string[]) {
    this.lookupCalls.push([...emails]);
    if (this.lookupFailure) throw this.lookupFailure;
    const found = new Map<string, Membership>();
    for (const user of this.users.values()) {
      if (user.email && emails.includes(user.email)) found.set(user.email, user);
    }
    return found;
  }

  async updateUsers(patches: readonly UserPatch[]) {
    this.updateCalls.push([...patches]);
    const outcomes = new Map<number, UpdateOutcome>();
    for (const patch of patches) {
      const failure = this.failures.get(patch.id);
      const user = this.users.get(patch.id);
      if (failure) outcomes.set(patch.id, { ok: false, error: failure });
      else if (user) {
        Object.assign(user, patch);
        outcomes.set(patch.id, { ok: true, requestId: `req-${patch.id}` });
      }
    }
    return outcomes;
  }
}

export function workerDeps(heymarket: HeymarketUsers, config: ConfigInput = {}) {
  const deadLettered: { record: QueueRecord; reason: DeadLetterReason }[] = [];
  const logs: { level: string; message: string; attributes: Record<string, unknown> }[] = [];
  const record = (level: string) => (message: string, attributes: Record<string, unknown>) =>
    logs.push({ level, message, attributes });
  const now = () => Date.parse('2026-03-01T12:00:00Z');
  let dlqDown = false;
  const deps: SyncDeps & { config: Config } = {
    config: parseConfig(config, 'test'),
    heymarket,
    deadLetters: {
      async send(rec, reason) {
        if (dlqDown) throw transient('dlq-unavailable', 'dlq: SendMessage failed (ServiceUnavailable)');
        deadLettered.push({ record: rec, reason });
      },
    },
    userIds: new TtlCache<string, number>(300_000, now),
    log: { info: record('info'), warn: record('warn'), error: record('error') },
    now,
  };
  return {
    deps,
    deadLettered,
    logs,
    breakDlq: () => {
      dlqDown = true;
    },
    options: { deadline: now() + 60_000 },
  };
}

let seq = 0;
export function queueRecord(change: EmployeeChange | string, receiveCount = 1): QueueRecord {
  seq += 1;
  return {
    messageId: `msg-${seq}`,
    body: typeof change === 'string' ? change : JSON.stringify(change),
    attributes: typeof change === 'string' ? {} : { provider: change.provider, eventId: change.eventId },
    receiveCount,
    firstSeenAt: '2026-03-01T11:59:00.000Z',
  };
}
