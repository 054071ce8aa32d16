import fc from 'fast-check';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ConfigInput } from '../../lambda/config/schema.js';
import type { EmployeeChange } from '../../lambda/core/employee-change.js';
import type { QueueRecord } from '../../lambda/core/ports.js';
import { isUserId } from '../../lambda/core/user-patch.js';
import { syncBatch } from '../../lambda/service/sync-batch.js';
import { MemoryAppliedStore } from '../support/memory-applied-store.js';
import { loadReceiver, problemOf, queuedMessages } from '../support/receiver.js';
import { workerDeps } from '../support/worker-deps.js';
import {
  FUZZ_CONFIG,
  FUZZ_RUNS,
  FUZZ_SECRETS,
  FUZZ_SEED,
  fuzzParameters,
  gatewayEvent,
  honestBody,
  type ProviderName,
  SPECS,
} from './deliveries.js';
import { queuedIdOf } from './hostile.js';
import { BODIES, type ChangeKind, timeForm, timeText } from './provider-bodies.js';
import { applyJunk, junk } from './signature-junk.js';
import {
  ASSIGNABLE_ROLES,
  configFor,
  type Directory,
  directory,
  enrichFrom,
  expectedUser,
  OWNER,
  overrides,
  PROTECTED_ROLES,
  WatchedHeymarket,
} from './worker-world.js';

// Each run is a few deliveries through the receiver and a few worker batches: far fewer runs than the
// receiver's properties, each worth many more.
export const WORKER_RUNS = Math.max(20, Math.floor(FUZZ_RUNS / 200));
const TIMEOUT_MS = 120_000;
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const NOW = Date.parse('2026-06-15T12:00:00.000Z');
/** SQS moves a message to the DLQ after this many receives (`MAX_RECEIVE_COUNT` in infra/queues.ts). */
const MAX_RECEIVES = 5;

type Receiver = Awaited<ReturnType<typeof loadReceiver>>;

const delivery = (provider: ProviderName) =>
  fc.record({
    who: fc.nat(),
    kind: fc.constantFrom<ChangeKind>('created', 'updated', 'updated', 'terminated', 'deleted'),
    // Trusted, older than 35 days (clamped), or ahead of the receiver's clock (refused).
    offset: fc.oneof(
      { weight: 6, arbitrary: fc.integer({ min: -35 * DAY, max: 5 * MINUTE }) },
      { weight: 1, arbitrary: fc.integer({ min: -3_650 * DAY, max: -35 * DAY - 1 }) },
      { weight: 1, arbitrary: fc.integer({ min: 5 * MINUTE + 1, max: 1_000 * 365 * DAY }) },
    ),
    form: timeForm(provider),
    fat: fc.boolean(),
    /** Write the id as a JSON number where it reads as one. */
    numeric: fc.boolean(),
    // One in six comes with junk around its signature (most then refused 401).
    forged: fc.oneof({ weight: 5, arbitrary: fc.constant(undefined) }, junk),
    variant: fc.nat(),
  });

/**
 * Deliveries, honest and hostile, through the real receiver; what it queues, through the real worker
 * (`syncBatch`) against an in-memory Heymarket, redelivered as SQS would until each message ends.
 */
