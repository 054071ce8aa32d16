import { employeeKey } from '../core/applied.js';
import { coalesceWithSources } from '../core/coalesce.js';
import { classify, permanent, type SyncError, transient } from '../core/errors.js';
import { batchLeavers } from '../core/leaver-findings.js';
import { mapConcurrently } from '../core/map-concurrently.js';
import type { EmployeeRead, QueueRecord } from '../core/ports.js';
import { dropStale, dropSupersededRoles, guardChanges, lookupRequests } from '../core/sync-guard.js';
import {
  keepLeaversLeft,
  needsFetch,
  type PlannedChange,
  planPatches,
  readMessages,
  type WorkItem,
  withEmployee,
} from '../core/sync-plan.js';
import { QueuedChange } from '../providers/index.js';
import { recordLeavers } from './batch-leavers.js';
import {
  type BatchRun,
  deadlineError,
  fail,
  outOfTime,
  type SyncDeps,
  type SyncOptions,
  settle,
  startBatch,
} from './batch-run.js';
import { applyPatches } from './sync-apply.js';
import { countOutcomes, type SyncSummary } from './sync-summary.js';
import { lookUpUsers } from './user-lookup.js';

export type { SyncDeps, SyncOptions } from './batch-run.js';
export type { SyncSummary } from './sync-summary.js';

export interface SyncResult {
  /** Message ids SQS must deliver again (`batchItemFailures`). */
  retry: string[];
  /** Per retried message id, how long it should stay hidden first (see `retryDelaySeconds`). */
  delays: Map<string, number>;
  summary: SyncSummary;
}

// HR APIs allow about 50–100 requests a minute (https://apidocs.hibob.com/reference/rate-limiting,
// https://docs.merge.dev/basics/rate-limits/): a few at a time, not a batch at once.
const ENRICH_CONCURRENCY = 4;
// A lease outlives the invocation's deadline by this much, so it expires only once the run is over.
const LEASE_MARGIN_MS = 10_000;

/**
 * One batch of queue messages → enrich thin events → map → claim the employees → keep leavers' roles
 * (lambda/core/leaver.ts) → resolve users and read the roles they hold (at most one `users/get`) →
 * the role guard (lambda/core/role-guard.ts) → one patch per user → ceil(users / chunk) `users/update`
 * calls. Every message ends in exactly one place: done, skipped (counted), retried by SQS, or
 * dead-lettered with its reason. The decisions are the plan's (lambda/core/sync-plan.ts,
 * lambda/core/sync-guard.ts); this step does the calls between them.
 */
export async function syncBatch(
  records: readonly QueueRecord[],
  deps: SyncDeps,
  options: SyncOptions,
): Promise<SyncResult> {
  const run = startBatch(records, deps, options);
  const { ledger } = run;
  const parsed = await settle(run, readMessages(records, deps.now(), QueuedChange));
  const complete = await enrich(run, parsed);
  const planned = await claim(run, await settle(run, planPatches(complete, deps.config)));
  let leavers: ReturnType<typeof batchLeavers> = [];
  try {
    const left = keepLeaversLeft(planned, ledger);
    run.summary.rehired += left.rehired;
    const kept = await settle(run, dropSupersededRoles(await settle(run, left), ledger));
    // A leaver whose termination changes no field (`termination.action: ignore`) is looked up in the
    // same users/get, to name the seat they keep.
    const reviewed = deps.accessReview && !deps.config.dryRun ? left.leavers : [];
    const keptIds = new Set(kept.map(({ record }) => record.messageId));
    const looked = [...kept, ...reviewed.filter(({ record }) => !keptIds.has(record.messageId))];
    const lookups = await lookUp(run, looked);
    const guarded = await settle(run, guardChanges(kept, lookups, ledger, deps.config));
    const applied = await applyPatches(
      run,
      coalesceWithSources(await settle(run, dropStale(guarded, ledger))),
    );
    leavers = batchLeavers(reviewed, { looked, lookups }, applied);
  } finally {
    await release(run);
  }
  await recordLeavers(run, leavers);
  deps.log.info('batch synced', { ...run.summary });
  if (deps.metrics) countOutcomes(run.summary, deps.metrics);
  return { retry: [...run.retry.keys()], delays: run.retry, summary: run.summary };
}

/**
 * Fetches the employee of each thin event from its HR API, a few employees at a time: one read per
 * employee (provider, tenant, id) for all of the batch's events of it. A read that fails fails every
 * message that needed it; one the record does not serve (HiBob's read-after-write lag) fails alone.
 */
