import type { Config } from '../config/schema.js';
import { type AppliedStore, employeeKey, idempotencyKey } from '../core/applied.js';
import { retryDelaySeconds } from '../core/backoff.js';
import {
  type CoalescedPatch,
  coalesceWithSources,
  type MappedChange,
  type SourcedPatch,
} from '../core/coalesce.js';
import type { DeadLetterReason } from '../core/dead-letter.js';
import type { Employee, EmployeeChange } from '../core/employee-change.js';
import { classify, permanent, type SyncError, transient } from '../core/errors.js';
import { capEventTime } from '../core/event-time.js';
import { judgeLeavers, type StatusEvent, statusEventOf } from '../core/leaver.js';
import { mapConcurrently } from '../core/map-concurrently.js';
import { isTermination, mapToPatch } from '../core/map-to-patch.js';
import { guardFields, leaverRoleOf } from '../core/role-guard.js';
import type { TtlCache } from '../core/ttl-cache.js';
import type { PatchFields } from '../core/user-patch.js';
import type { HeymarketUsers } from '../heymarket/types.js';
import type { Log } from '../observability/log.js';
import type { Metrics } from '../observability/metrics.js';
import { QueuedChange } from '../providers/index.js';
import { AppliedLedger } from './applied-ledger.js';
import { count, countOutcomes, newSummary, type SyncSummary } from './sync-summary.js';
import { lookUpUsers } from './user-lookup.js';

/** A queue message as the worker sees it, whichever queue delivered it (SQS or the local one). */
export interface QueueRecord {
  messageId: string;
  body: string;
  attributes: Record<string, string>;
  receiveCount: number;
  firstSeenAt?: string;
}

export interface SyncDeps {
  config: Config;
  heymarket: HeymarketUsers;
  deadLetters: { send(record: QueueRecord, reason: DeadLetterReason): Promise<void> };
  /** Fetches the employee a thin event is about from its HR system (see `EmployeeSource`). */
  enrich?: (change: EmployeeChange, options: { deadline: number }) => Promise<Employee>;
  /** Lower-cased work email → Heymarket user id, kept warm across invocations. */
  userIds: TtlCache<string, number>;
  /**
   * What was applied per HR employee, across batches and replays. Without it (no `APPLIED_TABLE`), or
   * in a dry run, the worker orders changes within a batch only and finds users by email or override.
   */
  applied?: AppliedStore;
  log: Log;
  /** Counts the batch's outcomes (see `countOutcomes`); a host without metrics leaves it out. */
  metrics?: Metrics;
  now: () => number;
}

export interface SyncOptions {
  /** Epoch ms by which the invocation must be done; no call starts after `deadline - reserveMs`. */
  deadline: number;
  reserveMs?: number;
}

export type { SyncSummary } from './sync-summary.js';

export interface SyncResult {
  /** Message ids SQS must deliver again (`batchItemFailures`). */
  retry: string[];
  /** Per retried message id, how long it should stay hidden first (see `retryDelaySeconds`). */
  delays: Map<string, number>;
  summary: SyncSummary;
}

interface Item {
  record: QueueRecord;
  change: EmployeeChange;
}

/** `back`: the employee is back by this change (see `LeaverVerdict`), set by `keepLeaversLeft`. */
type Mapped = Item & { fields: PatchFields; event?: StatusEvent; back?: boolean };

// HR APIs allow about 50–100 requests a minute (https://apidocs.hibob.com/reference/rate-limiting,
// https://docs.merge.dev/basics/rate-limits/): a few at a time, not a batch at once.
const ENRICH_CONCURRENCY = 4;
const DEFAULT_RESERVE_MS = 5_000;
// A lease outlives the invocation's deadline by this much, so it expires only once the run is over.
const LEASE_MARGIN_MS = 10_000;

/**
 * One batch of queue messages → enrich thin events → map → claim the employees → keep leavers' roles
 * (lambda/core/leaver.ts) → resolve users and read the roles they hold (at most one `users/get`) →
 * the role guard (lambda/core/role-guard.ts) → one patch per user → ceil(users / chunk) `users/update`
 * calls. Every message ends in exactly one place: done, skipped (counted), retried by SQS, or
 * dead-lettered with its reason.
 */
export async function syncBatch(
  records: readonly QueueRecord[],
  deps: SyncDeps,
  options: SyncOptions,
): Promise<SyncResult> {
  const run = new BatchRun(records, deps, options);
  const parsed = await run.parse();
  const complete = await run.enrich(parsed);
  const claimed = await run.claim(run.map(complete));
  try {
    const mapped = await run.resolve(run.keepLeaversLeft(claimed));
    await run.apply(coalesceWithSources(run.dropStale(mapped)));
  } finally {
    await run.release();
  }
  return run.result();
}