export function describeWorkerFuzz(provider: ProviderName) {
  const spec = SPECS[provider];
  let receiver: Receiver;

  describe(`${provider} deliveries through the receiver and the worker (seed ${FUZZ_SEED})`, () => {
    beforeAll(() => {
      console.info(
        `fuzz ${provider} worker: seed ${FUZZ_SEED} (FUZZ_SEED), ${WORKER_RUNS} runs (FUZZ_RUNS / 200)`,
      );
    });
    afterEach(() => vi.useRealTimers());

    /** Every change the receiver queued for these deliveries, as SQS would hand them to the worker. */
    async function receive(people: Directory, deliveries: Delivery[]) {
      receiver.items.clear();
      const records: QueueRecord[] = [];
      const statuses: number[] = [];
      for (const d of deliveries) {
        const person = people[d.who % people.length];
        if (!person) continue;
        const { employee } = person;
        const id =
          d.numeric && String(Number(employee.id)) === employee.id ? Number(employee.id) : employee.id;
        const time = timeText(NOW + d.offset, d.form).text;
        const text = JSON.stringify(BODIES[provider]({ id, kind: d.kind, time, fat: d.fat, employee }));
        const headers = spec.sign(Buffer.from(text), spec.secret, d.variant);
        const last = spec.signatureHeaders.at(-1) ?? '';
        if (d.forged) headers[last] = applyJunk(headers[last] ?? '', d.forged);
        receiver.sqs.resetHistory();
        const response = await receiver.handler(
          gatewayEvent({ provider, body: honestBody(text, false, 'application/json'), headers }),
        );
        statuses.push(response.statusCode);
        expect(response.statusCode).toBeLessThan(500);
        if (response.statusCode >= 300) problemOf(response);
        for (const { body } of queuedMessages(receiver.sqs)) {
          const change = body as EmployeeChange;
          // The receiver queues only this employee, under the id the provider's rules give it.
          expect(change.provider).toBe(provider);
          expect(change.employee.id).toBe(queuedIdOf(provider, id));
          expect(change.employee.id).toBe(employee.id);
          records.push({
            messageId: `m-${records.length}`,
            body: JSON.stringify(change),
            attributes: { provider: change.provider, eventId: change.eventId },
            receiveCount: 1,
            firstSeenAt: new Date(NOW).toISOString(),
          });
        }
      }
      return { records, statuses };
    }

    it(
      'never patches without a user id, another employee’s user, a protected user, a protected role or its holder; every message ends once',
      async () => {
        vi.useFakeTimers({ toFake: ['Date'] });
        vi.setSystemTime(NOW);
        // Loaded under the pinned clock: the handler keeps the `Date.now` it finds when it starts.
        receiver = await loadReceiver({ config: FUZZ_CONFIG, webhookSecrets: FUZZ_SECRETS });
        const tally = {
          runs: 0,
          queued: 0,
          patches: 0,
          statuses: {} as Record<number, number>,
          skipped: {} as Record<string, number>,
          ends: {} as Record<string, number>,
        };
        const run = fc.record({
          people: directory,
          chosen: overrides,
          deliveries: fc.array(delivery(provider), { minLength: 1, maxLength: 8 }),
          batchSize: fc.integer({ min: 1, max: 10 }),
        });

        await fc.assert(
          fc.asyncProperty(run, async ({ people, chosen, deliveries, batchSize }) => {
            const config = configFor(provider, people, chosen);
            const heymarket = new WatchedHeymarket();
            const harness = workerDeps(heymarket, config);
            const { enrich, unknown } = enrichFrom(people);
            Object.assign(harness.deps, { enrich, applied: new MemoryAppliedStore(), now: Date.now });

            const { records, statuses } = await receive(people, deliveries);
            for (const status of statuses) tally.statuses[status] = (tally.statuses[status] ?? 0) + 1;

            const ends = await drainQueue(records, batchSize, harness, tally.skipped);
            expect(ends.size).toBe(records.length);
            expect(unknown).toEqual([]);
            expectOnlyRightfulPatches(provider, heymarket, people, records, config);
            tally.runs += 1;
            tally.queued += records.length;
            tally.patches += heymarket.sent.length;
            for (const end of ends.values()) tally.ends[end] = (tally.ends[end] ?? 0) + 1;
          }),
          fuzzParameters(WORKER_RUNS),
        );
        console.info(`fuzz ${provider} worker:`, JSON.stringify(tally));
        // Not vacuous: deliveries were accepted and refused, users patched, protected roles withheld.
        expect(tally.patches).toBeGreaterThan(0);
        expect(tally.statuses[202]).toBeGreaterThan(0);
        expect((tally.statuses[400] ?? 0) + (tally.statuses[401] ?? 0)).toBeGreaterThan(0);
        expect(tally.skipped['protected-role']).toBeGreaterThan(0);
      },
      TIMEOUT_MS,
    );
  });
}

