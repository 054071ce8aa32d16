import type { Config } from '../config/schema.js';
import { type CoalescedPatch, coalesce, type MappedChange } from '../core/coalesce.js';
import type { DeadLetterReason } from '../core/dead-letter.js';
import { EmployeeChange } from '../core/employee-change.js';
import { classify, permanent, type SyncError, transient } from '../core/errors.js';
import { mapToPatch } from '../core/map-to-patch.js';
import { userRefFor } from '../core/resolve-user.js';
import type { TtlCache } from '../core/ttl-cache.js';
import type { HeymarketUsers } from '../heymarket/types.js';
import type { Log } from '../observability/log.js';

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
  /** Lower-cased work email → Heymarket user id, kept warm across invocations. */
  userIds: TtlCache<string, number>;
  log: Log;
  now: () => number;
}

export interface SyncOptions {
  /** Epoch ms by which the invocation must be done; no Heymarket call starts after `deadline - reserveMs`. */
  deadline: number;
  reserveMs?: number;
}

export interface SyncSummary {
  received: number;
  patched: number;
  skipped: Record<string, number>;
  deadLettered: Record<string, number>;
  retried: Record<string, number>;
  dryRun: boolean;
}

export interface SyncResult {
  /** Message ids SQS must deliver again (`batchItemFailures`). */
  retry: string[];
  summary: SyncSummary;
}

const count = (tally: Record<string, number>, key: string, by = 1) => {
  tally[key] = (tally[key] ?? 0) + by;
};

/**
 * One batch of queue messages → at most one `users/get` and ceil(users / chunk) `users/update` calls.
 * Every message ends in exactly one place: done, skipped (counted), retried by SQS, or dead-lettered
 * with its reason.
 */
export async function syncBatch(
  records: readonly QueueRecord[],
  deps: SyncDeps,
  options: SyncOptions,
): Promise<SyncResult> {
  const { config, log } = deps;
  const summary: SyncSummary = {
    received: records.length,
    patched: 0,
    skipped: {},
    deadLettered: {},
    retried: {},
    dryRun: config.dryRun,
  };
  const retry = new Set<string>();
  const byId = new Map(records.map((record) => [record.messageId, record]));

  const fail = async (record: QueueRecord, error: SyncError) => {
    if (error.kind === 'permanent' || error.kind === 'invalid-input') {
      try {
        await deps.deadLetters.send(record, {
          errorClass: error.code,
          message: error.message,
          attempt: record.receiveCount,
          firstSeenAt: record.firstSeenAt,
          requestId: error.details.requestId,
        });
        count(summary.deadLettered, error.code);
        return;
      } catch (dlqError) {
        // The DLQ is unreachable: let SQS redeliver rather than lose the message.
        error = classify(dlqError);
      }
    }
    retry.add(record.messageId);
    count(summary.retried, error.code);
  };

  // 1. Parse and map; anything unparseable is permanent: no retry will make it parse.
  const pending: { record: QueueRecord; change: EmployeeChange; fields: MappedChange['fields'] }[] = [];
  for (const record of records) {
    const change = parseMessage(record.body);
    if (!change) {
      await fail(
        record,
        permanent('invalid-message', `message ${record.messageId} is not a valid EmployeeChange v1`),
      );
      continue;
    }
    if (change.needsEnrichment) {
      await fail(
        record,
        permanent('enrichment-unsupported', `provider ${change.provider} sent a thin event`),
      );
      continue;
    }
    const mapped = mapToPatch(change, config);
    if (mapped.kind === 'skip') {
      count(summary.skipped, mapped.reason);
      continue;
    }
    pending.push({ record, change, fields: mapped.fields });
  }

  // 2. Resolve Heymarket user ids: overrides, then the warm cache, then one lookup for the rest.
  const refs = pending.map(({ change }) => userRefFor(change, config.identityOverrides));
  const unknownEmails = [
    ...new Set(
      refs.flatMap((ref) =>
        ref.kind === 'email' && deps.userIds.get(ref.email) === undefined ? [ref.email] : [],
      ),
    ),
  ];
  let lookupError: SyncError | undefined;
  if (unknownEmails.length > 0) {
    if (deps.now() > options.deadline - (options.reserveMs ?? 5_000)) {
      lookupError = transient('deadline', 'too little time left in the invocation to call Heymarket');
    } else {
      try {
        const found = await deps.heymarket.findUsersByEmail(unknownEmails, { deadline: options.deadline });
        for (const [email, membership] of found) deps.userIds.set(email, membership.id);
      } catch (error) {
        lookupError = classify(error);
      }
    }
  }

  const mapped: MappedChange[] = [];
  for (const [index, item] of pending.entries()) {
    const ref = refs[index];
    if (!ref) continue;
    if (ref.kind === 'none') {
      await fail(
        item.record,
        permanent('no-work-email', `employee ${item.change.employee.id} has no work email`),
      );
      continue;
    }
    const userId = ref.kind === 'user' ? ref.userId : deps.userIds.get(ref.email);
    if (userId === undefined) {
      await fail(
        item.record,
        lookupError ??
          permanent(
            'unknown-email',
            `no Heymarket user has the work email of employee ${item.change.employee.id}`,
          ),
      );
      continue;
    }
    mapped.push({
      sourceId: item.record.messageId,
      userId,
      occurredAt: item.change.occurredAt,
      fields: item.fields,
    });
  }

  // 3. One patch per user, newest value per field; then send (or only log, in dry run).
  const patches = coalesce(mapped);
  if (config.dryRun) {
    for (const { patch, sourceIds } of patches) {
      log.info('dry run: would update user', {
        userId: patch.id,
        fields: fieldNames(patch),
        messages: sourceIds.length,
      });
    }
    summary.patched = patches.length;
    return { retry: [...retry], summary };
  }
  if (patches.length > 0) await sendPatches(patches, deps, options, { byId, fail, summary });
  log.info('batch synced', { ...summary });
  return { retry: [...retry], summary };
}