async function enrich(run: BatchRun, items: WorkItem[]): Promise<WorkItem[]> {
  const { deps, options } = run;
  const { enrich: read } = deps;
  const results: (WorkItem | undefined)[] = [...items];
  const reads = new Map<string, number[]>();
  for (const [index, item] of items.entries()) {
    if (!needsFetch(item.change, deps.config)) continue;
    results[index] = undefined;
    if (!read) {
      const reason = `provider ${item.change.provider} sent a thin event and the worker has no HR API for it`;
      await fail(run, item.record, permanent('enrichment-unavailable', reason));
      continue;
    }
    const key = employeeKey(item.change);
    const same = reads.get(key);
    if (same) same.push(index);
    else reads.set(key, [index]);
  }
  if (read) {
    await mapConcurrently([...reads.values()], ENRICH_CONCURRENCY, async (indexes) => {
      const group = indexes.map((index) => items[index] as WorkItem);
      const failAll = async (error: SyncError) => {
        for (const { record } of group) await fail(run, record, error);
      };
      if (outOfTime(run)) return failAll(deadlineError());
      let answers: EmployeeRead[];
      try {
        answers = await read(
          group.map(({ change }) => change),
          { deadline: options.deadline },
        );
      } catch (error) {
        return failAll(classify(error));
      }
      for (const [position, index] of indexes.entries()) {
        const item = group[position] as WorkItem;
        const answer = answers[position];
        if (!answer || 'error' in answer) {
          await fail(run, item.record, classify(answer?.error ?? new Error('the HR API answered no read')));
          continue;
        }
        run.summary.enriched += 1;
        results[index] = withEmployee(item, answer.employee);
      }
    });
  }
  return results.filter((item): item is WorkItem => item !== undefined);
}

/**
 * Takes every employee of the batch for this run before reading what was applied to it. One held by
 * another live run, or that the store cannot answer for, waits for SQS to deliver it again: without
 * its state a stale change could overwrite a newer one, so the worker never guesses.
 */
async function claim(run: BatchRun, items: PlannedChange[]): Promise<PlannedChange[]> {
  const { deps, options, ledger } = run;
  const { applied } = deps;
  if (!applied || deps.config.dryRun || items.length === 0) return items;
  if (outOfTime(run)) {
    for (const { record } of items) await fail(run, record, deadlineError());
    return [];
  }
  const keys = items.map(({ change }) => employeeKey(change));
  const outcomes = await applied.claim(keys, {
    owner: ledger.owner,
    until: options.deadline + LEASE_MARGIN_MS,
  });
  const claimed: PlannedChange[] = [];
  let futureTimes = 0;
  for (const [index, item] of items.entries()) {
    const key = keys[index] ?? '';
    const outcome = outcomes.get(key) ?? { kind: 'busy' };
    if (outcome.kind === 'claimed') {
      futureTimes += outcome.futureTimes ?? 0;
      ledger.hold(key, outcome.state);
      claimed.push(item);
    } else if (outcome.kind === 'busy') {
      const busy = transient('employee-busy', 'another invocation is applying a change to this employee');
      await fail(run, item.record, busy);
    } else {
      await fail(run, item.record, outcome.error);
    }
  }
  if (futureTimes > 0) {
    deps.log.warn('applied times later than now ignored, as never applied', { times: futureTimes });
  }
  return claimed;
}

/** Finds each change's user: at most one `users/get` for the batch (see `lookUpUsers`). */
const lookUp = (run: BatchRun, items: PlannedChange[]) =>
  lookUpUsers(lookupRequests(items, run.ledger), run.deps, {
    deadline: run.options.deadline,
    refuse: () => (outOfTime(run) ? deadlineError() : undefined),
  });

/** Lets every claimed employee go, recording what was applied; see `AppliedLedger.doneIds`. */
async function release(run: BatchRun): Promise<void> {
  const { applied: store, log } = run.deps;
  const entries = run.ledger.entries;
  if (!store || entries.length === 0) return;
  const failed = await store.release(entries, run.ledger.owner);
  for (const [key, error] of failed) {
    log.warn('applied state not recorded', { code: error.code });
    for (const id of run.ledger.doneIds(key)) {
      const record = run.byId.get(id);
      if (record) await fail(run, record, error);
    }
  }
}