class BatchRun {
  readonly #retry = new Set<string>();
  readonly #delays = new Map<string, number>();
  readonly #summary: SyncSummary;
  readonly #byId: Map<string, QueueRecord>;
  readonly #ledger = new AppliedLedger();

  constructor(
    private readonly records: readonly QueueRecord[],
    private readonly deps: SyncDeps,
    private readonly options: SyncOptions,
  ) {
    this.#byId = new Map(records.map((record) => [record.messageId, record]));
    this.#summary = newSummary(records.length, deps.config.dryRun);
  }

  /** Anything unparseable is permanent: no retry will make it parse. */
  async parse(): Promise<Item[]> {
    const items: Item[] = [];
    for (const record of this.records) {
      const parsed = parseMessage(record.body);
      const change = parsed && (capEventTime(parsed, this.deps.now()) ?? parsed);
      if (parsed !== change) {
        this.deps.log.warn('event time later than now, lowered', { messageId: record.messageId });
      }
      if (change) items.push({ record, change });
      else {
        const reason = `message ${record.messageId} is not a valid EmployeeChange v1`;
        await this.fail(record, permanent('invalid-message', reason));
      }
    }
    return items;
  }

  async enrich(items: Item[]): Promise<Item[]> {
    const results = await mapConcurrently(items, ENRICH_CONCURRENCY, async (item) => {
      // A termination that the configuration ignores needs no HR API call: mapping will skip it.
      const ignored = isTermination(item.change) && this.deps.config.termination.action === 'ignore';
      if (!item.change.needsEnrichment || ignored) return item;
      const { enrich } = this.deps;
      if (!enrich) {
        const reason = `provider ${item.change.provider} sent a thin event and the worker has no HR API for it`;
        return this.fail(item.record, permanent('enrichment-unavailable', reason));
      }
      if (this.#outOfTime()) return this.fail(item.record, this.#deadlineError());
      try {
        const fetched = await enrich(item.change, { deadline: this.options.deadline });
        this.#summary.enriched += 1;
        const employee = { ...fetched, id: item.change.employee.id };
        return { record: item.record, change: { ...item.change, employee, needsEnrichment: false } };
      } catch (error) {
        return this.fail(item.record, classify(error));
      }
    });
    return results.filter((item): item is Item => item !== undefined);
  }

  map(items: Item[]): Mapped[] {
    return items.flatMap((item) => {
      const mapped = mapToPatch(item.change, this.deps.config);
      const event = statusEventOf(item.change);
      if (mapped.kind === 'patch') return [{ ...item, fields: mapped.fields, event }];
      // An ignored termination, or a bare return, changes no field but is recorded (see keepLeaversLeft).
      if (event === undefined || mapped.reason === 'termination-ignored') {
        count(this.#summary.skipped, mapped.reason);
      }
      return event === undefined ? [] : [{ ...item, fields: {}, event }];
    });
  }

  /**
   * Leavers stay leavers (lambda/core/leaver.ts): drops the role of a change made while the employee
   * had left, notes each rehire, and sets what the applied store will keep. A change left with no
   * field is done here, without a Heymarket call.
   */
  keepLeaversLeft(items: Mapped[]): Mapped[] {
    const keys = items.map(({ change }) => employeeKey(change));
    const { verdicts, employment } = judgeLeavers(
      items.map(({ change, event, fields }, index) => ({
        employeeKey: keys[index] ?? '',
        at: Date.parse(change.occurredAt),
        event,
        setsRole: fields.role_id !== undefined,
      })),
      (key) => this.#ledger.stateOf(key) ?? {},
    );
    for (const [key, times] of employment) this.#ledger.record(key, times);
    return items.flatMap((item, index) => {
      const verdict = verdicts[index];
      const messageId = item.record.messageId;
      if (verdict?.rehire) {
        this.#summary.rehired += 1;
        this.deps.log.info('rehire: role changes allowed again', { messageId });
      }
      const fields =
        verdict && verdict.role !== 'keep'
          ? this.#withoutRole(item.fields, verdict.role, messageId)
          : item.fields;
      if (Object.keys(fields).length > 0) return [{ ...item, fields, back: verdict?.back ?? false }];
      if (item.event) this.#ledger.noteDone(keys[index] ?? '', messageId);
      return [];
    });
  }

  /**
   * Finds each change's user (see `lookUpUsers`: at most one `users/get` for the batch) and applies
   * the role guard (lambda/core/role-guard.ts): a protected user gets nothing, a role is changed only
   * for a user whose current role was read and is not protected.
   */
  async resolve(items: Mapped[]): Promise<MappedChange[]> {
    const { config } = this.deps;
    const keys = items.map(({ change }) => employeeKey(change));
    const lookups = await lookUpUsers(
      items.map(({ change, fields }, index) => {
        const stored = this.#ledger.stateOf(keys[index] ?? '');
        return {
          change,
          storedUserId: stored?.userId,
          storedEmail: stored?.userEmail,
          wantsRole: fields.role_id !== undefined,
        };
      }),
      this.deps,
      {
        deadline: this.options.deadline,
        refuse: () => (this.#outOfTime() ? this.#deadlineError() : undefined),
      },
    );
    const mapped: MappedChange[] = [];
    for (const [index, { record, change, fields, event, back }] of items.entries()) {
      const lookup = lookups[index] ?? { kind: 'failed', error: permanent('unknown-email', 'not looked up') };
      if (lookup.kind === 'failed') {
        await this.fail(record, lookup.error);
        continue;
      }
      const { userId } = lookup;
      const key = keys[index] ?? employeeKey(change);
      const { heymarketEmail: userEmail } = lookup;
      this.#ledger.record(key, userEmail === undefined ? { userId } : { userId, userEmail });
      // A user in the termination role keeps it unless the employee is back (lambda/core/leaver.ts).
      const guarded = guardFields(
        fields,
        userId,
        lookup.currentRoleId,
        {
          protectedRoleIds: config.roles.protectedRoleIds,
          protectedUserIds: config.protectedUserIds,
          leaverRoleId: leaverRoleOf(config.termination),
        },
        back === true,
      );
      if (guarded.skipped) {
        count(this.#summary.skipped, guarded.skipped);
        const level = guarded.skipped === 'protected-role' ? 'warn' : 'info';
        this.deps.log[level]('change withheld', {
          messageId: record.messageId,
          userId,
          reason: guarded.skipped,
        });
      }
      if (Object.keys(guarded.fields).length === 0) {
        if (event) this.#ledger.noteDone(key, record.messageId);
        continue;
      }
      mapped.push({
        sourceId: record.messageId,
        userId,
        occurredAt: change.occurredAt,
        fields: guarded.fields,
      });
      this.#ledger.noteSource(record.messageId, {
        employeeKey: key,
        key: idempotencyKey(change, userId, guarded.fields),
        at: Date.parse(change.occurredAt),
      });
    }
    return mapped;
  }

  /**
   * Takes every employee of the batch for this run before reading what was applied to it. One held by
   * another live run, or that the store cannot answer for, waits for SQS to deliver it again: without
   * its state a stale change could overwrite a newer one, so the worker never guesses.
   */
  async claim(items: Mapped[]): Promise<Mapped[]> {
    const { applied } = this.deps;
    if (!applied || this.deps.config.dryRun || items.length === 0) return items;
    if (this.#outOfTime()) {
      for (const { record } of items) await this.fail(record, this.#deadlineError());
      return [];
    }
    const keys = items.map(({ change }) => employeeKey(change));
    const lease = { owner: this.#ledger.owner, until: this.options.deadline + LEASE_MARGIN_MS };
    const outcomes = await applied.claim(keys, lease);
    const claimed: Mapped[] = [];
    let futureTimes = 0;
    for (const [index, item] of items.entries()) {
      const key = keys[index] ?? '';
      const outcome = outcomes.get(key) ?? { kind: 'busy' };
      if (outcome.kind === 'claimed') {
        futureTimes += outcome.futureTimes ?? 0;
        this.#ledger.hold(key, outcome.state);
        claimed.push(item);
      } else if (outcome.kind === 'busy') {
        const busy = transient('employee-busy', 'another invocation is applying a change to this employee');
        await this.fail(item.record, busy);
      } else {
        await this.fail(item.record, outcome.error);
      }
    }
    if (futureTimes > 0) {
      this.deps.log.warn('applied times later than now ignored, as never applied', { times: futureTimes });
    }
    return claimed;
  }

  /** Drops each field a newer (or this same) change already set; a change with none left is done. */
  dropStale(changes: MappedChange[]): MappedChange[] {
    return changes.flatMap((change) => {
      const split = this.#ledger.splitStale(change);
      if (!split || split.stale.length === 0) return [change];
      const { fresh, stale } = split;
      for (const _ of stale) count(this.#summary.skipped, 'stale');
      this.deps.log.info('stale fields dropped', { messageId: change.sourceId, fields: stale });
      if (Object.keys(fresh).length > 0) return [{ ...change, fields: fresh }];
      count(this.#summary.skipped, 'stale-change');
      return [];
    });
  }

  async apply(patches: SourcedPatch[]): Promise<void> {
    const { heymarket, log, config } = this.deps;
    if (patches.length === 0) return;
    if (config.dryRun) {
      for (const { patch, sourceIds } of patches) {
        log.info('dry run: would update user', {
          userId: patch.id,
          fields: fieldNames(patch),
          messages: sourceIds.length,
        });
      }
      this.#summary.patched = patches.length;
      return;
    }
    if (this.#outOfTime()) {
      // Starting a call we may not see the end of would risk applying it twice: leave it to SQS.
      for (const patch of patches) await this.#failAll(patch, this.#deadlineError());
      return;
    }
    let outcomes: Awaited<ReturnType<HeymarketUsers['updateUsers']>>;
    try {
      outcomes = await heymarket.updateUsers(
        patches.map(({ patch }) => patch),
        { deadline: this.options.deadline },
      );
    } catch (error) {
      for (const patch of patches) await this.#failAll(patch, classify(error));
      return;
    }
    const applied: SourcedPatch[] = [];
    for (const patch of patches) {
      const userId = patch.patch.id;
      const outcome = outcomes.get(userId);
      if (outcome?.ok) {
        this.#summary.patched += 1;
        applied.push(patch);
        if (outcome.email !== undefined) this.#ledger.noteUserEmail(patch.sourceIds, outcome.email);
        log.info('user updated', { userId, fields: fieldNames(patch.patch), requestId: outcome.requestId });
        continue;
      }
      const error =
        outcome?.error ?? permanent('heymarket-unknown-id', `Heymarket did not answer for user ${userId}`);
      if (error.kind === 'permanent') {
        log.warn('user update rejected', { userId, code: error.code, requestId: error.details.requestId });
      }
      await this.#failAll(patch, error);
    }
    this.#ledger.noteApplied(applied);
  }

  #withoutRole(fields: PatchFields, reason: string, messageId: string): PatchFields {
    const { role_id: _withheld, ...rest } = fields;
    count(this.#summary.skipped, reason);
    this.deps.log.info('role change withheld', { messageId, reason });
    return rest;
  }

  /** Lets every claimed employee go, recording what was applied; see `AppliedLedger.doneIds`. */
  async release(): Promise<void> {
    const { applied: store, log } = this.deps;
    const entries = this.#ledger.entries;
    if (!store || entries.length === 0) return;
    const failed = await store.release(entries, this.#ledger.owner);
    for (const [key, error] of failed) {
      log.warn('applied state not recorded', { code: error.code });
      for (const id of this.#ledger.doneIds(key)) {
        const record = this.#byId.get(id);
        if (record) await this.fail(record, error);
      }
    }
  }

  result(): SyncResult {
    this.deps.log.info('batch synced', { ...this.#summary });
    if (this.deps.metrics) countOutcomes(this.#summary, this.deps.metrics);
    return { retry: [...this.#retry], delays: this.#delays, summary: this.#summary };
  }

  /** Permanent → the DLQ with its reason; anything else (or a DLQ we cannot reach) → SQS redelivers. */
  async fail(record: QueueRecord, error: SyncError): Promise<undefined> {
    let outcome = error;
    if (error.kind === 'permanent' || error.kind === 'invalid-input') {
      try {
        await this.deps.deadLetters.send(record, {
          errorClass: error.code,
          message: error.message,
          attempt: record.receiveCount,
          firstSeenAt: record.firstSeenAt,
          requestId: error.details.requestId,
        });
        count(this.#summary.deadLettered, error.code);
        return undefined;
      } catch (dlqError) {
        outcome = classify(dlqError);
      }
    }
    this.#retry.add(record.messageId);
    this.#delays.set(record.messageId, retryDelaySeconds(record.receiveCount, outcome));
    count(this.#summary.retried, outcome.code);
    return undefined;
  }

  async #failAll(patch: CoalescedPatch, error: SyncError) {
    for (const id of patch.sourceIds) {
      const record = this.#byId.get(id);
      if (record) await this.fail(record, error);
    }
  }

  #outOfTime(): boolean {
    return this.deps.now() > this.options.deadline - (this.options.reserveMs ?? DEFAULT_RESERVE_MS);
  }

  #deadlineError(): SyncError {
    return transient('deadline', 'too little time left in the invocation to call out');
  }
}

function parseMessage(body: string): EmployeeChange | undefined {
  try {
    const result = QueuedChange.safeParse(JSON.parse(body));
    return result.success ? result.data : undefined;
  } catch {
    return undefined;
  }
}

/** Field names only: the values are names, which never go to a log. */
const fieldNames = (patch: object) => Object.keys(patch).filter((key) => key !== 'id');