async function sendPatches(
  patches: CoalescedPatch[],
  deps: SyncDeps,
  options: SyncOptions,
  ctx: {
    byId: Map<string, QueueRecord>;
    fail: (record: QueueRecord, error: SyncError) => Promise<void>;
    summary: SyncSummary;
  },
) {
  const failAll = async (patch: CoalescedPatch, error: SyncError) => {
    for (const id of patch.sourceIds) {
      const record = ctx.byId.get(id);
      if (record) await ctx.fail(record, error);
    }
  };
  if (deps.now() > options.deadline - (options.reserveMs ?? 5_000)) {
    // Starting a call we may not see the end of would risk applying it twice: leave it to SQS.
    const error = transient('deadline', 'too little time left in the invocation to call Heymarket');
    for (const patch of patches) await failAll(patch, error);
    return;
  }
  let outcomes: Awaited<ReturnType<HeymarketUsers['updateUsers']>>;
  try {
    outcomes = await deps.heymarket.updateUsers(
      patches.map(({ patch }) => patch),
      { deadline: options.deadline },
    );
  } catch (error) {
    for (const patch of patches) await failAll(patch, classify(error));
    return;
  }
  for (const patch of patches) {
    const outcome = outcomes.get(patch.patch.id);
    if (outcome?.ok) {
      ctx.summary.patched += 1;
      deps.log.info('user updated', {
        userId: patch.patch.id,
        fields: fieldNames(patch.patch),
        requestId: outcome.requestId,
      });
    } else {
      const error =
        outcome?.error ??
        permanent('heymarket-unknown-id', `Heymarket did not answer for user ${patch.patch.id}`);
      if (error.kind === 'permanent') {
        deps.log.warn('user update rejected', {
          userId: patch.patch.id,
          code: error.code,
          requestId: error.details.requestId,
        });
      }
      await failAll(patch, error);
    }
  }
}

function parseMessage(body: string): EmployeeChange | undefined {
  try {
    const result = EmployeeChange.safeParse(JSON.parse(body));
    return result.success ? result.data : undefined;
  } catch {
    return undefined;
  }
}

/** Field names only: the values are names, which never go to a log. */
const fieldNames = (patch: object) => Object.keys(patch).filter((key) => key !== 'id');