type Harness = ReturnType<typeof workerDeps>;

/**
 * SQS, as far as the worker can tell: batches of `batchSize`, a retried message delivered again until
 * its fifth receive, then moved to the DLQ. Checks that every message of every batch ends in exactly one
 * place (done or skipped, retried, dead-lettered) and returns where each finally ended.
 */
async function drainQueue(
  records: QueueRecord[],
  batchSize: number,
  harness: Harness,
  skipped: Record<string, number>,
): Promise<Map<string, string>> {
  const ends = new Map<string, string>();
  const pending = [...records];
  while (pending.length > 0) {
    const batch = pending.splice(0, batchSize);
    const before = harness.deadLettered.length;
    const result = await syncBatch(batch, harness.deps, { deadline: Date.now() + 60_000 });
    const dead = new Set(harness.deadLettered.slice(before).map(({ record }) => record.messageId));
    const retried = new Set(result.retry);
    expect(retried.size).toBe(result.retry.length);
    expect(dead.size).toBe(harness.deadLettered.length - before);
    expect(result.summary.received).toBe(batch.length);
    expect(sum(result.summary.deadLettered)).toBe(dead.size);
    expect(sum(result.summary.retried)).toBe(retried.size);
    for (const [reason, n] of Object.entries(result.summary.skipped))
      skipped[reason] = (skipped[reason] ?? 0) + n;
    const ids = new Set(batch.map((record) => record.messageId));
    for (const id of [...dead, ...retried]) expect(ids.has(id)).toBe(true);
    for (const record of batch) {
      const id = record.messageId;
      expect(ends.has(id)).toBe(false);
      expect(dead.has(id) && retried.has(id)).toBe(false);
      if (dead.has(id)) ends.set(id, 'dead-lettered');
      else if (!retried.has(id)) ends.set(id, 'done');
      else if (record.receiveCount >= MAX_RECEIVES) ends.set(id, 'moved-to-dlq');
      else pending.push({ ...record, receiveCount: record.receiveCount + 1 });
    }
  }
  return ends;
}

/**
 * Every patch sent has a user id, is for a user some queued employee maps to (its override for this
 * provider, else its work email), carries only that employee's names, and sets no protected role and
 * no role at all for a user who held a protected one; the protected user gets none.
 */
function expectOnlyRightfulPatches(
  provider: ProviderName,
  heymarket: WatchedHeymarket,
  people: Directory,
  records: QueueRecord[],
  config: ConfigInput,
) {
  const queuedIds = new Set(records.map((record) => (JSON.parse(record.body) as EmployeeChange).employee.id));
  const queued = people.filter(({ employee }) => queuedIds.has(employee.id)).map(({ employee }) => employee);
  for (const { patch, roleBefore } of heymarket.sent) {
    expect(isUserId(patch.id)).toBe(true);
    expect(patch.id).not.toBe(OWNER);
    const owners = queued.filter((employee) => expectedUser(provider, employee, config) === patch.id);
    expect(owners.length).toBeGreaterThan(0);
    if (patch.first_name !== undefined) {
      expect(owners.flatMap((employee) => [employee.firstName, employee.preferredName])).toContain(
        patch.first_name,
      );
    }
    if (patch.last_name !== undefined)
      expect(owners.map((employee) => employee.lastName)).toContain(patch.last_name);
    if (patch.role_id !== undefined) {
      expect(ASSIGNABLE_ROLES).toContain(patch.role_id);
      expect(PROTECTED_ROLES).not.toContain(patch.role_id);
      expect(PROTECTED_ROLES).not.toContain(roleBefore);
    }
  }
}

type Delivery = typeof delivery extends (provider: ProviderName) => fc.Arbitrary<infer T> ? T : never;

const sum = (tally: Record<string, number>) => Object.values(tally).reduce((total, n) => total + n, 0);
