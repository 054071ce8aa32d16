import type { ConfigInput } from '../../lambda/config/schema.js';
import type { EmployeeChange } from '../../lambda/core/employee-change.js';
import type { QueueRecord } from '../../lambda/core/ports.js';
import { syncBatch } from '../../lambda/service/sync-batch.js';
import {
  clientFor,
  type FakeHeymarket,
  type FakeHeymarketOptions,
  startFakeHeymarket,
} from './fake-heymarket.js';
import { MemoryAppliedStore } from './memory-applied-store.js';
import { queueRecord, workerDeps } from './worker-deps.js';

/**
 * The worker (`syncBatch`) with the real Heymarket client against the loopback fake and an applied
 * store, on the real clock: for rules whose proof is what reaches Heymarket's wire.
 */
export async function workerAgainstFake(options: FakeHeymarketOptions, config: ConfigInput = {}) {
  const fake: FakeHeymarket = await startFakeHeymarket(options);
  const { client } = clientFor(fake, { chunkSize: config.heymarket?.chunkSize ?? 50 });
  const harness = workerDeps(client, config);
  harness.deps.now = Date.now;
  harness.deps.applied = new MemoryAppliedStore();
  return {
    fake,
    ...harness,
    /** Every user entry of every users/update call the fake received. */
    sentPatches: () =>
      fake.requests
        .filter((request) => request.path === '/v1/users/update')
        .flatMap((request) => (request.body as { users: Record<string, unknown>[] }).users),
    sync: (changes: (EmployeeChange | QueueRecord)[]) =>
      syncBatch(
        changes.map((change) => ('messageId' in change ? change : queueRecord(change))),
        harness.deps,
        { deadline: Date.now() + 60_000 },
      ),
  };
}
